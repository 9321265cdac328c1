import { apiRequest } from '@/lib/api-client.ts';
import type { StaffMember } from './list-staff.ts';

/** DELETE /api/staff/:id/photo: removes the uploaded photo; the typed photo address, if any, stays. */
export function deleteStaffPhoto(id: number): Promise<StaffMember> {
  return apiRequest(`/staff/${id}/photo`, { method: 'DELETE' });
}
