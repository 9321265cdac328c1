import type { EvaluationPolicy } from '@hcp/domain';
import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';

/** A rating as staff read it (EvaluationView in routes/evaluations): what was rated and how, never who rated. */
export interface Rating {
  id: number;
  caseNo: string;
  round: number;
  kind: 'active' | 'default';
  level: number;
  levelLabel: string | null;
  bad: boolean;
  tags: string[];
  text: string | null;
  channel: string;
  realName: boolean;
  itemCode: string;
  itemName: string;
  unitName: string;
  windowName: string | null;
  staffName: string | null;
  submittedAt: string;
}

/** GET /api/evaluations/:id. */
export function useRating(id: number | null) {
  return useQuery(id === null ? null : `evaluation:${id}`, (signal) => apiRequest<Rating>(`/evaluations/${id}`, { signal }));
}

/** GET /api/evaluation-policies/:regionCode: the policy in force, for level and tag names and the order's limits. */
export function usePolicy(regionCode: string | null) {
  return useQuery(regionCode === null ? null : `policy:${regionCode}`, (signal) =>
    apiRequest<{ version: number; policy: EvaluationPolicy }>(`/evaluation-policies/${encodeURIComponent(regionCode!)}`, { signal }),
  );
}
