import type { EvaluationChannel } from '@hcp/domain';
import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';

/**
 * 评价记录 as staff see it: what was rated and how, never who rated (real-name only as a flag).
 * EvaluationView in packages/server/src/routes/evaluations/evaluation.schemas.ts.
 */
export interface Evaluation {
  id: number;
  caseId: number;
  caseNo: string;
  visitNo: number;
  round: number;
  kind: 'active' | 'default';
  level: number;
  levelLabel: string | null;
  bad: boolean;
  tags: string[];
  text: string | null;
  scores: Record<string, number>;
  channel: string;
  realName: boolean;
  staffEntered: boolean;
  hasScan: boolean;
  itemId: number;
  itemCode: string;
  itemName: string;
  unitId: number;
  unitName: string;
  windowId: number | null;
  windowName: string | null;
  hallId: number | null;
  staffId: number | null;
  staffName: string | null;
  platformId: number | null;
  regionCode: string;
  policyVersion: number;
  submittedAt: string;
}

export interface EvaluationQuery {
  regionCode?: string;
  unitId?: number;
  windowId?: number;
  staffId?: number;
  itemCode?: string;
  level?: number;
  bad?: boolean;
  kind?: 'active' | 'default';
  channel?: EvaluationChannel;
  /** Beijing dates YYYY-MM-DD, both inclusive. */
  from?: string;
  to?: string;
  caseNo?: string;
  limit: number;
  offset: number;
}

/** GET /api/evaluations: ratings in the caller's data scope, newest first. */
export async function listEvaluations(query: EvaluationQuery, signal?: AbortSignal): Promise<Evaluation[]> {
  const { items } = await apiRequest<{ items: Evaluation[] }>('/evaluations', { query: { ...query }, ...(signal ? { signal } : {}) });
  return items;
}

export function useEvaluations(query: EvaluationQuery) {
  return useQuery(`evaluations:${JSON.stringify(query)}`, (signal) => listEvaluations(query, signal));
}
