import { apiRequest } from '@/lib/api-client.ts';
import { useAsync } from '@/lib/use-async.ts';

/** An organisation (unit, centre, hall, window …) as GET /api/organisations/:id returns it. */
export interface Organisation {
  id: number;
  regionCode: string;
  parentId: number | null;
  path: string;
  kind: string;
  code: string | null;
  name: string;
  active: boolean;
}

export function getOrganisation(id: number, signal?: AbortSignal): Promise<Organisation> {
  return apiRequest(`/organisations/${id}`, signal ? { signal } : {});
}

/** The organisation with this id; nothing is loaded for null. */
export function useOrganisation(id: number | null) {
  return useAsync(id, (signal) => getOrganisation(id!, signal));
}
