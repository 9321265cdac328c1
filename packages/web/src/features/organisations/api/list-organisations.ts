import type { OrganisationKind } from '@hcp/domain';
import { apiRequest } from '@/lib/api-client.ts';
import type { Organisation } from '@/lib/lookups/organisations.ts';

export interface OrganisationListQuery {
  /** The children of this organisation; 0 for the top of the tree. */
  parentId?: number;
  /** Everything below this organisation. */
  under?: number;
  kind?: OrganisationKind;
  regionCode?: string;
  q?: string;
  limit?: number;
  offset?: number;
}

/** GET /api/organisations: organisations in the caller's data scope. */
export async function listOrganisations(query: OrganisationListQuery, signal?: AbortSignal): Promise<Organisation[]> {
  const { items } = await apiRequest<{ items: Organisation[] }>('/organisations', { query: { limit: 500, ...query }, ...(signal ? { signal } : {}) });
  return items;
}
