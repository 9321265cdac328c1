import { Type, type Static } from '@fastify/type-provider-typebox';
import { ALL_CASE_STAGES, APPLICANT_TYPES, CASE_NO_PATTERN, CASE_TYPES, CHANNELS, ID_NUMBER_PATTERN, PHONE_PATTERN, type ApplicantType, type CaseType } from '@hcp/domain';
import type { CaseWithNames } from '../../repositories/case.repository.ts';
import { ErrorResponse, Nullable, StringEnum } from '../shared/schemas.ts';

const Id = (description: string) => Type.Integer({ minimum: 1, maximum: 2147483647, description });
const Instant = Type.String({ format: 'date-time', maxLength: 40, description: 'RFC 3339 with offset, e.g. 2026-09-30T10:00:00+08:00' });

export const CaseNo = Type.String({ minLength: 1, maxLength: 50, pattern: CASE_NO_PATTERN, description: '办件编号 (GB/T 39046 an..50): letters, digits, ".", "_" and "-"; unique across the platform' });
export const CaseStageSchema = StringEnum(ALL_CASE_STAGES, { description: 'appointed 预约, received 接件, accepted 受理, processing 办理中, completed 办结, delivered 送达; refused 不予受理 and withdrawn 撤件 end the case' });
export const ChannelSchema = StringEnum(CHANNELS);
const IntEnum = <T extends number>(values: readonly T[], description: string) => Type.Unsafe<T>({ type: 'integer', enum: [...values], description });

export const StageBody = Type.Object({ stage: CaseStageSchema, at: Instant }, { additionalProperties: false });

export const CasePushBody = Type.Object(
  {
    caseNo: CaseNo,
    itemCode: Type.String({ minLength: 1, maxLength: 64, description: 'unified item code (事项编码) of a current service item; the case links to its current version' }),
    unitCode: Type.String({ minLength: 1, maxLength: 64, description: "the handling unit's code (its organisation code, kind unit) in the region of the item; must be one of the API key's units" }),
    windowId: Type.Optional(Nullable(Id('organisation id of a window; omitted keeps the current value, null clears it'))),
    staffId: Type.Optional(Nullable(Id('id of a staff member of the handling unit; or give staffEmployeeNo, not both'))),
    staffEmployeeNo: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 32, description: 'employee number within the handling unit' }))),
    channel: ChannelSchema,
    caseType: Type.Optional(IntEnum<CaseType>(CASE_TYPES, 'GB/T 39046 A.6: 1 即办件, 2 承诺件 (default for a new case), 9 其他')),
    applicant: Type.Object(
      {
        type: IntEnum<ApplicantType>(APPLICANT_TYPES, 'GB/T 39046 A.4: 1 自然人, 2 企业法人, 3 事业法人, 4 社会组织法人, 5 行政机关, 6 其他组织'),
        name: Type.String({ minLength: 1, maxLength: 100, description: 'masked for natural persons' }),
        idNumber: Type.Optional(Nullable(Type.String({ minLength: 2, maxLength: 32, pattern: ID_NUMBER_PATTERN, description: 'ID card, passport or unified social credit code; omitted keeps, null clears' }))),
        phone: Type.Optional(Nullable(Type.String({ minLength: 5, maxLength: 20, pattern: PHONE_PATTERN, description: 'omitted keeps, null clears' }))),
      },
      { additionalProperties: false, description: 'personal data: stored encrypted, searchable only by exact phone or certificate number, shown masked' },
    ),
    stages: Type.Array(StageBody, { minItems: 1, maxItems: 8, description: 'one or more stage events; ones already recorded at the same time are ignored' }),
  },
  {
    additionalProperties: false,
    description:
      'One case, upserted by caseNo: a new case is created, a known one gets its changed fields updated and its new stages added. ' +
      'A stage already recorded at another time is a 409. Stage times must follow the stage order and be at most 5 minutes ahead of the server clock.',
  },
);
export type CasePushBody = Static<typeof CasePushBody>;

export const PushResponse = Type.Object({
  id: Type.Integer(),
  caseNo: Type.String(),
  created: Type.Boolean(),
  stage: Type.String(),
  stagesAdded: Type.Integer(),
  promisedDeadline: Nullable(Type.String()),
});

export const BatchBody = Type.Object(
  { cases: Type.Array(Type.Unknown({ description: 'as the body of POST /api/integration/cases' }), { minItems: 1, maxItems: 1000 }) },
  { additionalProperties: false, description: 'All or nothing, like the file imports: if any case has an error the batch is rejected with a 422 listing every failing index, and nothing is written.' },
);

const ItemError = Type.Object({ code: Type.String(), field: Type.Optional(Type.String()), message: Type.String() });
export const BatchApplied = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  items: Type.Array(Type.Object({ index: Type.Integer(), caseNo: Type.String(), created: Type.Boolean() })),
});
export const BatchRejected = Type.Object({
  error: ErrorResponse.properties.error,
  items: Type.Optional(Type.Array(Type.Object({ index: Type.Integer(), caseNo: Nullable(Type.String()), error: ItemError }))),
});

const Applicant = Type.Object({ type: Type.Integer(), name: Nullable(Type.String()), idNumber: Nullable(Type.String()), phone: Nullable(Type.String()) }, { description: 'masked' });
const caseViewProperties = {
  id: Type.Integer(),
  caseNo: Type.String(),
  itemId: Type.Integer(),
  itemCode: Type.String(),
  itemName: Type.String(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  windowId: Nullable(Type.Integer()),
  staffId: Nullable(Type.Integer()),
  regionCode: Type.String(),
  channel: Type.String(),
  caseType: Type.Integer(),
  applicant: Applicant,
  stage: Type.String(),
  stageAt: Type.String(),
  acceptedAt: Nullable(Type.String()),
  completedAt: Nullable(Type.String()),
  promisedDeadline: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
};
export const CaseView = Type.Object(caseViewProperties);
export const CaseDetail = Type.Object({ ...caseViewProperties, stages: Type.Array(Type.Object({ stage: Type.String(), at: Type.String(), recordedAt: Type.String() })) });

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Only masked columns are read here; ciphertexts and blind indexes never reach a response. */
export const caseView = (c: CaseWithNames) => ({
  id: c.id,
  caseNo: c.case_no,
  itemId: c.item_id,
  itemCode: c.item_code,
  itemName: c.item_name,
  unitId: c.unit_id,
  unitName: c.unit_name,
  windowId: c.window_id,
  staffId: c.staff_id,
  regionCode: c.region_code,
  channel: c.channel,
  caseType: c.case_type,
  applicant: { type: c.applicant_type, name: c.applicant_name_masked, idNumber: c.applicant_id_masked, phone: c.applicant_phone_masked },
  stage: c.stage,
  stageAt: iso(c.stage_at)!,
  acceptedAt: iso(c.accepted_at),
  completedAt: iso(c.completed_at),
  promisedDeadline: iso(c.promised_deadline),
  createdAt: iso(c.created_at)!,
  updatedAt: iso(c.updated_at)!,
});
