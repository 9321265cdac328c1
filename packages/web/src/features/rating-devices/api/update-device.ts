import { apiRequest } from '@/lib/api-client.ts';
import type { Device } from './list-devices.ts';

/** PATCH /api/devices/:id: renames a device or switches it off (its open request is withdrawn) or on. */
export function updateDevice(id: number, change: { name?: string; active?: boolean }): Promise<Device> {
  return apiRequest(`/devices/${id}`, { method: 'PATCH', body: change });
}
