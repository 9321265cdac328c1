import type { OrganisationKind } from '@hcp/domain';
import { useEffect, useState } from 'react';
import { apiRequest } from '../api-client.ts';

/**
 * An organisation (单位、中心、大厅、站点、窗口) as the API returns it. Many pages pick or name
 * organisations, so the look-ups live here, shared, rather than in one feature.
 */
export interface Organisation {
  id: number;
  regionCode: string;
  parentId: number | null;
  path: string;
  kind: OrganisationKind;
  code: string | null;
  name: string;
  active: boolean;
}

export interface OrganisationSearch {
  q?: string;
  kind?: OrganisationKind;
  regionCode?: string;
  limit?: number;
}

/** GET /api/organisations?q=&kind=: organisations in the caller's data scope matching a name. */
export async function searchOrganisations(search: OrganisationSearch, signal?: AbortSignal): Promise<Organisation[]> {
  const { items } = await apiRequest<{ items: Organisation[] }>('/organisations', { query: { limit: 50, ...search }, ...(signal ? { signal } : {}) });
  for (const o of items) cache.set(o.id, Promise.resolve(o));
  return items;
}

const cache = new Map<number, Promise<Organisation>>();

/** GET /api/organisations/:id, remembered for the page's lifetime (names rarely change under a user). */
export function organisationById(id: number): Promise<Organisation> {
  let found = cache.get(id);
  if (!found) {
    found = apiRequest<Organisation>(`/organisations/${id}`);
    found.catch(() => cache.delete(id));
    cache.set(id, found);
  }
  return found;
}

/** Forgets a cached organisation after it was changed. */
export function forgetOrganisation(id: number): void {
  cache.delete(id);
}

/** The names of these organisations by id, filled in as they load ("#id" until then or when unreadable). */
export function useOrganisationNames(ids: readonly number[]): Map<number, string> {
  const key = [...new Set(ids)].sort((a, b) => a - b).join(',');
  const [names, setNames] = useState(new Map<number, string>());
  useEffect(() => {
    let live = true;
    const wanted = key ? key.split(',').map(Number) : [];
    Promise.all(wanted.map((id) => organisationById(id).then((o) => [id, o.name] as const, () => [id, `#${id}`] as const))).then((pairs) => {
      if (live) setNames(new Map(pairs));
    });
    return () => {
      live = false;
    };
  }, [key]);
  return names;
}
