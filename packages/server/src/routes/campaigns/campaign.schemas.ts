import { Type, type Static } from '@fastify/type-provider-typebox';
import {
  CAMPAIGN_CHANNELS,
  CAMPAIGN_INPUT_CHANNELS,
  CAMPAIGN_OBJECT_GROUPS,
  EVALUATION_CHANNELS,
  type CampaignChannel,
  type CampaignConfig,
} from '@hcp/domain';
import { Nullable, StringEnum } from '../shared/schemas.ts';

const Points = Type.Number({ minimum: 0, maximum: 100 });
const RatingChannels = Type.Array(StringEnum(EVALUATION_CHANNELS), { maxItems: EVALUATION_CHANNELS.length, uniqueItems: true });

/** The scoring rules of a campaign (CampaignConfig); the consistency checks are checkCampaignConfig's. */
export const CampaignConfigSchema = Type.Object(
  {
    weights: Type.Object(
      Object.fromEntries(CAMPAIGN_CHANNELS.map((c) => [c, Points])) as Record<CampaignChannel, typeof Points>,
      { additionalProperties: false, description: 'points of each channel: portal, hotline, questionnaire, revisit, complaint; they add up to 100' },
    ),
    noDataLevel: Type.Integer({ minimum: 1, maximum: 5, description: 'the level a channel without data scores (seed 002: 3 基本满意)' }),
    deductions: Type.Object(
      { level2: Points, level1: Points, maxPerQuarter: Points },
      { additionalProperties: false, description: 'points per verified complaint of 不满意 (level2) and 非常不满意 (level1), at most maxPerQuarter a quarter' },
    ),
    portalChannels: RatingChannels,
    hotlineChannels: RatingChannels,
    countDefaultRatings: Type.Boolean({ description: 'whether default ratings (默认评价) count in the portal channel' }),
    yearEndMonth: Type.Integer({ minimum: 10, maximum: 12, description: 'the campaign year ends with this month; later months count toward the next year (seed 002: 11)' }),
  },
  { additionalProperties: false },
);

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** A field added to CampaignConfig without being added above (or the reverse) fails the type check here. */
export const CAMPAIGN_CONFIG_SCHEMA_MATCHES_DOMAIN: Same<Static<typeof CampaignConfigSchema>, CampaignConfig> = true;

export const ObjectGroup = StringEnum(CAMPAIGN_OBJECT_GROUPS, { description: 'center, hall_government, hall_party, hall_enterprise, township, not_stationed (seed 002 §一)' });
export const InputChannel = StringEnum(CAMPAIGN_INPUT_CHANNELS, { description: 'questionnaire 问卷调查, revisit 回访抽测, complaint 举报投诉' });

export const CampaignView = Type.Object({
  id: Type.Integer(),
  regionCode: Type.String(),
  year: Type.Integer(),
  name: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});

export const CampaignObjectView = Type.Object({
  orgId: Type.Integer(),
  name: Type.String(),
  code: Nullable(Type.String()),
  kind: Type.String(),
  group: ObjectGroup,
  position: Type.Integer(),
});

export const CampaignInputView = Type.Object({
  id: Type.Integer(),
  orgId: Type.Integer(),
  channel: InputChannel,
  method: Nullable(Type.String()),
  date: Type.String({ format: 'date' }),
  level: Type.Integer(),
  count: Type.Integer(),
  verified: Type.Boolean(),
  note: Nullable(Type.String()),
  ref: Nullable(Type.String()),
  source: StringEnum(['entered', 'import'] as const),
  createdAt: Type.String({ format: 'date-time' }),
});

const ChannelScoreView = Type.Object({
  n: Type.Integer({ description: 'results counted' }),
  mean: Nullable(Type.Number({ description: 'count-weighted mean level, null without data' })),
  score: Type.Number({ description: 'the mean, or the no-data level' }),
  weight: Type.Number(),
  points: Type.Number({ description: 'weight × score / 5' }),
});

const QuarterScoreView = Type.Object({
  quarter: Type.Integer({ minimum: 1, maximum: 4 }),
  total: Type.Number({ description: '0…100' }),
  channels: Type.Object(Object.fromEntries(CAMPAIGN_CHANNELS.map((c) => [c, ChannelScoreView])) as Record<CampaignChannel, typeof ChannelScoreView>),
  complaints: Type.Object({ level2: Type.Integer(), level1: Type.Integer(), unverified: Type.Integer() }),
  deduction: Type.Object({ raw: Type.Number(), applied: Type.Number() }),
});

export const CampaignScoresView = Type.Object({
  campaign: CampaignView,
  configVersion: Type.Integer(),
  formulaVersion: Type.Integer(),
  asOf: Type.String({ format: 'date-time' }),
  quarters: Type.Array(Type.Object({ quarter: Type.Integer(), from: Type.String({ format: 'date' }), to: Type.String({ format: 'date', description: 'exclusive' }), begun: Type.Boolean() })),
  objects: Type.Array(Type.Object({
    orgId: Type.Integer(),
    name: Type.String(),
    code: Nullable(Type.String()),
    kind: Type.String(),
    group: ObjectGroup,
    quarters: Type.Array(Nullable(QuarterScoreView), { description: 'Q1…Q4; null for a quarter that has not begun' }),
    year: Nullable(Type.Number({ description: 'mean of the begun quarters' })),
    rank: Nullable(Type.Integer()),
  })),
});
