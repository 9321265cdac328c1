import { Type, type Static } from '@fastify/type-provider-typebox';
import { PUBLIC_METRICS, type PublicFigures } from '@hcp/domain';
import { PUBLIC_PERIODS } from '../../services/disclosure.service.ts';
import { Nullable, StringEnum } from '../shared/schemas.ts';

const Rate = (description: string) => Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1, description: `${description}; null when the denominator is 0` })));
const Count = Type.Integer({ minimum: 0 });
const Label = Type.Object({ zh: Type.String(), en: Type.String() });

/** Query of every page: the published period. */
export const PeriodQuery = {
  period: Type.Optional(StringEnum(PUBLIC_PERIODS, { description: 'the month, quarter or year containing date (default year)' })),
  date: Type.Optional(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'a Beijing date in the period (default today)' })),
};

export const FiguresSchema = Type.Object(
  {
    volume: Type.Integer({ minimum: 0, description: 'counted active ratings of the period' }),
    withheld: Type.Boolean({ description: 'below the policy’s minimum volume: no figure is published' }),
    satisfaction: Type.Optional(Nullable(Type.Number({ minimum: 20, maximum: 100, description: '满意度 = 20 × mean level' }))),
    goodRate: Rate('好评率'),
    badRate: Rate('差评率'),
    levelCounts: Type.Optional(Type.Object({ 5: Count, 4: Count, 3: Count, 2: Count, 1: Count }, { description: '5 非常满意 … 1 非常不满意' })),
    activeRate: Rate('主动评价率'),
    rectificationRate: Rate('差评整改率'),
    replyRate: Rate('差评回复率'),
    revisitRate: Rate('回访率'),
    revisitSatisfactionRate: Rate('回访满意率'),
  },
  { description: 'only the figures the region’s policy publishes are present (formulas: docs/domain/metrics.md)' },
);

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** A figure added to the domain's PublicFigures without being added above (or the reverse) fails the type check. */
export const FIGURES_SCHEMA_MATCHES_DOMAIN: Same<Static<typeof FiguresSchema>, PublicFigures> = true;

const RegionRef = Type.Object({ code: Type.String(), name: Type.String() });
const PeriodView = Type.Object({ unit: StringEnum(PUBLIC_PERIODS), from: Type.String({ format: 'date' }), to: Type.String({ format: 'date', description: 'inclusive' }) });
const Published = Type.Object({
  enabled: Type.Boolean(),
  metrics: Type.Array(StringEnum(PUBLIC_METRICS)),
  rankings: Type.Boolean(),
  replies: Type.Boolean(),
  minVolume: Type.Integer({ description: 'ratings a unit or region needs in the period before its figures are published' }),
}, { description: 'what the region’s policy publishes (公开为常态、不公开为例外)' });

const UnitEntry = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  rank: Nullable(Type.Integer({ minimum: 1, description: 'null: not ranked (below the ranking’s minimum volume, figures withheld, or no public ranking)' })),
  figures: FiguresSchema,
});

export const OverviewResponse = Type.Object({
  region: Nullable(RegionRef),
  parents: Type.Array(RegionRef, { description: 'the regions above, the province first' }),
  children: Type.Array(RegionRef, { description: 'the regions directly below, for the region picker' }),
  period: PeriodView,
  formulaVersion: Type.Integer(),
  policy: Type.Object({ regionCode: Type.String(), version: Type.Integer() }),
  published: Published,
  totals: Nullable(FiguresSchema),
  units: Type.Array(UnitEntry, { description: 'the units of the region’s subtree with ratings in the period, ranked first (best first), then by volume' }),
  ranking: Nullable(Type.Object({ metric: Type.Literal('satisfaction'), minVolume: Type.Integer(), priorWeight: Type.Integer() }, { description: 'method: GET /api/public/ranking-method' })),
});

export const UnitResponse = Type.Object({
  unit: Type.Object({ id: Type.Integer(), name: Type.String(), code: Nullable(Type.String()), regionCode: Type.String(), regionName: Type.String() }),
  regions: Type.Array(RegionRef, { description: 'the unit’s region and those above it, the province first' }),
  period: PeriodView,
  formulaVersion: Type.Integer(),
  published: Published,
  figures: FiguresSchema,
  rank: Nullable(Type.Object({
    rank: Nullable(Type.Integer({ minimum: 1 })),
    ranked: Type.Integer({ description: 'units ranked in the unit’s region' }),
    listed: Type.Integer({ description: 'units listed in the unit’s region' }),
    minVolume: Type.Integer(),
  })),
  replies: Type.Integer({ description: 'published replies in all' }),
});

export const RepliesResponse = Type.Object({
  published: Type.Boolean(),
  total: Type.Integer(),
  items: Type.Array(Type.Object({
    id: Type.Integer(),
    itemName: Type.String(),
    rating: Type.Object({
      level: Type.Integer(),
      label: Label,
      tags: Type.Optional(Type.Array(Type.Object({ code: Type.String(), zh: Type.String(), en: Type.String() }))),
      text: Type.Optional(Nullable(Type.String({ description: 'the evaluator’s words, phone and ID numbers masked; only where the policy publishes them' }))),
      channel: Label,
      ratedOn: Type.String({ format: 'date' }),
    }, { description: 'the rating as published: no name, phone, case number or staff member' }),
    revisitLevel: Nullable(Type.Integer()),
    outcome: StringEnum(['resolved', 'unresolved', 'closed'] as const),
    reply: Type.String(),
    repliedOn: Type.String({ format: 'date' }),
  })),
});

export const SearchResponse = Type.Object({
  q: Type.String(),
  period: PeriodView,
  units: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), regionCode: Type.String(), regionName: Type.String(), figures: FiguresSchema })),
  items: Type.Array(Type.Object({
    code: Type.String(),
    name: Type.String(),
    itemType: Type.String(),
    promisedDays: Type.Integer(),
    regionCode: Type.String(),
    regionName: Type.String(),
    unit: Type.Object({ id: Type.Integer(), name: Type.String() }),
    figures: FiguresSchema,
  })),
});

