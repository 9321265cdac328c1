import { apiRequest } from '@/lib/api-client.ts';

/** PATCH /api/integrations/:id: changes units, (de)activates, or rotates the key (the new key comes back once). */
export function updateIntegration(id: number, change: { unitIds?: number[]; active?: boolean; rotate?: boolean }): Promise<{ id: number; keyId?: string; apiKey?: string }> {
  return apiRequest(`/integrations/${id}`, { method: 'PATCH', body: change });
}
