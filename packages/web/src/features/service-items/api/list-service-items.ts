import type { ItemType } from '@hcp/domain';
import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';

/** 政务服务事项, one version of it, as the API returns it. */
export interface ServiceItem {
  id: number;
  code: string;
  version: number;
  name: string;
  legalBasis: string;
  itemType: ItemType;
  promisedDays: number;
  statutoryDays: number | null;
  fee: string;
  ownerUnitId: number;
  ownerName: string;
  regionCode: string;
  createdAt: string;
  supersededAt: string | null;
}

export interface ServiceItemQuery {
  ownerUnitId?: number | null;
  regionCode?: string | null;
  itemType?: ItemType | null;
  q?: string;
  limit: number;
  offset: number;
}

/** GET /api/service-items: the current versions of the items in the caller's data scope. */
export async function listServiceItems(query: ServiceItemQuery, signal?: AbortSignal): Promise<ServiceItem[]> {
  const { items } = await apiRequest<{ items: ServiceItem[] }>('/service-items', { query: { ...query }, ...(signal ? { signal } : {}) });
  return items;
}

export function useServiceItems(query: ServiceItemQuery) {
  return useQuery(`items:${JSON.stringify(query)}`, (signal) => listServiceItems(query, signal));
}
