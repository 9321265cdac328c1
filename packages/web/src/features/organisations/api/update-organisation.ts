import { apiRequest } from '@/lib/api-client.ts';
import { forgetOrganisation, type Organisation } from '@/lib/lookups/organisations.ts';

export interface OrganisationChange {
  name?: string;
  code?: string | null;
  active?: boolean;
}

/** PATCH /api/organisations/:id: renames, recodes or (de)activates. */
export async function updateOrganisation(id: number, change: OrganisationChange): Promise<Organisation> {
  const body = { ...change, ...(change.name !== undefined ? { name: change.name.trim() } : {}), ...(change.code !== undefined ? { code: change.code?.trim() || null } : {}) };
  const org = await apiRequest<Organisation>(`/organisations/${id}`, { method: 'PATCH', body });
  forgetOrganisation(id);
  return org;
}
