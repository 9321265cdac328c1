import { apiRequest } from '@/lib/api-client.ts';
import { contentBody, type ServiceItemContent } from './create-service-item.ts';
import type { ServiceItem } from './list-service-items.ts';

/** PUT /api/service-items/:code: a new version when anything changed (`changed` false otherwise). */
export function changeServiceItem(code: string, content: ServiceItemContent): Promise<{ item: ServiceItem; changed: boolean }> {
  return apiRequest(`/service-items/${encodeURIComponent(code)}`, { method: 'PUT', body: contentBody(content) });
}
