import { apiRequest } from '@/lib/api-client.ts';
import type { StaffMember } from './list-staff.ts';

/** PUT /api/staff/:id/windows: the windows a staff member works at (replaces the list). */
export function setStaffWindows(id: number, windowIds: number[]): Promise<StaffMember> {
  return apiRequest(`/staff/${id}/windows`, { method: 'PUT', body: { windowIds } });
}
