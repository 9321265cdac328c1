import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';

/** What the development SMS gateway "delivered": where a developer reads the texts the system sent. */
export interface DevInboxMessage {
  messageId: number;
  phone: string;
  body: string;
  receivedAt: string;
}

/** GET /api/sms/dev-inbox (permission sms.read); empty unless the development gateway is in use. */
export async function listDevInbox(signal?: AbortSignal): Promise<DevInboxMessage[]> {
  const { items } = await apiRequest<{ items: DevInboxMessage[] }>('/sms/dev-inbox', { query: { limit: 200 }, ...(signal ? { signal } : {}) });
  return items;
}

export function useDevInbox(round: number) {
  return useQuery(`sms-dev-inbox:${round}`, (signal) => listDevInbox(signal));
}
