import { apiRequest } from '@/lib/api-client.ts';
import type { StaffMember } from './list-staff.ts';

export interface StaffChange {
  employeeNo: string;
  name: string;
  title: string | null;
  photoUrl: string | null;
  active: boolean;
}

/** PATCH /api/staff/:id: changes a staff member's number, name, title, photo or whether they are on duty. */
export function updateStaff(id: number, change: StaffChange): Promise<StaffMember> {
  return apiRequest(`/staff/${id}`, {
    method: 'PATCH',
    body: { employeeNo: change.employeeNo.trim(), name: change.name.trim(), title: change.title?.trim() || null, photoUrl: change.photoUrl?.trim() || null, active: change.active },
  });
}
