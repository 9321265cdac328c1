import type { WorkOrderDecision, WorkOrderState } from '@hcp/domain';
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Set by the database on insert, may be given explicitly. */
type Default<T> = ColumnType<T, T | undefined, T>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | T | undefined, string | T>;

export interface RegionTable {
  code: string;
  name: string;
  level: number;
  parent_code: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type OrgKind = 'unit' | 'hall' | 'center' | 'station' | 'window';

export interface OrganisationTable {
  id: Generated<number>;
  region_code: string;
  parent_id: number | null;
  path: Default<string>;
  kind: OrgKind;
  code: string | null;
  name: string;
  active: Default<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The window's QR code key (/q/<key>); set by the database for every organisation, used for windows. */
  public_key: Default<string>;
}

export type PlatformKind = 'business_system' | 'web_portal' | 'app' | 'mini_program' | 'terminal' | 'hotline';

export interface PlatformTable {
  id: Generated<number>;
  region_code: string;
  kind: PlatformKind;
  code: string;
  name: string;
  url: string | null;
  active: Default<boolean>;
  created_at: Timestamp;
}

export interface StaffTable {
  id: Generated<number>;
  org_id: number;
  employee_no: string;
  name: string;
  title: string | null;
  photo_url: string | null;
  active: Default<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StaffWindowTable {
  staff_id: number;
  window_id: number;
}

export interface ServiceItemTable {
  id: Generated<number>;
  item_code: string;
  version: number;
  name: string;
  legal_basis: Default<string>;
  item_type: string;
  promised_days: number;
  statutory_days: number | null;
  fee: Default<string>;
  owner_org_id: number;
  region_code: string;
  created_at: Timestamp;
  superseded_at: Timestamp | null;
}

export interface IntegrationTable {
  id: Generated<number>;
  name: string;
  key_id: string;
  secret_hash: string;
  secret_enc: string;
  active: Default<boolean>;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
}

export interface IntegrationUnitTable {
  integration_id: number;
  org_id: number;
}

export interface CaseTable {
  id: Generated<number>;
  case_no: string;
  item_id: number;
  item_code: string;
  unit_id: number;
  org_path: string;
  window_id: number | null;
  staff_id: number | null;
  region_code: string;
  channel: 'online' | 'offline';
  case_type: Default<number>;
  applicant_type: number;
  applicant_name_enc: string | null;
  applicant_name_masked: string | null;
  applicant_id_enc: string | null;
  applicant_id_bidx: string | null;
  applicant_id_masked: string | null;
  applicant_phone_enc: string | null;
  applicant_phone_bidx: string | null;
  applicant_phone_masked: string | null;
  stage: string;
  stage_at: Timestamp;
  accepted_at: Timestamp | null;
  completed_at: Timestamp | null;
  promised_deadline: Timestamp | null;
  integration_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CaseStageTable {
  case_id: number;
  stage: string;
  occurred_at: Timestamp;
  recorded_at: Timestamp;
  note: string | null;
}

export type Role = 'clerk' | 'unit_admin' | 'supervisor' | 'operator' | 'auditor' | 'sysadmin';

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  scope_region_code: string | null;
  scope_org_id: number | null;
  staff_id: number | null;
  failed_logins: Default<number>;
  locked_until: Timestamp | null;
  active: Default<boolean>;
  created_at: Timestamp;
  last_login_at: Timestamp | null;
}

export interface SessionTable {
  id: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface CalendarOverrideTable {
  id: Generated<number>;
  region_code: string;
  version: number;
  day: string;
  kind: 'workday' | 'holiday' | 'clear';
  name: string | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface ImportRowError {
  row: number;
  column?: string;
  reason: string;
}

export interface ImportTable {
  id: Generated<number>;
  kind: string;
  filename: string;
  status: 'applied' | 'rejected';
  rows_total: number;
  rows_applied: number;
  errors: Json<ImportRowError[]>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface AuditLogTable {
  seq: Generated<number>;
  at: Timestamp;
  actor_type: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  request_id: string | null;
  detail: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

export interface JobTable {
  id: Generated<number>;
  kind: string;
  payload: Json<Record<string, unknown>>;
  status: Default<'pending' | 'running' | 'done' | 'dead'>;
  run_at: Timestamp;
  attempts: Default<number>;
  max_attempts: Default<number>;
  locked_by: string | null;
  locked_until: Timestamp | null;
  last_error: string | null;
  dedupe_key: string | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface ScheduleTable {
  name: string;
  every_seconds: number;
  job_kind: string;
  next_run_at: Timestamp;
  last_run_at: Timestamp | null;
  last_fired_by: string | null;
}

export interface EvaluationPolicyTable {
  id: Generated<number>;
  region_code: string;
  version: number;
  policy: Json<import('@hcp/domain').EvaluationPolicy>;
  note: string | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface EvaluationTable {
  id: Generated<number>;
  case_id: number;
  visit_no: Default<number>;
  round: number;
  kind: 'active' | 'default';
  level: number;
  bad: boolean;
  tags: Default<string[]>;
  text: string | null;
  scores: Json<Record<string, number>>;
  channel: string;
  policy_id: number;
  real_name: Default<boolean>;
  evaluator_name_enc: string | null;
  evaluator_phone_enc: string | null;
  evaluator_phone_bidx: string | null;
  item_id: number;
  unit_id: number;
  window_id: number | null;
  hall_id: number | null;
  platform_id: number | null;
  staff_id: number | null;
  region_code: string;
  org_path: string;
  entered_by: number | null;
  scan_ref: string | null;
  source_ref: string | null;
  idempotency_key: string | null;
  submitted_at: Timestamp;
  created_at: Timestamp;
}

export type SmsStatus = 'queued' | 'sent' | 'delivered' | 'failed' | 'suppressed';

export interface SmsMessageTable {
  id: Generated<number>;
  phone_enc: string;
  phone_bidx: string;
  phone_masked: string;
  purpose: string;
  ref: string | null;
  body: string;
  status: Default<SmsStatus>;
  gateway: string | null;
  provider_message_id: string | null;
  attempts: Default<number>;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  delivered_at: Timestamp | null;
}

export interface SmsOptoutTable {
  phone_bidx: string;
  source: string;
  created_at: Timestamp;
}

export interface DevSmsInboxTable {
  message_id: number;
  phone_masked: string;
  body: string;
  received_at: Timestamp;
}

export interface EvaluationSessionTable {
  id: Generated<number>;
  token_hash: string;
  case_id: number;
  channel: string;
  real_name: boolean;
  platform_id: number | null;
  source_ref: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  evaluation_id: number | null;
}

/** A window rating device (评价器); the pairing code and the token are kept only as hashes. */
export interface DeviceTable {
  id: Generated<number>;
  window_id: number;
  name: string;
  pairing_code_hash: string | null;
  pairing_expires_at: Timestamp | null;
  token_hash: string | null;
  paired_at: Timestamp | null;
  last_seen_at: Timestamp | null;
  active: Default<boolean>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DeviceRequestTable {
  id: Generated<number>;
  device_id: number;
  case_id: number;
  visit_no: Default<number>;
  requested_by_kind: 'user' | 'integration' | 'system';
  requested_by_id: number | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  status: Default<import('@hcp/domain').DeviceRequestStatus>;
  evaluation_id: number | null;
  finished_at: Timestamp | null;
}

/** A scan of a paper evaluation form (书面评价表), checked by its magic bytes before it is stored. */
export interface EvaluationScanTable {
  id: Generated<number>;
  evaluation_id: number;
  content_type: 'application/pdf' | 'image/jpeg' | 'image/png';
  bytes: Uint8Array;
  sha256: string;
  uploaded_by: number | null;
  created_at: Timestamp;
}

/** A signed portal link already used to open a session; kept until the link would have expired. */
export interface SignedLinkUseTable {
  sig_hash: string;
  integration_id: number;
  case_id: number;
  expires_at: Timestamp;
  used_at: Timestamp;
}

/** An SMS one-time code (验证码) for identifying at a window's QR code; only its salted hash is kept. */
export interface PublicOtpTable {
  id: Generated<number>;
  window_id: number;
  phone_bidx: string;
  code_hash: string;
  salt: string;
  attempts: Default<number>;
  max_attempts: number;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface PublicRateCounterTable {
  bucket: string;
  key_hash: string;
  window_start: Timestamp;
  count: Default<number>;
}

/** A suggestion box entry (意见箱); the contact phone is encrypted and shown masked. */
export interface SuggestionTable {
  id: Generated<number>;
  region_code: string | null;
  org_id: number | null;
  org_path: string | null;
  window_id: number | null;
  answers: Json<Record<string, number>>;
  text: string | null;
  contact_phone_enc: string | null;
  contact_phone_masked: string | null;
  policy_id: number;
  ip_hash: string;
  idempotency_key: string | null;
  created_at: Timestamp;
}

/** An invitation to evaluate by SMS (邀请评价), one per case; its link's token is hashed in its session. */
export interface EvaluationInvitationTable {
  id: Generated<number>;
  case_id: number;
  session_id: number | null;
  phone_bidx: string;
  /** invited: the SMS went to the outbox; suppressed: the phone had opted out (退订). */
  status: 'invited' | 'suppressed';
  sent_message_id: number | null;
  remind_at: Timestamp | null;
  reminded_at: Timestamp | null;
  reminder_message_id: number | null;
  feedback_message_id: number | null;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface InvitationWatermarkTable {
  name: string;
  scanned_to: Timestamp;
  updated_at: Timestamp;
}

export type SmsInboundStatus = 'ignored' | 'recorded' | 'opted_out' | 'needs_reason';

/** An SMS reply (短信回复) as the provider delivered it, and what came of it. */
export interface SmsInboundTable {
  id: Generated<number>;
  provider_message_id: string | null;
  phone_bidx: string;
  phone_masked: string;
  text_enc: string;
  status: SmsInboundStatus;
  reason: string | null;
  invitation_id: number | null;
  evaluation_id: number | null;
  reply_message_id: number | null;
  received_at: Timestamp;
  created_at: Timestamp;
}

export interface DB {
  regions: RegionTable;
  organisations: OrganisationTable;
  platforms: PlatformTable;
  staff: StaffTable;
  staff_windows: StaffWindowTable;
  service_items: ServiceItemTable;
  integrations: IntegrationTable;
  integration_units: IntegrationUnitTable;
  cases: CaseTable;
  case_stages: CaseStageTable;
  users: UserTable;
  sessions: SessionTable;
  calendar_overrides: CalendarOverrideTable;
  imports: ImportTable;
  audit_log: AuditLogTable;
  jobs: JobTable;
  schedules: ScheduleTable;
  evaluation_policies: EvaluationPolicyTable;
  evaluations: EvaluationTable;
  evaluation_scans: EvaluationScanTable;
  devices: DeviceTable;
  device_requests: DeviceRequestTable;
  sms_messages: SmsMessageTable;
  evaluation_sessions: EvaluationSessionTable;
  sms_optouts: SmsOptoutTable;
  dev_sms_inbox: DevSmsInboxTable;
  signed_link_uses: SignedLinkUseTable;
  public_otps: PublicOtpTable;
  public_rate_counters: PublicRateCounterTable;
  suggestions: SuggestionTable;
  evaluation_invitations: EvaluationInvitationTable;
  invitation_watermarks: InvitationWatermarkTable;
  sms_inbound: SmsInboundTable;
  work_orders: WorkOrderTable;
  work_order_events: WorkOrderEventTable;
}

/** A work order (整改工单) opened by a bad rating; see @hcp/domain work-order.ts for its states. */
export interface WorkOrderTable {
  id: Generated<number>;
  evaluation_id: number;
  case_id: number;
  unit_id: number;
  staff_id: number | null;
  region_code: string;
  org_path: string;
  state: WorkOrderState;
  decision: WorkOrderDecision | null;
  review_round: Default<number>;
  opened_at: Timestamp;
  first_contact_due: Timestamp;
  rectify_due: Timestamp;
  feedback_due: Timestamp;
  closed_at: Timestamp | null;
  policy_id: number;
  version: Default<number>;
}

export interface WorkOrderEventTable {
  id: Generated<number>;
  work_order_id: number;
  action: string;
  actor_user_id: number | null;
  at: Timestamp;
  text: string | null;
  from_state: string | null;
  to_state: string;
}

export type WorkOrder = Selectable<WorkOrderTable>;
export type WorkOrderEvent = Selectable<WorkOrderEventTable>;

export type Region = Selectable<RegionTable>;
export type Organisation = Selectable<OrganisationTable>;
export type NewOrganisation = Insertable<OrganisationTable>;
export type Platform = Selectable<PlatformTable>;
export type Staff = Selectable<StaffTable>;
export type ServiceItem = Selectable<ServiceItemTable>;
export type Integration = Selectable<IntegrationTable>;
export type Case = Selectable<CaseTable>;
export type CaseUpdate = Updateable<CaseTable>;
export type User = Selectable<UserTable>;
export type Job = Selectable<JobTable>;
export type Evaluation = Selectable<EvaluationTable>;
export type SmsMessage = Selectable<SmsMessageTable>;
export type Device = Selectable<DeviceTable>;
export type DeviceRequest = Selectable<DeviceRequestTable>;
