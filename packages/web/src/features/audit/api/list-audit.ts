import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';

/** One record of the hash-chained audit log (审计日志). */
export interface AuditRecord {
  seq: number;
  at: string;
  actorType: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  requestId: string | null;
  detail: Record<string, unknown>;
  hash: string;
}

export interface AuditFilter {
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
}

/** GET /api/audit: records newest first, those before `beforeSeq` when it is given. */
export async function listAudit(query: AuditFilter & { beforeSeq?: number; limit: number }, signal?: AbortSignal): Promise<AuditRecord[]> {
  const { items } = await apiRequest<{ items: AuditRecord[] }>('/audit', { query: { ...query }, ...(signal ? { signal } : {}) });
  return items;
}

export function useAudit(query: AuditFilter & { beforeSeq?: number; limit: number }) {
  return useQuery(`audit:${JSON.stringify(query)}`, (signal) => listAudit(query, signal));
}
