import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';

/** One SMS of an invitation, phone masked (the console leaves it out beside a rating); the text is never given. */
export interface InvitationMessage {
  id: number;
  phone: string;
  status: string;
  attempts: number;
  sentAt: string | null;
  deliveredAt: string | null;
}

/** 邀请评价: an SMS invitation of a case and its one reminder. */
export interface Invitation {
  id: number;
  caseId: number;
  caseNo: string;
  status: string;
  createdAt: string;
  expiresAt: string;
  remindAt: string | null;
  remindedAt: string | null;
  invitation: InvitationMessage | null;
  reminder: InvitationMessage | null;
}

/** GET /api/invitations?caseId=: the invitations of one case with the delivery of their messages. */
export async function listInvitations(caseId: number, signal?: AbortSignal): Promise<Invitation[]> {
  const { items } = await apiRequest<{ items: Invitation[] }>('/invitations', { query: { caseId, limit: 20 }, ...(signal ? { signal } : {}) });
  return items;
}

export function useInvitations(caseId: number | null) {
  return useQuery(caseId === null ? null : `invitations:${caseId}`, (signal) => listInvitations(caseId!, signal));
}
