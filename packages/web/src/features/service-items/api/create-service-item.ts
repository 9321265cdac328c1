import type { ItemType } from '@hcp/domain';
import { apiRequest } from '@/lib/api-client.ts';
import type { ServiceItem } from './list-service-items.ts';

/** What a version of a service item says (everything but its code). */
export interface ServiceItemContent {
  name: string;
  itemType: ItemType;
  promisedDays: number;
  statutoryDays?: number | null;
  fee?: string;
  legalBasis?: string;
  ownerUnitId: number;
  regionCode: string;
}

export const contentBody = (c: ServiceItemContent): ServiceItemContent => ({
  name: c.name.trim(),
  itemType: c.itemType,
  promisedDays: c.promisedDays,
  statutoryDays: c.statutoryDays ?? null,
  fee: c.fee?.trim() ?? '',
  legalBasis: c.legalBasis?.trim() ?? '',
  ownerUnitId: c.ownerUnitId,
  regionCode: c.regionCode,
});

/** POST /api/service-items: a new item, version 1. */
export function createServiceItem(input: ServiceItemContent & { code: string }): Promise<ServiceItem> {
  return apiRequest('/service-items', { method: 'POST', body: { code: input.code.trim(), ...contentBody(input) } });
}
