import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Executor } from './audit.repository.ts';

export interface OverrideRow {
  region_code: string;
  day: string;
  kind: 'workday' | 'holiday';
  name: string | null;
  version: number;
}

/** Versioned working-day corrections per region: each save is a new version; the latest entry for a day wins. */
export class CalendarRepository {
  constructor(private readonly db: Database) {}

  /** The effective overrides of these regions: per region and day, the entry of the highest version, unless it clears. */
  async effective(regionCodes: string[]): Promise<OverrideRow[]> {
    if (regionCodes.length === 0) return [];
    const rows = await sql<Omit<OverrideRow, 'kind'> & { kind: OverrideRow['kind'] | 'clear' }>`
      select distinct on (region_code, day) region_code, to_char(day, 'YYYY-MM-DD') as day, kind, name, version
      from calendar_overrides
      where region_code in (${sql.join(regionCodes)})
      order by region_code, day, version desc`.execute(this.db);
    return rows.rows.filter((r): r is OverrideRow => r.kind !== 'clear');
  }

  /** Latest version number of each of these regions (0 when none), to notice changes made elsewhere. */
  async versions(regionCodes: string[]): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('calendar_overrides')
      .select(['region_code', (eb) => eb.fn.max('version').as('v')])
      .where('region_code', 'in', regionCodes)
      .groupBy('region_code')
      .execute();
    return new Map(rows.map((r) => [r.region_code, Number(r.v)]));
  }

  async history(regionCode: string) {
    return this.db
      .selectFrom('calendar_overrides')
      .leftJoin('users', 'users.id', 'calendar_overrides.created_by')
      .select(['calendar_overrides.version', (eb) => eb.fn.countAll<number>().as('days'), (eb) => eb.fn.min('calendar_overrides.created_at').as('created_at'), (eb) => eb.fn.min('users.username').as('created_by')])
      .where('calendar_overrides.region_code', '=', regionCode)
      .groupBy('calendar_overrides.version')
      .orderBy('calendar_overrides.version', 'desc')
      .execute();
  }

  /**
   * Writes one new version; the lock on the region keeps two saves from sharing a number. With
   * `expected`, writes only if the latest version is still that one (else undefined, nothing written).
   */
  async saveVersion(trx: Executor, regionCode: string, days: { day: string; kind: 'workday' | 'holiday' | 'clear'; name: string | null }[], userId: number | null): Promise<number>;
  async saveVersion(trx: Executor, regionCode: string, days: { day: string; kind: 'workday' | 'holiday' | 'clear'; name: string | null }[], userId: number | null, expected: number): Promise<number | undefined>;
  async saveVersion(trx: Executor, regionCode: string, days: { day: string; kind: 'workday' | 'holiday' | 'clear'; name: string | null }[], userId: number | null, expected?: number): Promise<number | undefined> {
    await sql`select pg_advisory_xact_lock(hashtext(${`calendar:${regionCode}`}))`.execute(trx);
    const current = await trx.selectFrom('calendar_overrides').select((eb) => eb.fn.max('version').as('v')).where('region_code', '=', regionCode).executeTakeFirst();
    if (expected !== undefined && Number(current?.v ?? 0) !== expected) return undefined;
    const version = Number(current?.v ?? 0) + 1;
    await trx
      .insertInto('calendar_overrides')
      .values(days.map((d) => ({ region_code: regionCode, version, day: d.day, kind: d.kind, name: d.name, created_by: userId })))
      .execute();
    return version;
  }
}
