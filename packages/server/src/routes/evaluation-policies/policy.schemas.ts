import { Type, type Static } from '@fastify/type-provider-typebox';
import type { EvaluationPolicy } from '@hcp/domain';
import { StringEnum } from '../shared/schemas.ts';

/** The full EvaluationPolicy shape as TypeBox: types and sizes here, consistency in checkPolicy. */
const LevelSchema = Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3), Type.Literal(4), Type.Literal(5)], { description: '5 非常满意 … 1 非常不满意' });
const Label = { zh: Type.String({ minLength: 1, maxLength: 50 }), en: Type.String({ maxLength: 100 }) };
const LabelSchema = Type.Object(Label, { additionalProperties: false });
const IndicatorSchema = Type.Object({ code: Type.String({ pattern: '^[a-z][a-z0-9_]{0,31}$' }), ...Label }, { additionalProperties: false });
const TagSchema = Type.Object({ code: Type.String({ pattern: '^[1-5][0-9]{2}$', description: 'three digits beginning with the level' }), level: LevelSchema, ...Label }, { additionalProperties: false });
const QuestionSchema = Type.Object({ code: Type.String({ pattern: '^[a-z][a-z0-9_]{0,31}$' }), kind: StringEnum(['scale', 'yes_no'] as const), ...Label }, { additionalProperties: false });
const Int = (minimum: number, maximum: number, description?: string) => Type.Integer({ minimum, maximum, ...(description ? { description } : {}) });

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
      { invitation: Type.String({ minLength: 1, maxLength: 300 }), reminder: Type.String({ minLength: 1, maxLength: 300 }), feedback: Type.String({ minLength: 1, maxLength: 300 }) },
      { additionalProperties: false, description: 'SMS texts with placeholders {item} {unit} {link} {deadline}; each needs {link}, the reminder also {deadline}' },
    ),
    reminderHour: Int(0, 23, 'hour of the day (Beijing time) at which reminders go out'),
    workOrder: Type.Object(
      {
        firstContactWorkingDays: Int(0, 1000),
        rectifyWorkingDays: Int(0, 1000),
        maxExtensionWorkingDays: Int(0, 1000),
        feedbackWorkingDays: Int(0, 1000),
        maxReviews: Int(0, 100),
      },
      { additionalProperties: false, description: 'working-day clocks and review rounds of the work order (整改工单) a bad rating opens' },
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
