import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';

export const SMS_STATUSES = ['queued', 'sent', 'delivered', 'failed', 'suppressed'] as const;
export const SMS_PURPOSES = ['invitation', 'reminder', 'feedback', 'rectification', 'otp'] as const;

/**
 * An outgoing SMS as the console may see it: the phone masked, one-time codes and evaluation links
 * in the text masked by the server (they are the evaluator's keys).
 */
export interface SmsMessage {
  id: number;
  phone: string;
  purpose: string;
  ref: string | null;
  body: string;
  status: string;
  gateway: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
}

export interface SmsQuery {
  status?: (typeof SMS_STATUSES)[number];
  purpose?: string;
  /** The page after this id (newest first). */
  beforeId?: number;
  limit: number;
}

/** GET /api/sms/messages: the outbox, newest first (permission sms.read). */
export async function listMessages(query: SmsQuery, signal?: AbortSignal): Promise<SmsMessage[]> {
  const { items } = await apiRequest<{ items: SmsMessage[] }>('/sms/messages', { query: { ...query }, ...(signal ? { signal } : {}) });
  return items;
}

export function useMessages(query: SmsQuery) {
  return useQuery(`sms:${JSON.stringify(query)}`, (signal) => listMessages(query, signal));
}
