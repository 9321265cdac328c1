import type { ExclusionKind, RequestKind, RequestStatus } from '@hcp/domain';
import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';
import type { ListedRequest, WorkOrderDetail, WorkOrderRequest } from './types.ts';

const PATH: Record<RequestKind, string> = { extension: 'extension-requests', appeal: 'appeals', unrectifiable: 'unrectifiable-requests' };

export interface FileRequestInput {
  reason: string;
  /** Extension only: working days asked for. */
  days?: number;
  attachmentIds?: number[];
}

/** Files an extension (延期), appeal (复核申诉) or 无法整改 request on an order. */
export function fileRequest(workOrderId: number, kind: RequestKind, input: FileRequestInput): Promise<WorkOrderRequest> {
  return apiRequest(`/work-orders/${workOrderId}/${PATH[kind]}`, { body: input });
}

export interface RequestQuery {
  kind?: RequestKind;
  status?: RequestStatus;
  workOrderId?: number;
  limit: number;
  offset: number;
}

/** GET /api/work-order-requests: requests on orders in the caller's scope, newest first. */
export async function listRequests(query: RequestQuery, signal?: AbortSignal): Promise<ListedRequest[]> {
  const { items } = await apiRequest<{ items: ListedRequest[] }>('/work-order-requests', { query: { ...query }, ...(signal ? { signal } : {}) });
  return items;
}

export function useRequests(query: RequestQuery) {
  return useQuery(`work-order-requests:${JSON.stringify(query)}`, (signal) => listRequests(query, signal));
}

export interface DecisionInput {
  outcome: 'approved' | 'rejected';
  reason: string;
  excludedAs?: ExclusionKind;
  attachmentIds?: number[];
}

/** POST /api/work-order-requests/:id/decision: the management office approves (an appeal: upholds) or rejects. */
export function decideRequest(requestId: number, input: DecisionInput): Promise<WorkOrderRequest> {
  return apiRequest(`/work-order-requests/${requestId}/decision`, { body: input });
}

/** POST /api/work-orders/:id/reassign: 转办 to another unit with a reason. */
export function reassign(workOrderId: number, input: { toUnitId: number; reason: string; attachmentIds?: number[] }): Promise<WorkOrderDetail> {
  return apiRequest(`/work-orders/${workOrderId}/reassign`, { body: input });
}
