import { apiRequest } from '@/lib/api-client.ts';

export interface StaffOption {
  id: number;
  name: string;
  employeeNo: string;
  unitName: string;
}

/** GET /api/staff?q=: staff in the caller's data scope by name, to filter ratings by staff member. */
export async function searchStaff(q: string, signal?: AbortSignal): Promise<StaffOption[]> {
  const { items } = await apiRequest<{ items: StaffOption[] }>('/staff', { query: { q: q.trim() || undefined, limit: 50 }, ...(signal ? { signal } : {}) });
  return items;
}

/** GET /api/staff/:id, for the label of a staff member already chosen. */
export function staffById(id: number): Promise<StaffOption> {
  return apiRequest(`/staff/${id}`);
}
