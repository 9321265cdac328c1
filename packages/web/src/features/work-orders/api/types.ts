import type { ExclusionKind, RequestKind, RequestStatus, WorkOrderAction, WorkOrderDecision, WorkOrderState } from '@hcp/domain';

/** The deadline an open order is working towards. */
export type PendingDeadline = 'firstContactDue' | 'rectifyDue' | 'feedbackDue';

/** What the order is about, as lists show it; never who rated. */
export interface WorkOrderSummary {
  caseNo: string;
  itemName: string;
  unitName: string;
  staffName: string | null;
  level: number;
  realName: boolean;
  excludedAs: ExclusionKind | null;
}

/** A work order (整改工单) as GET /api/work-orders shows it (WorkOrderView in routes/work-orders/work-orders.routes.ts). */
export interface WorkOrder {
  id: number;
  evaluationId: number;
  caseId: number;
  unitId: number;
  staffId: number | null;
  regionCode: string;
  state: WorkOrderState;
  decision: WorkOrderDecision | null;
  reviewRound: number;
  openedAt: string;
  deadlines: { firstContactDue: string; rectifyDue: string; feedbackDue: string };
  pendingDeadline: PendingDeadline | null;
  overdue: boolean;
  pendingDue: string | null;
  flag: 'warning' | 'red_card' | null;
  warningAt: string | null;
  redCardAt: string | null;
  escalatedAt: string | null;
  closedAt: string | null;
  revisitEvaluationId: number | null;
  revisitMistaken: boolean;
  publicReply: string | null;
  publicReplyAt: string | null;
  summary: WorkOrderSummary | null;
  /** Working days on the region's calendar to the pending deadline: 0 due today, negative overdue. */
  workingDaysLeft: number | null;
  /** Only on one order: the end (exclusive) of the window to appeal the rating. */
  appealWindowEnd?: string;
}

/** One step on an order's timeline. */
export interface WorkOrderEvent {
  action: WorkOrderAction | string;
  attachmentIds: number[];
  detail: Record<string, unknown> | null;
  actorUserId: number | null;
  actorName?: string | null;
  actorKind: 'user' | 'system' | 'evaluator';
  at: string;
  text: string | null;
  fromState: string | null;
  toState: string;
  evaluationId: number | null;
}

/** An extension (延期), appeal (复核申诉) or 无法整改 request with its decision. */
export interface WorkOrderRequest {
  id: number;
  workOrderId: number;
  kind: RequestKind;
  status: RequestStatus;
  reason: string;
  days: number | null;
  attachmentIds: number[];
  requestedBy: number | null;
  requestedAt: string;
  decisionDue: string | null;
  decidedBy: number | null;
  decidedAt: string | null;
  decisionReason: string | null;
  decisionAttachmentIds: number[];
  excludedAs: ExclusionKind | null;
}

/** A request in the office's list, with where its order stands. */
export interface ListedRequest extends WorkOrderRequest {
  order: { unitId: number; regionCode: string; state: WorkOrderState };
}

/** An attachment (附件) without its bytes. */
export interface Attachment {
  id: number;
  workOrderId: number;
  filename: string;
  contentType: string;
  kind: 'image' | 'pdf' | 'office';
  sizeBytes: number;
  sha256: string;
  uploadedBy: number | null;
  uploadedAt: string;
}

/** GET /api/work-orders/:id, and the answer of every step on it. */
export interface WorkOrderDetail {
  workOrder: WorkOrder;
  events: WorkOrderEvent[];
  requests?: WorkOrderRequest[];
  attachments?: Attachment[];
}
