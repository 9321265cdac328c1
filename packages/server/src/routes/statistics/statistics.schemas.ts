import { Type, type Static, type TSchema } from '@fastify/type-provider-typebox';
import { EVALUATION_CHANNELS, PERIOD_UNITS, RANKING_METRICS, type Metrics } from '@hcp/domain';
import { STAT_GROUPS } from '../../repositories/statistics.repository.ts';
import { RANKING_LEVELS } from '../../services/statistics.service.ts';
import { Nullable, RegionCode, StringEnum } from '../shared/schemas.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
const LocalDate = (description: string) => Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description });
const Count = Type.Integer({ minimum: 0 });
const Rate = (description: string) => Nullable(Type.Number({ minimum: 0, maximum: 1, description: `${description}; null when the denominator is 0` }));

/** The slice and period every statistics and ranking request takes (see StatisticsService). */
export const SliceQuery = {
  regionCode: Type.Optional({ ...RegionCode, description: 'a region subtree (GB/T 2260); must lie in your data scope' }),
  orgId: Type.Optional({ ...Id, description: 'an organisation subtree: a unit (its cases), or a hall, station, center or window (their windows)' }),
  windowId: Type.Optional(Id),
  staffId: Type.Optional(Id),
  itemCode: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'a service item (every version of it)' })),
  channel: Type.Optional(StringEnum(EVALUATION_CHANNELS, { description: 'rating channel; cases have none, so participation is null in a channel slice' })),
  period: Type.Optional(StringEnum(PERIOD_UNITS, { description: 'the day, ISO week, month, quarter or year containing date (default month)' })),
  date: Type.Optional(LocalDate('a Beijing date in the period (default today)')),
  from: Type.Optional(LocalDate('first day, inclusive; with to, instead of period')),
  to: Type.Optional(LocalDate('last day, inclusive; at most 1096 days after from (366 with groupBy=day)')),
};

const ByLevel = Type.Object({ 5: Count, 4: Count, 3: Count, 2: Count, 1: Count }, { description: '5 非常满意 … 1 非常不满意' });

