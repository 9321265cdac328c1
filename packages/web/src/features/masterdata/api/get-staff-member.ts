import { apiRequest } from '@/lib/api-client.ts';
import { useAsync } from '@/lib/use-async.ts';

/** A staff member as GET /api/staff/:id returns it, the parts a console page shows. */
export interface StaffMember {
  id: number;
  unitId: number;
  unitName: string;
  employeeNo: string;
  name: string;
  windowIds: number[];
}

export function getStaffMember(id: number, signal?: AbortSignal): Promise<StaffMember> {
  return apiRequest(`/staff/${id}`, signal ? { signal } : {});
}

/** The staff member with this id; nothing is loaded for null. */
export function useStaffMember(id: number | null) {
  return useAsync(id, (signal) => getStaffMember(id!, signal));
}
