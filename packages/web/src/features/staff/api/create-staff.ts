import { apiRequest } from '@/lib/api-client.ts';
import type { StaffMember } from './list-staff.ts';

export interface NewStaffMember {
  unitId: number;
  employeeNo: string;
  name: string;
  title?: string | null;
  /** Shown on the window's rating device; a path on this server or an http(s) URL. */
  photoUrl?: string | null;
  active?: boolean;
  windowIds?: number[];
}

/** POST /api/staff: adds a staff member to a unit; the employee number is unique within the unit. */
export function createStaff(input: NewStaffMember): Promise<StaffMember> {
  return apiRequest('/staff', {
    method: 'POST',
    body: { ...input, employeeNo: input.employeeNo.trim(), name: input.name.trim(), title: input.title?.trim() || null, photoUrl: input.photoUrl?.trim() || null, windowIds: input.windowIds ?? [] },
  });
}