export const MetricsSchema = Type.Object({
  formulaVersion: Type.Integer({ description: 'the version of the formulas in docs/domain/metrics.md' }),
  ratings: Type.Object({
    kind: StringEnum(['active', 'default'] as const, { description: '主动评价 or 默认评价, never mixed' }),
    total: Type.Integer({ minimum: 0, description: 'counted ratings: not excluded by an upheld appeal, not superseded by a revisit rating' }),
    byLevel: ByLevel,
    good: Count,
    bad: Count,
    realName: Count,
    realNameBad: Count,
    satisfactionScore: Nullable(Type.Number({ minimum: 20, maximum: 100, description: '满意度 = 20 × mean level' })),
    goodRate: Rate('好评率 = good / total'),
    badRate: Rate('差评率 = bad / total'),
  }),
  participation: Nullable(Type.Object({
    completedCases: Count,
    activelyRated: Count,
    defaultRated: Count,
    unrated: Count,
    activeRate: Rate('主动评价率 = actively rated / completed cases'),
    defaultRate: Rate('默认评价率 = default rated / completed cases'),
    unratedRate: Rate('未评率 = unrated / completed cases'),
  }, { description: 'cases completed in the period (by completion day); null in a channel slice' })),
  workOrders: Type.Object({
    opened: Count,
    appealUpheld: Count,
    counted: Count,
    unrectifiable: Count,
    rectified: Count,
    replied: Count,
    revisited: Count,
    satisfied: Count,
    overdue: Count,
    rectificationRate: Rate('差评整改率 = rectified / (counted − unrectifiable)'),
    replyRate: Rate('差评回复率 = replied / counted'),
    revisitRate: Rate('回访率 = revisited / counted'),
    revisitSatisfactionRate: Rate('回访满意率 = satisfied / revisited'),
    overdueRate: Rate('overdue / counted'),
    realName: Type.Object({ orders: Count, rectified: Count, revisited: Count, rectificationRate: Rate('rectified / orders'), revisitRate: Rate('revisited / orders') }),
  }, { description: 'work orders (整改工单) opened in the period (by opening day)' }),
  appealsUpheld: Type.Object({ total: Count, mistaken: Count, malicious: Count }, { description: 'ratings of the period excluded by an upheld appeal (误评 / 恶意差评)' }),
  superseded: Type.Integer({ minimum: 0, description: 'ratings of the period superseded by a revisit rating' }),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** The schema and the domain type describe the same shape; a field added to one only fails the type check. */
export const METRICS_SCHEMA_MATCHES_DOMAIN: Same<Static<typeof MetricsSchema>, Metrics> = true;

const PeriodView = { from: Type.String(), to: Type.String(), days: Type.Integer() };

export const StatisticsResponse = Type.Object({
  formulaVersion: Type.Integer(),
  period: Type.Object({
    ...PeriodView,
    visibleThrough: Nullable(Type.String({ description: 'for a window clerk: the last day counted (ratings show only after the policy’s delay)' })),
  }),
  kind: StringEnum(['active', 'default'] as const),
  groupBy: Nullable(Type.String()),
  total: MetricsSchema,
  groups: Type.Array(Type.Object({
    key: Type.String({ description: 'channel, id, item code, 12-digit region code, YYYY-MM-DD, YYYY-MM or level; "0" = no window / no staff member' }),
    label: Nullable(Type.String()),
    count: Type.Integer({ description: 'counted ratings of the kind asked' }),
    share: Nullable(Type.Number({ description: 'count / total count' })),
    metrics: Nullable(MetricsSchema),
  })),
  groupsTotal: Type.Integer({ description: 'groups before the limit' }),
  sources: Type.Array(Type.String(), { description: 'the rollup tables read' }),
});

const MethodText = Type.Object({ zh: Type.String(), en: Type.String() });

export const RankingResponse = Type.Object({
  formulaVersion: Type.Integer(),
  level: StringEnum(RANKING_LEVELS),
  metric: StringEnum(RANKING_METRICS),
  period: Type.Object(PeriodView),
  method: Type.Object({
    minVolume: Type.Integer(),
    priorWeight: Type.Integer(),
    prior: Nullable(Type.Number({ description: 'the figure of all objects together, which small ones are pulled toward' })),
    policyRegionCode: Type.String(),
    policyVersion: Type.Integer(),
    text: MethodText,
  }),
  items: Type.Array(Type.Object({
    rank: Nullable(Type.Integer({ minimum: 1, description: 'null below the minimum volume; equal figures share a rank' })),
    ranked: Type.Boolean(),
    key: Type.String(),
    label: Nullable(Type.String()),
    volume: Type.Integer({ description: 'counted active ratings' }),
    raw: Nullable(Type.Number({ description: 'own figure: 满意度 (20…100) or 差评率 (0…1)' })),
    smoothed: Nullable(Type.Number({ description: 'the Bayesian average the ranking is by' })),
  })),
});

export const RankingMethodResponse = Type.Object({
  formulaVersion: Type.Integer(),
  regionCode: Type.String({ description: 'the region whose policy version applies (000000000000 = national)' }),
  policyVersion: Type.Integer(),
  minVolume: Type.Integer(),
  priorWeight: Type.Integer(),
  text: MethodText,
});

export const StatisticsGroupBy = StringEnum([...STAT_GROUPS, 'level'] as const, {
  description: 'level: the level mix; channel, unit, window, staff, item, region (children of the region asked or of your scope), day, month',
});

export const queryObject = <T extends Record<string, TSchema>>(props: T) => Type.Object(props, { additionalProperties: false });

/** The answers as TypeScript types, for the console's dashboard and the public pages. */
export type StatisticsBody = Static<typeof StatisticsResponse>;
export type RankingBody = Static<typeof RankingResponse>;
export type RankingMethodBody = Static<typeof RankingMethodResponse>;
