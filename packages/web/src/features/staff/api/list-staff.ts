import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';

/** 窗口工作人员 as GET /api/staff returns them. */
export interface StaffMember {
  id: number;
  unitId: number;
  unitName: string;
  employeeNo: string;
  name: string;
  title: string | null;
  photoUrl: string | null;
  /** The uploaded photo, shown on the rating device in place of photoUrl. */
  photo: { url: string; contentType: string; sizeBytes: number; uploadedAt: string } | null;
  active: boolean;
  windowIds: number[];
}

export interface StaffQuery {
  unitId?: number | null;
  windowId?: number | null;
  q?: string;
  limit: number;
  offset: number;
}

/** GET /api/staff: staff in the caller's data scope, by unit, window or name. */
export async function listStaff(query: StaffQuery, signal?: AbortSignal): Promise<StaffMember[]> {
  const { items } = await apiRequest<{ items: StaffMember[] }>('/staff', { query: { ...query }, ...(signal ? { signal } : {}) });
  return items;
}

export function useStaff(query: StaffQuery) {
  return useQuery(`staff:${JSON.stringify(query)}`, (signal) => listStaff(query, signal));
}
