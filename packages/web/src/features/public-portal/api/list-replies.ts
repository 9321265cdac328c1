import { apiRequest } from '@/lib/api-client.ts';
import type { Label } from './types.ts';

/** A published bad rating with the unit's rectification reply (公开答复); no name, phone or case number. */
export interface PublicReply {
  id: number;
  itemName: string;
  rating: {
    level: number;
    label: Label;
    /** Present when the region publishes reason tags. */
    tags?: (Label & { code: string })[];
    /** Present when the region publishes the evaluator's words (numbers masked). */
    text?: string | null;
    channel: Label;
    ratedOn: string;
  };
  revisitLevel: number | null;
  outcome: 'resolved' | 'unresolved' | 'closed';
  reply: string;
  repliedOn: string;
}

export interface PublicReplies {
  published: boolean;
  total: number;
  items: PublicReply[];
}

/** GET /api/public/disclosure/units/:id/replies — newest first. */
export const listReplies = (unitId: number, paging: { limit: number; offset: number }, signal?: AbortSignal) =>
  apiRequest<PublicReplies>(`/public/disclosure/units/${unitId}/replies`, { query: { ...paging }, ...(signal ? { signal } : {}) });
