import { Type, type Static } from '@fastify/type-provider-typebox';
import { EVALUATION_CHANNELS, STAFF_ENTERED_CHANNELS } from '@hcp/domain';
import type { EvaluationStaffRow } from '../../repositories/evaluation-listing.repository.ts';
import { CaseNo } from '../cases/case.schemas.ts';
import { Nullable, StringEnum } from '../shared/schemas.ts';

const Id = (description?: string) => Type.Integer({ minimum: 1, maximum: 2147483647, ...(description ? { description } : {}) });
const Level = Type.Integer({ minimum: 1, maximum: 5, description: '5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意' });

/** A rating given outside our channels, entered by staff (permission evaluation.enter). */
export const EnterBody = Type.Object(
  {
    caseId: Type.Optional(Id('the case; or give caseNo')),
    caseNo: Type.Optional(CaseNo),
    visitNo: Type.Optional(Type.Integer({ minimum: 1, maximum: 99, description: 'offline service is rated once per visit; default 1' })),
    channel: StringEnum(STAFF_ENTERED_CHANNELS, { description: 'phone (12345), paper (书面评价表: needs a scan or scanRef), email, wechat' }),
    level: Level,
    tags: Type.Optional(Type.Array(Type.String({ minLength: 3, maxLength: 3 }), { maxItems: 20, description: 'reason tag codes of the policy version in force' })),
    text: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    scores: Type.Optional(Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]{0,31}$' }), Type.Integer(), { description: 'indicator code → 1..5' })),
    realName: Type.Optional(Type.Boolean({ description: 'the evaluator is the applicant, confirmed by the staff member (实名评价)' })),
    followUp: Type.Optional(Type.Boolean({ description: 'a follow-up (追加评价) of the earlier rating' })),
    idempotencyKey: Type.Optional(Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$', description: 'a retry with the same key answers the first result' })),
    scanRef: Type.Optional(Type.String({ minLength: 1, maxLength: 300, description: 'where the paper form is archived, when its scan is not uploaded' })),
  },
  { additionalProperties: false },
);
export type EnterBody = Static<typeof EnterBody>;

export const EnteredView = Type.Object({
  id: Type.Integer(),
  caseNo: Type.String(),
  round: Type.Integer(),
  kind: Type.String(),
  level: Type.Integer(),
  bad: Type.Boolean(),
  submittedAt: Type.String({ format: 'date-time' }),
  policyVersion: Type.Integer(),
  scanStored: Type.Boolean(),
});

/** A rating as staff see it: what was rated and how, never who rated (real-name only as a flag). */
export const EvaluationView = Type.Object({
  id: Type.Integer(),
  caseId: Type.Integer(),
  caseNo: Type.String(),
  visitNo: Type.Integer(),
  round: Type.Integer(),
  kind: StringEnum(['active', 'default'] as const, { description: 'active 主动评价 or default 默认评价' }),
  level: Type.Integer(),
  levelLabel: Nullable(Type.String()),
  bad: Type.Boolean(),
  tags: Type.Array(Type.String()),
  text: Nullable(Type.String()),
  scores: Type.Record(Type.String(), Type.Integer()),
  channel: Type.String(),
  realName: Type.Boolean(),
  staffEntered: Type.Boolean(),
  hasScan: Type.Boolean(),
  itemId: Type.Integer(),
  itemCode: Type.String(),
  itemName: Type.String(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  windowId: Nullable(Type.Integer()),
  windowName: Nullable(Type.String()),
  hallId: Nullable(Type.Integer()),
  staffId: Nullable(Type.Integer()),
  staffName: Nullable(Type.String()),
  platformId: Nullable(Type.Integer()),
  regionCode: Type.String(),
  policyVersion: Type.Integer(),
  submittedAt: Type.String({ format: 'date-time' }),
});

export const evaluationView = (r: EvaluationStaffRow): Static<typeof EvaluationView> => ({
  id: r.id,
  caseId: r.case_id,
  caseNo: r.case_no,
  visitNo: r.visit_no,
  round: r.round,
  kind: r.kind,
  level: r.level,
  levelLabel: r.level_label,
  bad: r.bad,
  tags: r.tags,
  text: r.text,
  scores: r.scores,
  channel: r.channel,
  realName: r.real_name,
  staffEntered: r.staff_entered,
  hasScan: r.has_scan,
  itemId: r.item_id,
  itemCode: r.item_code,
  itemName: r.item_name,
  unitId: r.unit_id,
  unitName: r.unit_name,
  windowId: r.window_id,
  windowName: r.window_name,
  hallId: r.hall_id,
  staffId: r.staff_id,
  staffName: r.staff_name,
  platformId: r.platform_id,
  regionCode: r.region_code,
  policyVersion: r.policy_version,
  submittedAt: new Date(r.submitted_at).toISOString(),
});

export const AnyChannel = StringEnum(EVALUATION_CHANNELS);
