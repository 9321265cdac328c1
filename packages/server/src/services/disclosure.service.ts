import {
  addCounts,
  computeMetrics,
  emptyCounts,
  EVALUATION_CHANNEL_INFO,
  isValidLocalDate,
  maskPersonalNumbers,
  METRICS_FORMULA_VERSION,
  periodContaining,
  publicFigures,
  publishedByBoth,
  rankObjects,
  shanghaiDateOf,
  STAT_LEVELS,
  withPolicyDefaults,
  type DateRange,
  type EvaluationChannel,
  type EvaluationPolicy,
  type Level,
  type PublicationPolicy,
  type PublicUnitEntry,
  type StatCounts,
} from '@hcp/domain';
import { AppError, invalid, notFound } from '../errors.ts';
import type { DisclosureRepository, PublicUnitRow } from '../repositories/disclosure.repository.ts';
import type { EvaluationRepository } from '../repositories/evaluation.repository.ts';
import type { RegionRepository } from '../repositories/region.repository.ts';
import type { StatisticsRepository, StatSlice } from '../repositories/statistics.repository.ts';
import type { PolicyInForce } from './evaluation.service.ts';

const NATIONAL = '000000000000';
const NO_SCOPE: StatSlice['scope'] = { regionCode: null, orgPath: null };

/** The periods the portal publishes: a month, a quarter or a year containing a date. */
export const PUBLIC_PERIODS = ['month', 'quarter', 'year'] as const;
export type PublicPeriod = (typeof PUBLIC_PERIODS)[number];

export interface PublicPeriodQuery {
  period?: PublicPeriod;
  /** A Beijing date in the period, YYYY-MM-DD; today by default. */
  date?: string;
}

/** The Beijing calendar date of an instant: a published rating shows its day, not its time. */
const beijingDate = (d: Date) => shanghaiDateOf(d);

/**
 * Requests per client address and minute to the portal's API, counted in this process. The portal
 * only reads, its answers are cacheable, and a database write per read (as the evaluation channels'
 * hourly limits do) would cost more than the read it guards; behind several instances each counts
 * its own share.
 */
export class PublicReadLimiter {
  private minute = -1;
  private readonly counts = new Map<string, number>();

  take(address: string, limitPerMinute: number, now: Date): void {
    const minute = Math.floor(now.getTime() / 60_000);
    // A new minute starts every count afresh; a flood of addresses cannot grow the map without bound.
    if (minute !== this.minute || this.counts.size >= 100_000) {
      this.minute = minute;
      this.counts.clear();
    }
    const n = (this.counts.get(address) ?? 0) + 1;
    this.counts.set(address, n);
    if (n > limitPerMinute) {
      throw new AppError('RATE_LIMITED', `too many requests (${limitPerMinute} a minute); please try again later`, 'ip', [{ field: 'ip', reason: `at most ${limitPerMinute} a minute` }]);
    }
  }
}

/**
 * The public disclosure (公开) of a region's evaluation results, no login: per region and unit the
 * figures of the statistics (active ratings only), the ranking of units, and bad ratings with their
 * public rectification replies, the rating masked. Everything goes through the publication rules of
 * the region's policy (`publication`, 公开为常态、不公开为例外): a figure, a ranking, a reply level or a
 * unit the policy does not publish is not in any answer, and below the policy's minimum volume no
 * figure is. A unit shown on a region's page follows that region's rules and its own region's,
 * whichever publish less.
 */
