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
  /** Blind indexes of the staff member's own phone and ID number, only ever compared (self-rating detection). */
  phone_bidx: Default<string | null>;
  phone_masked: Default<string | null>;
  id_bidx: Default<string | null>;
}

/** An uploaded staff photo (工作人员照片): the current one only, one per staff member. */
export interface StaffPhotoTable {
  staff_id: number;
  content_type: 'image/jpeg' | 'image/png' | 'image/webp';
  size_bytes: number;
  sha256: string;
  bytes: Uint8Array;
  uploaded_by: number | null;
  uploaded_at: Timestamp;
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
  /** Set by an upheld appeal: 误评 or 恶意差评. Still stored, never counted. */
  excluded_as: Default<'mistaken' | 'malicious' | null>;
  excluded_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The revisit rating that became the case's latest evaluation; null while this one is current. */
  superseded_by: Default<number | null>;
  /** The window rating device (评价器) that took it, for channel device. */
  device_id: Default<number | null>;
  /** Keyed hash of the address a public page submitted it from (never the address itself). */
  client_ip_hash: Default<string | null>;
}

/** Where the default job has got to (see 20261122T1700-write-path); one row per job name. */
export interface EvaluationDefaultWatermarkTable {
  name: string;
  completed_through: Timestamp | null;
  run_started_at: Timestamp | null;
  updated_at: Default<Date>;
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

export type RatingFlagStatus = 'pending' | 'confirmed' | 'dismissed';

/** A finding of a manipulation detector for one unit, in the review queue (see 20261122T1610-rating-flags). */
export interface RatingFlagTable {
  id: Generated<number>;
  detector: import('@hcp/domain').DetectorName;
  subject: string;
  unit_id: number;
  region_code: string;
  org_path: string;
  score: number;
  reason: Json<import('@hcp/domain').Reason>;
  evidence: Json<Record<string, number | string>>;
  rating_count: number;
  first_at: Timestamp;
  last_at: Timestamp;
  status: Default<RatingFlagStatus>;
  created_at: Timestamp;
  updated_at: Timestamp;
  reviewed_by: number | null;
  reviewed_at: Timestamp | null;
  review_reason: string | null;
}

export interface RatingFlagItemTable {
  detector: import('@hcp/domain').DetectorName;
  evaluation_id: number;
  flag_id: number;
}

export interface RatingTextPrintTable {
  evaluation_id: number;
  fingerprint: string;
  submitted_at: Timestamp;
}

export interface DetectionWatermarkTable {
  name: string;
  scanned_to_id: number;
  updated_at: Timestamp;
}

export interface DB {
  evaluation_default_watermarks: EvaluationDefaultWatermarkTable;
  rating_flags: RatingFlagTable;
  rating_flag_items: RatingFlagItemTable;
  rating_text_prints: RatingTextPrintTable;
  detection_watermarks: DetectionWatermarkTable;
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
  staff_photos: StaffPhotoTable;
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
  campaigns: CampaignTable;
  campaign_configs: CampaignConfigTable;
  campaign_objects: CampaignObjectTable;
  campaign_inputs: CampaignInputTable;
  reports: ReportTable;
  report_files: ReportFileTable;
  revisit_samples: RevisitSampleTable;
  revisit_tasks: RevisitTaskTable;
  notifications: NotificationTable;
  work_order_alerts: WorkOrderAlertTable;
  work_order_attachments: WorkOrderAttachmentTable;
  work_order_requests: WorkOrderRequestTable;
  work_order_links: WorkOrderLinkTable;
  supervision_alerts: SupervisionAlertTable;
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
  /** The latest deadline the clock job alerted (预警/红牌) and its level; a flag only while that deadline is pending. */
  alert_deadline: Default<import('@hcp/domain').AlertDeadline | null>;
  alert_due: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  alert_level: Default<import('@hcp/domain').AlertFlag | null>;
  warning_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  red_card_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  escalated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The evaluator's new rating a satisfied revisit (回访) recorded; it supersedes the order's rating. */
  revisit_evaluation_id: Default<number | null>;
  /** The evaluator said at the revisit that the first rating was a mistake (误评). */
  revisit_mistaken: Default<boolean>;
  /** The public reply (公开答复) of a closed order, published with the masked rating. */
  public_reply: Default<string | null>;
  public_reply_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  public_reply_by: Default<number | null>;
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
  /** Attachments of the same order this step refers to. */
  attachment_ids: Json<number[]>;
  /** What else the step carries (a request's id and kind, the units of a reassignment). */
  detail: Json<Record<string, unknown> | null>;
  /** 'evaluator' when the evaluator took the step online (actor_user_id is then null). */
  actor_kind: 'user' | 'system' | 'evaluator' | null;
  /** The rating the step recorded (a satisfied revisit). */
  evaluation_id: number | null;
  /** The key of a step a client may retry (the evaluator's online revisit): a retry finds the step taken. */
  idempotency_key: string | null;
}

/** The single-purpose link of a feedback SMS to the evaluator's page (整改反馈), kept as a hash. */
export interface WorkOrderLinkTable {
  id: Generated<number>;
  work_order_id: number;
  token_hash: string;
  review_round: number;
  sms_message_id: number | null;
  created_at: Timestamp;
  expires_at: Timestamp;
}

/** An in-app notification (站内通知) for one staff account. */
export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  title: string;
  body: string;
  target_type: string | null;
  target_id: string | null;
  data: Json<Record<string, unknown>>;
  /** Unique per user: what a re-run or a second instance would write again is written once. */
  dedupe_key: string | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

/** A warning, red card or escalation raised for one deadline of a work order, once by its unique key. */
export interface WorkOrderAlertTable {
  id: Generated<number>;
  work_order_id: number;
  deadline: import('@hcp/domain').AlertDeadline;
  /** The request whose decision is due (appeals), 0 for the order's own deadlines. */
  request_id: Default<number>;
  review_round: number;
  due_at: Timestamp;
  level: import('@hcp/domain').AlertLevel;
  raised_at: Timestamp;
  recipients: Default<number>;
}

export type Notification = Selectable<NotificationTable>;
export type WorkOrderAlert = Selectable<WorkOrderAlertTable>;

export type WorkOrder = Selectable<WorkOrderTable>;
export type WorkOrderEvent = Selectable<WorkOrderEventTable>;

/** An attachment (附件) of a work order; its type is read from its bytes, which are stored here. */
export interface WorkOrderAttachmentTable {
  id: Generated<number>;
  work_order_id: number;
  filename: string;
  content_type: string;
  kind: import('@hcp/domain').AttachmentKind;
  size_bytes: number;
  sha256: string;
  bytes: Uint8Array;
  uploaded_by: number | null;
  uploaded_at: Timestamp;
}

/** A request on a work order (延期, 复核申诉, 无法整改) and its decision. */
export interface WorkOrderRequestTable {
  id: Generated<number>;
  work_order_id: number;
  kind: import('@hcp/domain').RequestKind;
  status: Default<import('@hcp/domain').RequestStatus>;
  reason: string;
  days: number | null;
  attachment_ids: Json<number[]>;
  requested_by: number | null;
  requested_at: Timestamp;
  decision_due: Timestamp | null;
  decided_by: number | null;
  decided_at: Timestamp | null;
  decision_reason: string | null;
  decision_attachment_ids: Json<number[]>;
  excluded_as: import('@hcp/domain').ExclusionKind | null;
  idempotency_key: string | null;
  decision_idempotency_key: string | null;
}

export type WorkOrderAttachment = Selectable<WorkOrderAttachmentTable>;
export type WorkOrderRequest = Selectable<WorkOrderRequestTable>;

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

/** A mass-evaluation campaign (群众评议机关作风, seed 002) of one region and year. */
export interface CampaignTable {
  id: Generated<number>;
  region_code: string;
  year: number;
  name: string;
  created_by: number | null;
  created_at: Default<Date>;
}

/** A version of a campaign's scoring rules; the latest is in force. */
export interface CampaignConfigTable {
  id: Generated<number>;
  campaign_id: number;
  version: number;
  config: Json<import('@hcp/domain').CampaignConfig>;
  note: string | null;
  created_by: number | null;
  created_at: Default<Date>;
}

/** An object (评议对象) of a campaign: a unit, the service center, a hall or a township center. */
export interface CampaignObjectTable {
  campaign_id: number;
  org_id: number;
  object_group: import('@hcp/domain').CampaignObjectGroup;
  position: number;
}

/** A result entered or imported for the questionnaire, revisit or complaint channel. */
export interface CampaignInputTable {
  id: Generated<number>;
  campaign_id: number;
  org_id: number;
  channel: import('@hcp/domain').CampaignInputChannel;
  method: string | null;
  occurred_on: string;
  level: number;
  count: Default<number>;
  verified: Default<boolean>;
  note: string | null;
  ref: string | null;
  source: 'entered' | 'import';
  created_by: number | null;
  created_at: Default<Date>;
}

export type ReportStatus = 'pending' | 'retrying' | 'ready' | 'failed';

/** A report (通报) of a region and a month or quarter; its files exist only once it is ready. */
export interface ReportTable {
  id: Generated<number>;
  region_code: string;
  period_kind: 'month' | 'quarter';
  period_key: string;
  period_from: string;
  period_to: string;
  status: ReportStatus;
  attempts: Default<number>;
  error: string | null;
  figures: Json<Record<string, unknown> | null>;
  formula_version: number | null;
  trigger: 'schedule' | 'on_demand';
  requested_by: number | null;
  created_at: Default<Date>;
  updated_at: Default<Date>;
  generated_at: Date | null;
}

export interface ReportFileTable {
  report_id: number;
  format: 'xlsx' | 'pdf';
  content_type: string;
  bytes: Uint8Array;
  sha256: string;
  created_at: Default<Date>;
}

/** A 监督查评 sample: the seed and population it was drawn from, so anyone can redraw it. */
export interface RevisitSampleTable {
  id: Generated<number>;
  region_code: string;
  period_kind: 'month' | 'quarter';
  period_key: string;
  period_from: string;
  period_to: string;
  seed: string;
  requested_size: number;
  population: number;
  created_by: number | null;
  created_at: Default<Date>;
}

export type RevisitTaskStatus = 'pending' | 'reached' | 'not_reached';

/** One evaluator to call back; the phone is kept only masked here (the case holds it encrypted). */
export interface RevisitTaskTable {
  id: Generated<number>;
  sample_id: number;
  evaluation_id: number;
  case_id: number;
  unit_id: number;
  window_id: number | null;
  region_code: string;
  org_path: string;
  phone_masked: string;
  status: Default<RevisitTaskStatus>;
  satisfaction: number | null;
  remarks: string | null;
  answered_by: number | null;
  answered_at: Date | null;
  version: Default<number>;
}

export type Campaign = Selectable<CampaignTable>;
export type CampaignInput = Selectable<CampaignInputTable>;
export type Report = Selectable<ReportTable>;
export type RevisitSample = Selectable<RevisitSampleTable>;
export type RevisitTask = Selectable<RevisitTaskTable>;

/** A supervision alert (督办预警): once per kind, subject and period; see migration 20261122T1630-supervision-alerts. */
export interface SupervisionAlertTable {
  id: Generated<number>;
  kind: import('@hcp/domain').SupervisionAlertKind;
  /** The staff member (staff_bad_ratings) or the unit (unit_low_rank, unit_overdue). */
  subject_id: number;
  unit_id: number;
  staff_id: number | null;
  region_code: string;
  org_path: string;
  period_kind: 'month';
  period_key: string;
  period_from: ColumnType<string, string, string>;
  period_to: ColumnType<string, string, string>;
  first_figures: Json<Record<string, number | string | null>>;
  figures: Json<Record<string, number | string | null>>;
  policy_region_code: string;
  policy_version: number;
  raised_at: Timestamp;
  checked_at: Timestamp;
  recipients: Default<number>;
  acknowledged_by: number | null;
  acknowledged_at: Timestamp | null;
  acknowledge_note: string | null;
}

export type SupervisionAlert = Selectable<SupervisionAlertTable>;
