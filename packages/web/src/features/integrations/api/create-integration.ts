import { apiRequest } from '@/lib/api-client.ts';

/** The key as issued: `apiKey` ("<keyId>.<secret>") is shown this once only. */
export interface IssuedKey {
  id: number;
  keyId: string;
  apiKey: string;
}

/** POST /api/integrations: registers an approval system for some units and issues its key. */
export function createIntegration(input: { name: string; unitIds: number[] }): Promise<IssuedKey> {
  return apiRequest('/integrations', { method: 'POST', body: { name: input.name.trim(), unitIds: input.unitIds } });
}
