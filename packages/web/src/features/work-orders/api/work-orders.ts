import type { AlertFlag, WorkOrderAction, WorkOrderState } from '@hcp/domain';
import { apiDownload, apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';
import type { Attachment, WorkOrder, WorkOrderDetail } from './types.ts';

export interface WorkOrderQuery {
  state?: WorkOrderState;
  overdue?: boolean;
  flag?: AlertFlag;
  limit: number;
  offset: number;
}

/** GET /api/work-orders: the orders in the caller's data scope, newest first. */
export async function listWorkOrders(query: WorkOrderQuery, signal?: AbortSignal): Promise<WorkOrder[]> {
  const { items } = await apiRequest<{ items: WorkOrder[] }>('/work-orders', { query: { ...query }, ...(signal ? { signal } : {}) });
  return items;
}

export function useWorkOrders(query: WorkOrderQuery) {
  return useQuery(`work-orders:${JSON.stringify(query)}`, (signal) => listWorkOrders(query, signal));
}

/** GET /api/work-orders/:id: the order with its steps, requests and attachments. */
export function getWorkOrder(id: number, signal?: AbortSignal): Promise<WorkOrderDetail> {
  return apiRequest(`/work-orders/${id}`, signal ? { signal } : {});
}

export function useWorkOrder(id: number) {
  return useQuery(`work-order:${id}`, (signal) => getWorkOrder(id, signal));
}

export interface StepInput {
  text?: string;
  attachmentIds?: number[];
  level?: number;
  tags?: string[];
  mistaken?: boolean;
  idempotencyKey?: string;
}

/** POST /api/work-orders/:id/actions: the next step of the closed loop. */
export function takeAction(id: number, action: WorkOrderAction, input: StepInput): Promise<WorkOrderDetail> {
  return apiRequest(`/work-orders/${id}/actions`, { body: { action, ...input } });
}

/** PUT /api/work-orders/:id/public-reply: publish, replace or (null) withdraw the public reply of a closed order. */
export function setPublicReply(id: number, text: string | null): Promise<WorkOrderDetail> {
  return apiRequest(`/work-orders/${id}/public-reply`, { method: 'PUT', body: { text } });
}

/** POST /api/work-orders/:id/attachments (multipart, field "file"). */
export function uploadAttachment(id: number, file: File): Promise<Attachment> {
  const body = new FormData();
  body.append('file', file, file.name);
  return apiRequest(`/work-orders/${id}/attachments`, { body });
}

/** GET /api/work-orders/:id/attachments/:attachmentId as a download (audited). */
export function downloadAttachment(id: number, attachmentId: number): Promise<void> {
  return apiDownload(`/work-orders/${id}/attachments/${attachmentId}`);
}
