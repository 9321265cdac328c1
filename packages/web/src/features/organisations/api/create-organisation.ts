import type { OrganisationKind } from '@hcp/domain';
import { apiRequest } from '@/lib/api-client.ts';
import type { Organisation } from '@/lib/lookups/organisations.ts';

export interface NewOrganisation {
  kind: OrganisationKind;
  parentId: number | null;
  regionCode: string;
  code?: string | null;
  name: string;
}

/**
 * POST /api/organisations. The server's nesting rules: units under units or at the top; centers,
 * halls and stations at the top or under a center; windows only under a hall, station or center.
 */
export function createOrganisation(input: NewOrganisation): Promise<Organisation> {
  return apiRequest('/organisations', {
    method: 'POST',
    body: { kind: input.kind, parentId: input.parentId ?? null, regionCode: input.regionCode, code: input.code?.trim() || null, name: input.name.trim() },
  });
}
