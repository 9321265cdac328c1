import { apiRequest } from '@/lib/api-client.ts';
import type { SupervisionAlert } from './list-alerts.ts';

/** POST /api/supervision-alerts/:id/acknowledge: what was done about it (permission supervision.acknowledge). */
export function acknowledgeAlert(id: number, note: string): Promise<SupervisionAlert> {
  return apiRequest(`/supervision-alerts/${id}/acknowledge`, { body: { note } });
}
