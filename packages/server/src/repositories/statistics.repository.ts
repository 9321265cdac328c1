import { emptyCounts, regionPrefix, splitByMonths, STAT_MEASURES, type DateRange, type StatCounts } from '@hcp/domain';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DataScope } from '../services/actor.ts';
import type { Executor } from './audit.repository.ts';

/** What to count: the viewer's scope and the slice asked for, all ANDed. */
export interface StatSlice {
  scope: DataScope & { orgPaths?: string[] };
  /** A region subtree (12-digit code). */
  regionCode?: string;
  /** A unit subtree: the materialised path of a unit (cases carry their unit's path). */
  orgPath?: string;
  /** Windows (a window, or the windows of a hall, station or center). */
  windowIds?: number[];
  staffId?: number;
  /** Every version of one service item. */
  itemIds?: number[];
  channel?: string;
}

export const STAT_GROUPS = ['channel', 'unit', 'window', 'staff', 'item', 'region', 'day', 'month'] as const;
export type StatGroup = (typeof STAT_GROUPS)[number];

export interface StatRow {
  /** The group's key: a channel, an id, a 12-digit region code, YYYY-MM-DD or YYYY-MM; '' without grouping. */
  key: string;
  counts: StatCounts;
}

/** The rollup tables (see migration 20261122T1600-statistics) by the dimensions they keep. */
type Grain = 'region' | 'unit' | 'fine';
const TABLES: Record<Grain, { month: string; day: string }> = {
  region: { month: 'stat_region_month', day: 'stat_region_day' },
  unit: { month: 'stat_unit_month', day: 'stat_day' },
  fine: { month: 'stat_month', day: 'stat_day' },
};

const KEY: Record<StatGroup | 'none', RawBuilder<string>> = {
  none: sql<string>`''`,
  channel: sql<string>`channel`,
  unit: sql<string>`unit_id::text`,
  window: sql<string>`window_id::text`,
  staff: sql<string>`staff_id::text`,
  item: sql<string>`item_id::text`,
  region: sql<string>`region_code::text`,
  day: sql<string>`to_char(day, 'YYYY-MM-DD')`,
  month: sql<string>`to_char(day, 'YYYY-MM')`,
};

/** The smallest rollup that keeps every dimension the slice filters or groups by. */
function grainOf(s: StatSlice, group: StatGroup | 'none'): Grain {
  if (s.windowIds || s.staffId !== undefined || s.itemIds || group === 'window' || group === 'staff' || group === 'item') return 'fine';
  if (s.orgPath || s.scope.orgPath || s.scope.orgPaths || group === 'unit') return 'unit';
  return 'region';
}

/** A region subtree as a range of 12-digit codes, which the rollups' primary keys can scan. */
function regionRange(code: string): [string, string] {
  const p = regionPrefix(code);
  return [p.padEnd(12, '0'), p.padEnd(12, '9')];
}

function conditions(s: StatSlice): RawBuilder<SqlBool>[] {
  const c: RawBuilder<SqlBool>[] = [];
  for (const region of [s.scope.regionCode, s.regionCode]) {
    if (!region) continue;
    const [lo, hi] = regionRange(region);
    c.push(sql<SqlBool>`region_code between ${lo} and ${hi}`);
  }
  if (s.scope.orgPath) c.push(sql<SqlBool>`org_path like ${s.scope.orgPath + '%'}`);
  if (s.scope.orgPaths) {
    const any = s.scope.orgPaths.map((p) => sql<SqlBool>`org_path like ${p + '%'}`);
    c.push(any.length ? sql<SqlBool>`(${sql.join(any, sql` or `)})` : sql<SqlBool>`false`);
  }
  if (s.orgPath) c.push(sql<SqlBool>`org_path like ${s.orgPath + '%'}`);
  if (s.windowIds) c.push(s.windowIds.length ? sql<SqlBool>`window_id in (${sql.join(s.windowIds)})` : sql<SqlBool>`false`);
  if (s.staffId !== undefined) c.push(sql<SqlBool>`staff_id = ${s.staffId}`);
  if (s.itemIds) c.push(s.itemIds.length ? sql<SqlBool>`item_id in (${sql.join(s.itemIds)})` : sql<SqlBool>`false`);
  if (s.channel !== undefined) c.push(sql<SqlBool>`channel = ${s.channel}`);
  return c;
}

