import {
  addCounts,
  addDays,
  checkRange,
  computeMetrics,
  EVALUATION_CHANNEL_INFO,
  isInRegion,
  isValidLocalDate,
  METRICS_FORMULA_VERSION,
  NATIONAL_DEFAULT_POLICY,
  periodContaining,
  rangeDays,
  rankingMethodText,
  rankObjects,
  regionPrefix,
  shanghaiDateOf,
  STAT_LEVELS,
  type DateRange,
  type EvaluationChannel,
  type Metrics,
  type StatisticsGroup,
  type PeriodUnit,
  type RankingMetric,
  type RatingKind,
  type StatCounts,
} from '@hcp/domain';
import type { Database } from '../db/database.ts';
import { forbidden, invalid, outOfScope, unknownReference } from '../errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { OrganisationRepository } from '../repositories/organisation.repository.ts';
import type { RegionRepository } from '../repositories/region.repository.ts';
import type { ServiceItemRepository } from '../repositories/service-item.repository.ts';
import type { StaffRepository } from '../repositories/staff.repository.ts';
import type { StatGroup, StatisticsRepository, StatRow, StatSlice } from '../repositories/statistics.repository.ts';
import { auditActor, listScope, requireInScope, requirePermission, type Ctx } from './actor.ts';
import type { PolicyInForce } from './evaluation.service.ts';

/** The longest period one query may span (three years), and the longest with a point per day. */
export const STATISTICS_MAX_DAYS = 1096;
export const STATISTICS_MAX_DAYS_BY_DAY = 366;
const NATIONAL = '000000000000';

/** The slice and period of a statistics or ranking request, as the route passes it on. */
export interface SliceQuery {
  regionCode?: string;
  orgId?: number;
  windowId?: number;
  staffId?: number;
  itemCode?: string;
  channel?: EvaluationChannel;
  /** A named period containing `date` (default: the month containing today)… */
  period?: PeriodUnit;
  date?: string;
  /** …or any range of whole days, both inclusive. */
  from?: string;
  to?: string;
}

export type StatisticsGroupBy = StatGroup | 'level';

export interface StatisticsQuery extends SliceQuery {
  kind?: RatingKind;
  groupBy?: StatisticsGroupBy;
  limit?: number;
}

export interface StatisticsResult {
  formulaVersion: number;
  period: DateRange & { days: number; visibleThrough: string | null };
  kind: RatingKind;
  groupBy: StatisticsGroupBy | null;
  total: Metrics;
  groups: StatisticsGroup[];
  groupsTotal: number;
  /** The rollup tables read. */
  sources: string[];
}

export const RANKING_LEVELS = ['unit', 'window', 'staff', 'item', 'region'] as const;
export type RankingLevel = (typeof RANKING_LEVELS)[number];

export interface RankingQuery extends SliceQuery {
  level: RankingLevel;
  metric?: RankingMetric;
}

/**
 * Supervision statistics (监督统计) and fair rankings (排名), read from the rollups: every request is
 * limited to the viewer's data scope, and every slice it names must lie inside that scope. Window
 * clerks see only their own figures (their staff record) and only for days that ended at least their
 * policy's clerkSeesRatingsAfterHours ago, as with the rating list.
 */