export class DisclosureService {
  constructor(
    private readonly repo: DisclosureRepository,
    private readonly stats: StatisticsRepository,
    private readonly regions: RegionRepository,
    private readonly evaluations: Pick<EvaluationRepository, 'policyById'>,
    private readonly policyFor: (regionCode: string) => Promise<PolicyInForce>,
    private readonly limiter = new PublicReadLimiter(),
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Counts one request of a client address against the national policy's per-minute limit (429 beyond). */
  async admit(address: string): Promise<void> {
    const national = await this.policyFor(NATIONAL);
    this.limiter.take(address, national.policy.publication.readsPerIpPerMinute, this.now());
  }

  /**
   * A region's page (national without a code): where it sits (its parents and children, for the
   * region picker), its totals and its units, ranked by the region's ranking rules.
   */
  async overview(q: PublicPeriodQuery & { regionCode?: string }) {
    const range = this.period(q);
    const code = q.regionCode ?? null;
    const region = code ? await this.regions.find(code) : null;
    if (code && !region) throw notFound('region', 'regionCode');
    const [parents, children, p] = await Promise.all([this.path(code), this.stats.childRegions(code), this.policyFor(code ?? NATIONAL)]);
    const pub = p.policy.publication;
    const base = {
      region: region ? { code: region.code, name: region.name } : null,
      parents: parents.filter((r) => r.code !== code),
      children: children.map((r) => ({ code: r.code, name: r.name })),
      period: this.periodView(q, range),
      formulaVersion: METRICS_FORMULA_VERSION,
      policy: { regionCode: p.regionCode, version: p.version },
      published: this.publishedView(pub),
    };
    if (!pub.enabled) return { ...base, totals: null, units: [], ranking: null };
    const slice: StatSlice = { scope: NO_SCOPE, ...(code ? { regionCode: code } : {}) };
    const { rows } = await this.stats.sum(slice, range, 'none');
    const totals = publicFigures(computeMetrics(addCounts(...rows.map((r) => r.counts)), 'active', true), pub.metrics, pub.minVolume);
    const { units, ranking } = await this.rankUnits(code, range, p.policy);
    return { ...base, totals, units, ranking };
  }

  /** A unit's page: its figures for the period and its place in its region's ranking. Unpublished units are 404. */
  async unit(id: number, q: PublicPeriodQuery) {
    const range = this.period(q);
    const { unit, pub, policy } = await this.publishedUnit(id);
    const [{ rows }, regions] = await Promise.all([this.stats.sum({ scope: NO_SCOPE, orgPath: unit.path }, range, 'none'), this.path(unit.region_code)]);
    const figures = publicFigures(computeMetrics(addCounts(...rows.map((r) => r.counts)), 'active', true), pub.metrics, pub.minVolume);
    const { units, ranking } = await this.rankUnits(unit.region_code, range, policy);
    const me = units.find((u) => u.id === unit.id);
    const ranked = units.filter((u) => u.rank !== null).length;
    return {
      unit: { id: unit.id, name: unit.name, code: unit.code, regionCode: unit.region_code, regionName: unit.region_name },
      regions,
      period: this.periodView(q, range),
      formulaVersion: METRICS_FORMULA_VERSION,
      published: this.publishedView(pub),
      figures,
      rank: ranking && me ? { rank: me.rank, ranked, listed: units.length, minVolume: ranking.minVolume } : null,
      replies: pub.replies ? await this.repo.replyCount({ unitId: unit.id, levels: pub.replyLevels }) : 0,
    };
  }

  /**
   * A unit's published bad ratings with their rectification replies (公开答复), newest first: the
   * level, the tags and the evaluator's text as the policy allows (numbers masked), the channel, the
   * item and the dates; never a name, phone, case number or staff member.
   */
  async replies(id: number, paging: { limit: number; offset: number }) {
    const { pub } = await this.publishedUnit(id);
    if (!pub.replies) return { published: false, total: 0, items: [] };
    const f = { unitId: id, levels: pub.replyLevels };
    const [rows, total] = await Promise.all([this.repo.replies({ ...f, ...paging }), this.repo.replyCount(f)]);
    const policies = new Map<number, EvaluationPolicy>();
    for (const pid of new Set(rows.map((r) => r.policy_id))) {
      const row = await this.evaluations.policyById(pid);
      if (row) policies.set(pid, withPolicyDefaults(row.policy));
    }
    return {
      published: true,
      total,
      items: rows.map((r) => {
        const p = policies.get(r.policy_id)!;
        const channel = EVALUATION_CHANNEL_INFO[r.channel as EvaluationChannel];
        return {
          id: r.id,
          itemName: r.item_name,
          rating: {
            level: r.level,
            label: p.levels[r.level as Level],
            ...(pub.replyTags ? { tags: r.tags.map((code) => tagLabel(p, code)) } : {}),
            ...(pub.ratingText ? { text: r.text ? maskPersonalNumbers(r.text) : null } : {}),
            channel: channel ? { zh: channel.zh, en: channel.en } : { zh: r.channel, en: r.channel },
            ratedOn: beijingDate(r.submitted_at),
          },
          revisitLevel: r.revisit_level,
          outcome: r.state === 'closed_resolved' ? ('resolved' as const) : r.state === 'closed_unresolved' ? ('unresolved' as const) : ('closed' as const),
          reply: r.public_reply!,
          repliedOn: beijingDate(r.public_reply_at!),
        };
      }),
    };
  }

  /** Units and service items whose name contains `q` (or whose code is `q`), with their headline figures. */
  async search(q: PublicPeriodQuery & { q: string; regionCode?: string }) {
    const text = q.q.trim();
    if (!text) throw invalid('q', 'a name or code to look for');
    const range = this.period(q);
    const [unitRows, itemRows] = await Promise.all([this.repo.searchUnits(text, q.regionCode, 20), this.repo.searchItems(text, q.regionCode, 20)]);
    // Each unit and each item's owner by its own region's rules.
    const owners = await this.repo.units([...new Set([...unitRows.map((u) => u.id), ...itemRows.map((i) => i.unit_id)])]);
    const rulesOf = new Map<number, PublicationPolicy>();
    for (const u of owners) {
      const pub = (await this.policyFor(u.region_code)).policy.publication;
      if (pub.enabled && !pub.withheldUnitIds.includes(u.id)) rulesOf.set(u.id, pub);
    }
    const units = unitRows.filter((u) => rulesOf.has(u.id));
    const items = itemRows.filter((i) => rulesOf.has(i.unit_id));

    const unitCounts = new Map<string, StatCounts>();
    if (units.length) {
      const { rows } = await this.stats.sum({ scope: { ...NO_SCOPE, orgPaths: units.map((u) => u.path) } }, range, 'unit');
      for (const r of rows) unitCounts.set(r.key, r.counts);
    }
    const versions = await this.repo.itemVersionIds(items.map((i) => i.item_code));
    const itemCounts = new Map<string, StatCounts>();
    const allVersions = [...versions.values()].flat();
    if (allVersions.length) {
      const codeOf = new Map([...versions].flatMap(([code, ids]) => ids.map((id) => [String(id), code] as const)));
      const { rows } = await this.stats.sum({ scope: NO_SCOPE, itemIds: allVersions }, range, 'item');
      for (const r of rows) {
        const code = codeOf.get(r.key);
        if (code) itemCounts.set(code, addCounts(itemCounts.get(code) ?? emptyCounts(), r.counts));
      }
    }
    const headline = (counts: StatCounts | undefined, pub: PublicationPolicy) =>
      publicFigures(computeMetrics(counts ?? emptyCounts(), 'active', false), pub.metrics.filter((m) => m === 'satisfaction' || m === 'badRate'), pub.minVolume);
    return {
      q: text,
      period: this.periodView(q, range),
      units: units.map((u) => ({ id: u.id, name: u.name, regionCode: u.region_code, regionName: u.region_name, figures: headline(unitCounts.get(String(u.id)), rulesOf.get(u.id)!) })),
      items: items.map((i) => ({
        code: i.item_code,
        name: i.name,
        itemType: i.item_type,
        promisedDays: i.promised_days,
        regionCode: i.region_code,
        regionName: i.region_name,
        unit: { id: i.unit_id, name: i.unit_name },
        figures: headline(itemCounts.get(i.item_code), rulesOf.get(i.unit_id)!),
      })),
    };
  }

  /** The unit behind a public page, with the rules that apply to it; 404 for anything not published. */
  private async publishedUnit(id: number): Promise<{ unit: PublicUnitRow; pub: PublicationPolicy; policy: EvaluationPolicy }> {
    const [unit] = await this.repo.units([id]);
    if (!unit) throw notFound('unit');
    const { policy } = await this.policyFor(unit.region_code);
    const pub = policy.publication;
    if (!pub.enabled || pub.withheldUnitIds.includes(unit.id)) throw notFound('unit');
    return { unit, pub, policy };
  }

  /**
   * The units of a region subtree with their published figures, ranked by 满意度 with the region's
   * ranking rules (minimum volume, Bayesian smoothing) among the units the portal may show, best
   * first, then the unranked by volume. A unit whose figures are withheld is listed without a rank.
   */
  private async rankUnits(code: string | null, range: DateRange, policy: EvaluationPolicy) {
    const pub = policy.publication;
    const { rows } = await this.stats.sum({ scope: NO_SCOPE, ...(code ? { regionCode: code } : {}) }, range, 'unit');
    const infos = new Map((await this.repo.units(rows.map((r) => Number(r.key)).filter((id) => id > 0))).map((u) => [u.id, u]));
    const visible: { unit: PublicUnitRow; counts: StatCounts; rules: PublicationPolicy }[] = [];
    for (const r of rows) {
      const unit = infos.get(Number(r.key));
      if (!unit) continue;
      const rules = publishedByBoth(pub, (await this.policyFor(unit.region_code)).policy.publication);
      if (!rules.enabled || rules.withheldUnitIds.includes(unit.id)) continue;
      visible.push({ unit, counts: r.counts, rules });
    }
    const entries = visible.map(({ unit, counts, rules }) => {
      const m = computeMetrics(counts, 'active', true);
      return { unit, rules, m, figures: publicFigures(m, rules.metrics, rules.minVolume) };
    });
    const rankable = pub.rankings ? entries.filter((e) => !e.figures.withheld && e.rules.rankings) : [];
    const ranking = rankObjects(
      rankable.map((e) => ({ key: String(e.unit.id), volume: e.m.ratings.total, levelSum: STAT_LEVELS.reduce((s, l) => s + l * e.m.ratings.byLevel[l], 0), bad: e.m.ratings.bad })),
      policy.ranking,
      'satisfaction',
    );
    const rankOf = new Map(ranking.items.map((i) => [i.key, i.rank]));
    const order = new Map(ranking.items.map((i, idx) => [i.key, idx]));
    const units: PublicUnitEntry[] = entries
      .map((e) => ({ id: e.unit.id, name: e.unit.name, regionCode: e.unit.region_code, regionName: e.unit.region_name, rank: rankOf.get(String(e.unit.id)) ?? null, figures: e.figures }))
      .sort((a, b) => {
        const oa = order.get(String(a.id));
        const ob = order.get(String(b.id));
        if (oa !== undefined && ob !== undefined) return oa - ob;
        if (oa !== undefined) return -1;
        if (ob !== undefined) return 1;
        return b.figures.volume - a.figures.volume || a.name.localeCompare(b.name, 'zh-CN');
      });
    return { units, ranking: pub.rankings ? { metric: 'satisfaction' as const, minVolume: policy.ranking.minVolume, priorWeight: policy.ranking.priorWeight } : null };
  }

  /** A region and those above it, the province first (for breadcrumbs). */
  private async path(code: string | null): Promise<{ code: string; name: string }[]> {
    if (!code) return [];
    const codes = await this.regions.ancestors(code);
    const names = new Map((await this.regions.findMany(codes)).map((r) => [r.code, r.name]));
    return codes.map((c) => ({ code: c, name: names.get(c) ?? c }));
  }

  private period(q: PublicPeriodQuery): DateRange {
    const date = q.date ?? shanghaiDateOf(this.now());
    if (!isValidLocalDate(date)) throw invalid('date', 'a date YYYY-MM-DD');
    return periodContaining(q.period ?? 'year', date);
  }

  private periodView(q: PublicPeriodQuery, range: DateRange) {
    return { unit: q.period ?? 'year', ...range };
  }

  private publishedView(pub: PublicationPolicy) {
    return { enabled: pub.enabled, metrics: pub.enabled ? pub.metrics : [], rankings: pub.enabled && pub.rankings, replies: pub.enabled && pub.replies, minVolume: pub.minVolume };
  }
}

function tagLabel(p: EvaluationPolicy, code: string) {
  const t = p.tags.find((x) => x.code === code);
  return { code, zh: t?.zh ?? code, en: t?.en ?? code };
}
