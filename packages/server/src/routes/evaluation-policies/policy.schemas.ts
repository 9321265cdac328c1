import { Type, type Static } from '@fastify/type-provider-typebox';
import { ATTACHMENT_KINDS, DETECTORS, PUBLIC_METRICS, type EvaluationPolicy } from '@hcp/domain';
import { StringEnum } from '../shared/schemas.ts';

/** The full EvaluationPolicy shape as TypeBox: types and sizes here, consistency in checkPolicy. */
const LevelSchema = Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3), Type.Literal(4), Type.Literal(5)], { description: '5 非常满意 … 1 非常不满意' });
const Label = { zh: Type.String({ minLength: 1, maxLength: 50 }), en: Type.String({ maxLength: 100 }) };
const LabelSchema = Type.Object(Label, { additionalProperties: false });
const IndicatorSchema = Type.Object({ code: Type.String({ pattern: '^[a-z][a-z0-9_]{0,31}$' }), ...Label }, { additionalProperties: false });
const TagSchema = Type.Object({ code: Type.String({ pattern: '^[1-5][0-9]{2}$', description: 'three digits beginning with the level' }), level: LevelSchema, ...Label }, { additionalProperties: false });
const QuestionSchema = Type.Object({ code: Type.String({ pattern: '^[a-z][a-z0-9_]{0,31}$' }), kind: StringEnum(['scale', 'yes_no'] as const), ...Label }, { additionalProperties: false });
const Int = (minimum: number, maximum: number, description?: string) => Type.Integer({ minimum, maximum, ...(description ? { description } : {}) });

/** Thresholds of the manipulation detectors (刷评 / 恶意评价), EvaluationPolicy.detection; docs/domain/detection.md. */
const DetectionSchema = Type.Object(
  {
    enabled: Type.Array(StringEnum(DETECTORS), { maxItems: DETECTORS.length, uniqueItems: true, description: 'the detectors that run for this region' }),
    burstDeviceCount: Int(0, 100_000, 'ratings from one window device within burstDeviceMinutes that make a burst'),
    burstDeviceMinutes: Int(0, 100_000),
    burstIpCount: Int(0, 100_000, 'ratings from one network address within burstIpMinutes that make a burst'),
    burstIpMinutes: Int(0, 100_000),
    burstPhoneCount: Int(0, 100_000, 'real-name ratings from one phone within burstPhoneMinutes that make a burst'),
    burstPhoneMinutes: Int(0, 100_000),
    fastDeviceSeconds: Int(0, 100_000, 'a device rating this soon after the clerk asked for it is fast'),
    fastDeviceMinCount: Int(0, 100_000),
    fastDeviceMinSharePercent: Int(0, 100),
    fastDeviceDays: Int(0, 100_000),
    identicalTextMinLength: Int(0, 100_000, 'shorter texts (after normalising) are never compared'),
    identicalTextMinCases: Int(0, 100_000),
    identicalTextDays: Int(0, 100_000),
    identicalTextCommonUnits: Int(0, 100_000, 'a text seen at this many units is a common phrase'),
    skewLevels: Type.Array(LevelSchema, { maxItems: 5, uniqueItems: true }),
    skewDays: Int(0, 100_000),
    skewMinVolume: Int(0, 1_000_000),
    skewMinZ: Type.Number({ minimum: 0, maximum: 100, description: 'one-sided binomial z score a window’s share must reach' }),
    skewMinExcessPercent: Int(0, 100),
  },
  { additionalProperties: false, description: 'thresholds of the detectors of manipulated ratings (刷评 / 恶意评价)' },
);

