import type { DeviceRequestStatus } from '@hcp/domain';
import { apiRequest } from '@/lib/api-client.ts';

/**
 * POST /api/devices/evaluate (permission device.invite): asks the device at a window to show the
 * rating screen for a case. The answer, like every later one, never contains the rating.
 */
export function inviteDevice(input: { caseId: number; windowId: number }): Promise<{ requestId: number; status: 'sent'; expiresAt: string }> {
  return apiRequest('/devices/evaluate', { method: 'POST', body: input });
}

export interface RequestProgress {
  requestId: number;
  status: DeviceRequestStatus;
  windowId: number;
  caseNo: string;
  createdAt: string;
  expiresAt: string;
  finishedAt: string | null;
}

/** GET /api/devices/requests/:id: whether the evaluator finished; never how they rated. */
export function getRequestProgress(requestId: number, signal?: AbortSignal): Promise<RequestProgress> {
  return apiRequest(`/devices/requests/${requestId}`, signal ? { signal } : {});
}