const measures = sql.join(STAT_MEASURES.map((m) => sql.ref(m)));
const sums = sql.join(STAT_MEASURES.map((m) => sql`sum(${sql.ref(m)})::bigint as ${sql.ref(m)}`));

/**
 * Reads of the statistics rollups, and their rebuild. A period is read from the monthly rollup for
 * its whole months and from the daily one for the days at either end; the dimensions asked for pick
 * the coarsest rollup that has them, so a province's quarter is a few thousand rows.
 */
export class StatisticsRepository {
  constructor(private readonly db: Database) {}

  /** The counts of a slice over a period, one row per group (one row with key '' without grouping). */
  async sum(slice: StatSlice, range: DateRange, group: StatGroup | 'none'): Promise<{ rows: StatRow[]; sources: string[] }> {
    const grain = grainOf(slice, group);
    const where = conditions(slice);
    const pieces: { table: string; from: string; to: string }[] = [];
    if (group === 'day') pieces.push({ table: TABLES[grain].day, from: range.from, to: range.to });
    else {
      const { months, days } = splitByMonths(range);
      if (months.length) pieces.push({ table: TABLES[grain].month, from: months[0]!, to: months[months.length - 1]! });
      for (const d of days) pieces.push({ table: TABLES[grain].day, ...d });
    }
    const selects = pieces.map((p) => {
      const all = [sql<SqlBool>`day between ${p.from}::date and ${p.to}::date`, ...where];
      return sql`select ${KEY[group]} as key, ${measures} from ${sql.table(p.table)} where ${sql.join(all, sql` and `)}`;
    });
    const query = sql<Record<string, number | string>>`select key, ${sums} from (${sql.join(selects, sql` union all `)}) s group by key`;
    const result = await query.execute(this.db);
    const rows = result.rows.map((r) => {
      const counts = emptyCounts();
      for (const m of STAT_MEASURES) counts[m] = Number(r[m] ?? 0);
      return { key: String(r.key), counts };
    });
    if (group === 'none' && rows.length === 0) rows.push({ key: '', counts: emptyCounts() });
    return { rows, sources: [...new Set(pieces.map((p) => p.table))] };
  }

  /** Recomputes every rollup from evaluations, cases and work orders (stat_rebuild in the migration). */
  async rebuild(trx: Executor): Promise<void> {
    await sql`select stat_rebuild()`.execute(trx);
  }

  /** Rows of one rollup with any count other than zero, in key order: what a rebuild must reproduce. */
  async nonZeroRows(table: (typeof ROLLUP_TABLES)[number]): Promise<Record<string, unknown>[]> {
    const anyCount = sql.join(STAT_MEASURES.map((m) => sql`${sql.ref(m)} <> 0`), sql` or `);
    const result = await sql<Record<string, unknown>>`select * from ${sql.table(table)} where ${anyCount} order by 1, 2, 3, 4, 5, 6, 7, 8`.execute(this.db);
    return result.rows;
  }

  /** How many rows each rollup holds. */
  async rowCounts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const t of ROLLUP_TABLES) out[t] = Number((await sql<{ n: number }>`select count(*)::bigint as n from ${sql.table(t)}`.execute(this.db)).rows[0]!.n);
    return out;
  }

  // Names for the groups of a table or chart.

  async organisationNames(ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async staffNames(ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('staff').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Item code and the current name of each item version id. */
  async itemsOfVersions(ids: number[]): Promise<Map<number, { code: string; name: string }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('service_items as v')
      .leftJoin('service_items as cur', (j) => j.onRef('cur.item_code', '=', 'v.item_code').on('cur.superseded_at', 'is', null))
      .select(['v.id', 'v.item_code', 'v.name', 'cur.name as current_name'])
      .where('v.id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, { code: r.item_code, name: r.current_name ?? r.name }]));
  }

  /** The regions directly below one (the provinces below the national root `null`). */
  childRegions(code: string | null) {
    const q = this.db.selectFrom('regions').select(['code', 'name']).orderBy('code');
    return (code ? q.where('parent_code', '=', code) : q.where('parent_code', 'is', null)).execute();
  }

  /** The windows inside an organisation's subtree (a hall, station or center). */
  async windowsUnder(path: string): Promise<number[]> {
    const rows = await this.db.selectFrom('organisations').select('id').where('kind', '=', 'window').where('path', 'like', `${path}%`).execute();
    return rows.map((r) => r.id);
  }
}

export const ROLLUP_TABLES = ['stat_day', 'stat_month', 'stat_unit_month', 'stat_region_day', 'stat_region_month'] as const;