export const EvaluationPolicySchema = Type.Object(
  {
    levels: Type.Object({ 1: LabelSchema, 2: LabelSchema, 3: LabelSchema, 4: LabelSchema, 5: LabelSchema }, { additionalProperties: false }),
    badLevels: Type.Array(LevelSchema, { minItems: 1, maxItems: 5, uniqueItems: true, description: 'levels counted as a bad rating (差评)' }),
    content: Type.Object(
      { online: Type.Array(IndicatorSchema, { maxItems: 30 }), offline: Type.Array(IndicatorSchema, { maxItems: 30 }) },
      { additionalProperties: false },
    ),
    tags: Type.Array(TagSchema, { maxItems: 200 }),
    badRatingNeeds: StringEnum(['tag_or_text', 'tag', 'text', 'none'] as const),
    textMaxLength: Int(0, 100_000),
    opensAt: StringEnum(['received', 'accepted', 'completed'] as const),
    defaultAfterWorkingDays: Int(0, 1000, 'working days after evaluation opens before the default level applies'),
    defaultLevel: LevelSchema,
    reminderWorkingDaysBefore: Int(0, 1000),
    followUpsAllowed: Int(0, 100),
    invitationValidHours: Int(0, 100_000),
    feedbackLinkValidHours: Int(0, 100_000, 'hours the link in a work order’s feedback SMS stays valid for the online revisit'),
    devicePairingMinutes: Int(0, 100_000),
    deviceRequestMinutes: Int(0, 100_000),
    clerkSeesRatingsAfterHours: Int(0, 100_000, 'hours before a window clerk sees a rating in the console'),
    signedLinkMaxHours: Int(0, 100_000),
    publicSessionMinutes: Int(0, 100_000),
    qrLookbackDays: Int(0, 100_000),
    otpValidMinutes: Int(0, 100_000),
    otpMaxAttempts: Int(0, 100_000),
    otpPerPhonePerHour: Int(0, 100_000),
    otpPerIpPerHour: Int(0, 100_000),
    identifyPerIpPerHour: Int(0, 100_000),
    devicePairPerIpPerHour: Int(0, 100_000),
    suggestionsPerIpPerHour: Int(0, 100_000),
    suggestionQuestions: Type.Array(QuestionSchema, { maxItems: 30, description: 'the suggestion box questionnaire (意见箱)' }),
    smsTemplates: Type.Object(
      {
        invitation: Type.String({ minLength: 1, maxLength: 300 }),
        reminder: Type.String({ minLength: 1, maxLength: 300 }),
        feedback: Type.String({ minLength: 1, maxLength: 300 }),
        rectification: Type.String({ minLength: 1, maxLength: 300, description: 'the feedback (整改反馈) of a work order, with the link to the evaluator’s page' }),
      },
      { additionalProperties: false, description: 'SMS texts with placeholders {item} {unit} {link} {deadline}; each needs {link}, the reminder also {deadline}' },
    ),
    reminderHour: Int(0, 23, 'hour of the day (Beijing time) at which reminders go out'),
    detection: DetectionSchema,
    workOrder: Type.Object(
      {
        firstContactWorkingDays: Int(0, 1000),
        rectifyWorkingDays: Int(0, 1000),
        maxExtensionWorkingDays: Int(0, 1000),
        feedbackWorkingDays: Int(0, 1000),
        maxReviews: Int(0, 100),
        appealWindowWorkingDays: Int(0, 1000, 'working days after the order opens within which the staff member or unit may appeal (复核申诉)'),
        appealDecisionWorkingDays: Int(0, 1000, 'working days the management office has to decide an appeal'),
        attachmentMaxBytes: Int(0, 1_000_000_000, 'the largest attachment (附件) of a work order, in bytes'),
        attachmentKinds: Type.Array(StringEnum(ATTACHMENT_KINDS), { maxItems: 10, description: 'what an attachment may be: image, pdf, office (read from the file’s content)' }),
        attachmentsPerOrder: Int(0, 100_000),
      },
      { additionalProperties: false, description: 'working-day clocks and review rounds of the work order (整改工单) a bad rating opens' },
    ),
    workOrderAlerts: Type.Object(
      {
        warnBeforeWorkingDays: Int(0, 1000, 'working days before a deadline from which it is flagged with a warning (预警); 0 = none'),
        escalateAfterWorkingDays: Int(0, 1000, 'whole working days a red card (红牌) stands before the level above is told; 0 = never'),
      },
      { additionalProperties: false, description: 'warnings, red cards and escalation of work-order deadlines' },
    ),
    ranking: Type.Object(
      {
        minVolume: Int(0, 1_000_000, 'counted ratings an object needs in the period to be ranked'),
        priorWeight: Int(0, 1_000_000, 'ratings’ worth of the overall mean mixed into each object’s figure (Bayesian average)'),
      },
      { additionalProperties: false, description: 'fair rankings (排名): minimum volume and smoothing; docs/domain/metrics.md' },
    ),
    supervisionAlerts: Type.Object(
      {
        staffMinBadRatings: Int(0, 1_000_000, 'bad ratings of one staff member in a month from which they are flagged (集中差评); 0 = not by count'),
        staffBadRateAbove: Type.Number({ minimum: 0, maximum: 1, description: 'a staff member’s bad-rating rate above which they are flagged, given staffMinRatings ratings; 1 = not by rate' }),
        staffMinRatings: Int(0, 1_000_000, 'counted ratings a staff member needs in the month before their rate is judged'),
        unitBadRateAbove: Type.Number({ minimum: 0, maximum: 1, description: 'a unit’s own bad-rating rate above which it is flagged when also among the last unitBottomRanks of the ranking by bad-rating rate' }),
        unitBottomRanks: Int(0, 1_000_000, 'places at the bottom of the units’ ranking that count as a low rank (约谈问责); 0 = never'),
        unitMinOverdueOrders: Int(0, 1_000_000, 'work orders of one unit opened in the month with a red card (超期) from which a summary is raised; 0 = never'),
      },
      { additionalProperties: false, description: 'supervision alerts (督办预警) of the daily check; docs/domain/supervision-alerts.md' },
    ),
    publication: Type.Object(
      {
        enabled: Type.Boolean({ description: 'whether the region publishes anything on the public portal' }),
        metrics: Type.Array(StringEnum(PUBLIC_METRICS), { maxItems: PUBLIC_METRICS.length, uniqueItems: true, description: 'the figures published per region and unit' }),
        rankings: Type.Boolean({ description: 'whether units are ranked publicly' }),
        replies: Type.Boolean({ description: 'whether bad ratings are published with their public rectification replies (公开答复)' }),
        replyLevels: Type.Array(LevelSchema, { maxItems: 5, uniqueItems: true, description: 'the levels whose ratings are published with their replies' }),
        replyTags: Type.Boolean({ description: 'whether a published rating shows its reason tags' }),
        ratingText: Type.Boolean({ description: 'whether a published rating shows the evaluator’s text, phone and ID numbers masked' }),
        minVolume: Int(0, 1_000_000, 'counted ratings a unit or region needs in the period before any figure of it is published'),
        withheldUnitIds: Type.Array(Type.Integer({ minimum: 1, maximum: 2147483647 }), { maxItems: 1000, uniqueItems: true, description: 'units not published (不公开为例外)' }),
        readsPerIpPerMinute: Int(0, 1_000_000, 'requests to the public portal’s API per client address and minute (national policy applies)'),
      },
      { additionalProperties: false, description: 'public disclosure (公开为常态、不公开为例外): what the public portal shows; docs/domain/publication.md' },
    ),
  },
  { additionalProperties: false },
);

/**
 * The schema and the domain type must describe the same shape: a field added to EvaluationPolicy
 * without being added above (or the reverse) fails the type check here.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const POLICY_SCHEMA_MATCHES_DOMAIN: Same<Static<typeof EvaluationPolicySchema>, EvaluationPolicy> = true;

const ListDiff = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({ added: Type.Array(item), removed: Type.Array(item), changed: Type.Array(Type.Object({ code: Type.String(), before: item, after: item })) });

export const PolicyDiffSchema = Type.Object({
  unchanged: Type.Boolean(),
  levels: Type.Array(Type.Object({ level: Type.Integer(), before: LabelSchema, after: LabelSchema })),
  tags: ListDiff(TagSchema),
  indicators: Type.Object({ online: ListDiff(IndicatorSchema), offline: ListDiff(IndicatorSchema) }),
  settings: Type.Array(Type.Object({ field: Type.String(), before: Type.Unknown(), after: Type.Unknown() })),
});
