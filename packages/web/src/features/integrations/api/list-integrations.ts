import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';

/** An approval system (业务办理系统) that pushes cases with its API key. */
export interface Integration {
  id: number;
  name: string;
  keyId: string;
  active: boolean;
  unitIds: number[];
  lastUsedAt: string | null;
}

/** GET /api/integrations: every integration (the secrets are never shown again). */
export async function listIntegrations(signal?: AbortSignal): Promise<Integration[]> {
  const { items } = await apiRequest<{ items: Integration[] }>('/integrations', signal ? { signal } : {});
  return items;
}

export function useIntegrations() {
  return useQuery('integrations', (signal) => listIntegrations(signal));
}