export class StatisticsService {
  constructor(
    private readonly db: Database,
    private readonly stats: StatisticsRepository,
    private readonly orgs: OrganisationRepository,
    private readonly staff: StaffRepository,
    private readonly items: ServiceItemRepository,
    private readonly regions: RegionRepository,
    private readonly policyFor: (regionCode: string) => Promise<PolicyInForce>,
    private readonly audit: AuditRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async query(ctx: Ctx, q: StatisticsQuery): Promise<StatisticsResult> {
    requirePermission(ctx, 'statistics.read');
    const kind = q.kind ?? 'active';
    const groupBy = q.groupBy ?? null;
    const range = this.period(q, groupBy === 'day' ? STATISTICS_MAX_DAYS_BY_DAY : STATISTICS_MAX_DAYS);
    const slice = await this.slice(ctx, q);
    const visibleThrough = await this.clerkVisibleThrough(ctx);
    const counted: DateRange | null = visibleThrough === null ? range : visibleThrough < range.from ? null : { from: range.from, to: visibleThrough < range.to ? visibleThrough : range.to };
    const withParticipation = q.channel === undefined;
    const dbGroup = groupBy === null || groupBy === 'level' ? 'none' : groupBy;
    const { rows, sources } = counted ? await this.stats.sum(slice, counted, dbGroup) : { rows: [], sources: [] };
    const total = computeMetrics(addCounts(...rows.map((r) => r.counts)), kind, withParticipation);
    const groups = groupBy === null ? [] : groupBy === 'level' ? levelGroups(total) : await this.groups(groupBy, rows, slice, kind, withParticipation, total);
    const limit = q.limit ?? 1000;
    return {
      formulaVersion: METRICS_FORMULA_VERSION,
      period: { ...range, days: rangeDays(range), visibleThrough },
      kind,
      groupBy,
      total,
      groups: groups.slice(0, limit),
      groupsTotal: groups.length,
      sources,
    };
  }

  /** A fair ranking of the objects at `level` inside the slice (method: @hcp/domain metrics/ranking.ts). */
  async ranking(ctx: Ctx, q: RankingQuery) {
    requirePermission(ctx, 'ranking.read');
    const metric = q.metric ?? 'satisfaction';
    const range = this.period(q, STATISTICS_MAX_DAYS);
    const slice = await this.slice(ctx, q);
    const { rows } = await this.stats.sum(slice, range, q.level);
    const policy = await this.policyFor(slice.regionCode ?? slice.scope.regionCode ?? NATIONAL);
    const grouped = await this.groups(q.level, rows, slice, 'active', false, computeMetrics(addCounts(...rows.map((r) => r.counts)), 'active', false));
    // "No window" and "no staff member" are not objects, and a region is not ranked among its children.
    const base = slice.regionCode ?? slice.scope.regionCode ?? null;
    const objects = grouped.filter((g) => g.key !== '0' && !(q.level === 'region' && g.key === base));
    const inputs = objects.map((g) => {
      const r = g.metrics!.ratings;
      return { key: g.key, volume: r.total, levelSum: STAT_LEVELS.reduce((s, l) => s + l * r.byLevel[l], 0), bad: r.bad };
    });
    const ranking = rankObjects(inputs, policy.policy.ranking, metric);
    const labels = new Map(objects.map((g) => [g.key, g.label]));
    return {
      formulaVersion: ranking.formulaVersion,
      level: q.level,
      metric,
      period: { ...range, days: rangeDays(range) },
      method: { ...ranking.policy, prior: ranking.prior, policyRegionCode: policy.regionCode, policyVersion: policy.version, text: rankingMethodText(ranking.policy) },
      items: ranking.items.map((i) => ({ ...i, label: labels.get(i.key) ?? null, ranked: i.rank !== null })),
    };
  }

  /** The ranking method of a region's policy as the public page shows it (no login). */
  async rankingMethod(regionCode: string | undefined) {
    if (regionCode && !(await this.regions.find(regionCode))) throw unknownReference('regionCode', 'no such region');
    const p = await this.policyFor(regionCode ?? NATIONAL);
    return { formulaVersion: METRICS_FORMULA_VERSION, regionCode: p.regionCode, policyVersion: p.version, ...p.policy.ranking, text: rankingMethodText(p.policy.ranking) };
  }

  /** Recomputes every rollup from the raw records (hcp stats rebuild), audited. */
  async rebuild(ctx: Ctx): Promise<{ seconds: number; rows: Record<string, number> }> {
    if (ctx.actor.kind !== 'system') throw forbidden('the rollups are rebuilt from the command line (hcp stats rebuild)');
    const started = Date.now();
    await this.db.transaction().execute(async (trx) => {
      await this.stats.rebuild(trx);
      await this.audit.append(trx, { ...auditActor(ctx), action: 'statistics.rebuild', targetType: 'statistics', targetId: null, detail: {} });
    });
    return { seconds: (Date.now() - started) / 1000, rows: await this.stats.rowCounts() };
  }

  /** The period asked for: a range of dates, or the named period containing a date (today by default). */
  private period(q: SliceQuery, maxDays: number): DateRange {
    if (q.from !== undefined || q.to !== undefined) {
      if (q.period !== undefined || q.date !== undefined) throw invalid('period', 'give either period (and date) or from and to, not both');
      if (q.from === undefined) throw invalid('from', 'required with to');
      if (q.to === undefined) throw invalid('to', 'required with from');
      const r = { from: q.from, to: q.to };
      const problem = checkRange(r, maxDays);
      if (problem) throw invalid(problem.field, problem.reason);
      return r;
    }
    const date = q.date ?? shanghaiDateOf(this.now());
    if (!isValidLocalDate(date)) throw invalid('date', 'a date YYYY-MM-DD');
    const r = periodContaining(q.period ?? 'month', date);
    const problem = checkRange(r, maxDays);
    if (problem) throw invalid('period', problem.reason);
    return r;
  }

  /** Resolves the slice's ids, refusing unknown ones (422) and any outside the viewer's scope (403). */
  private async slice(ctx: Ctx, q: SliceQuery): Promise<StatSlice> {
    const scope = listScope(ctx);
    const s: StatSlice = { scope };
    if (q.regionCode !== undefined) {
      if (!(await this.regions.find(q.regionCode))) throw unknownReference('regionCode', 'no such region');
      // On the region axis only: an organisation-scoped viewer may narrow to a region; the scope still applies.
      if (scope.regionCode && !isInRegion(q.regionCode, scope.regionCode)) throw outOfScope('region');
      s.regionCode = q.regionCode;
    }
    if (q.orgId !== undefined) {
      const org = await this.orgs.find(q.orgId);
      if (!org) throw unknownReference('orgId', 'no such organisation');
      requireInScope(ctx, { regionCode: org.region_code, orgPath: org.path }, 'organisation');
      if (org.kind === 'unit') s.orgPath = org.path;
      else if (org.kind === 'window') s.windowIds = [org.id];
      else s.windowIds = await this.stats.windowsUnder(org.path);
    }
    if (q.windowId !== undefined) {
      const w = await this.orgs.find(q.windowId);
      if (!w || w.kind !== 'window') throw unknownReference('windowId', 'no such window');
      requireInScope(ctx, { regionCode: w.region_code, orgPath: w.path }, 'window');
      s.windowIds = s.windowIds ? s.windowIds.filter((id) => id === w.id) : [w.id];
    }
    const actor = ctx.actor;
    const ownStaff = actor.kind === 'user' && actor.role === 'clerk' ? actor.staffId : null;
    if (q.staffId !== undefined) {
      if (ownStaff !== null && q.staffId !== ownStaff) throw forbidden('a window clerk sees only their own figures');
      const st = await this.staff.find(q.staffId);
      if (!st) throw unknownReference('staffId', 'no such staff member');
      requireInScope(ctx, { regionCode: st.unit_region_code, orgPath: st.unit_path }, 'staff member');
      s.staffId = st.id;
    } else if (ownStaff !== null) s.staffId = ownStaff;
    if (q.itemCode !== undefined) {
      const versions = await this.items.versions(q.itemCode);
      const current = versions[0];
      if (!current) throw unknownReference('itemCode', 'no such service item');
      requireInScope(ctx, { regionCode: current.region_code, orgPath: current.owner_path }, 'service item');
      s.itemIds = versions.map((v) => v.id);
    }
    if (q.channel !== undefined) s.channel = q.channel;
    return s;
  }

  /** For a window clerk: the last day whose ratings they may see (null for everyone else). */
  private async clerkVisibleThrough(ctx: Ctx): Promise<string | null> {
    if (ctx.actor.kind !== 'user' || ctx.actor.role !== 'clerk') return null;
    const p = await this.policyFor(ctx.actor.scope.regionCode ?? NATIONAL);
    const hours = p.policy.clerkSeesRatingsAfterHours ?? NATIONAL_DEFAULT_POLICY.clerkSeesRatingsAfterHours;
    // A day counts once all of it is older than the delay: the day before the one the cut-off falls in.
    return addDays(shanghaiDateOf(new Date(this.now().getTime() - hours * 3_600_000)), -1);
  }

  /** Rows of a grouped sum as labelled groups with their metrics, in the order a table shows them. */
  private async groups(groupBy: StatGroup, rows: StatRow[], slice: StatSlice, kind: RatingKind, withParticipation: boolean, total: Metrics): Promise<StatisticsGroup[]> {
    let labelled: { key: string; label: string | null; counts: StatCounts }[];
    switch (groupBy) {
      case 'channel':
        // Case rows carry no channel ('') and make no channel of their own.
        labelled = rows.filter((r) => r.key !== '').map((r) => ({ ...r, label: EVALUATION_CHANNEL_INFO[r.key as EvaluationChannel]?.zh ?? r.key }));
        break;
      case 'unit':
      case 'window': {
        const names = await this.stats.organisationNames(rows.map((r) => Number(r.key)).filter((id) => id > 0));
        labelled = rows.map((r) => ({ ...r, label: names.get(Number(r.key)) ?? null }));
        break;
      }
      case 'staff': {
        const names = await this.stats.staffNames(rows.map((r) => Number(r.key)).filter((id) => id > 0));
        labelled = rows.map((r) => ({ ...r, label: names.get(Number(r.key)) ?? null }));
        break;
      }
      case 'item': {
        const items = await this.stats.itemsOfVersions(rows.map((r) => Number(r.key)));
        labelled = merge(rows.map((r) => {
          const item = items.get(Number(r.key));
          return { key: item?.code ?? r.key, label: item?.name ?? null, counts: r.counts };
        }));
        break;
      }
      case 'region':
        labelled = await this.regionGroups(rows, slice.regionCode ?? slice.scope.regionCode ?? null);
        break;
      case 'day':
      case 'month':
        labelled = rows.map((r) => ({ ...r, label: r.key }));
        break;
    }
    const ordered = groupBy === 'day' || groupBy === 'month' || groupBy === 'region' ? labelled.sort((a, b) => (a.key < b.key ? -1 : 1)) : labelled;
    const groups = ordered.map((g) => {
      const metrics = computeMetrics(g.counts, kind, withParticipation && groupBy !== 'channel');
      return { key: g.key, label: g.label, count: metrics.ratings.total, share: share(metrics.ratings.total, total.ratings.total), metrics };
    });
    if (!(groupBy === 'day' || groupBy === 'month' || groupBy === 'region')) groups.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
    return groups;
  }

  /** Rows by 12-digit region code, summed into the children of `base` (the region itself stays a group). */
  private async regionGroups(rows: StatRow[], base: string | null) {
    const children = await this.stats.childRegions(base);
    const prefixes = children.map((c) => ({ code: c.code, name: c.name, prefix: regionPrefix(c.code) }));
    const self = base ? await this.regions.find(base) : undefined;
    const unmatched = new Set<string>();
    const keyed = rows.map((r) => {
      const child = prefixes.find((c) => r.key.startsWith(c.prefix));
      if (child) return { key: child.code, label: child.name, counts: r.counts };
      if (base && r.key === base) return { key: base, label: self?.name ?? null, counts: r.counts };
      unmatched.add(r.key);
      return { key: r.key, label: null, counts: r.counts };
    });
    // A code with no row in the region table (below a child that is missing) still shows, under its own code.
    if (unmatched.size) {
      const known = new Map((await this.regions.findMany([...unmatched])).map((r) => [r.code, r.name]));
      for (const k of keyed) if (k.label === null && known.has(k.key)) k.label = known.get(k.key)!;
    }
    return merge(keyed);
  }
}

const share = (n: number, of: number) => (of > 0 ? n / of : null);

/** Sums groups that map to the same key (item versions of one item, regions of one child). */
function merge(rows: { key: string; label: string | null; counts: StatCounts }[]) {
  const byKey = new Map<string, { key: string; label: string | null; counts: StatCounts }>();
  for (const r of rows) {
    const seen = byKey.get(r.key);
    if (seen) seen.counts = addCounts(seen.counts, r.counts);
    else byKey.set(r.key, { ...r });
  }
  return [...byKey.values()];
}

/** The level mix (评价等级分布) of the total: one group per level, 5 first. */
function levelGroups(total: Metrics): StatisticsGroup[] {
  const levels = NATIONAL_DEFAULT_POLICY.levels;
  return STAT_LEVELS.map((l) => ({ key: String(l), label: levels[l].zh, count: total.ratings.byLevel[l], share: share(total.ratings.byLevel[l], total.ratings.total), metrics: null }));
}
