import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';

export type TaskStatus = 'pending' | 'reached' | 'not_reached';

/** A revisit call for a 12345 operator; the phone is masked (unmasking is a case's audited action). */
export interface RevisitTask {
  id: number;
  sampleId: number;
  caseId: number;
  caseNo: string;
  unitId: number;
  unitName: string;
  phoneMasked: string;
  ratedLevel: number;
  ratedAt: string;
  ratedChannel: string;
  status: TaskStatus;
  satisfaction: number | null;
  remarks: string | null;
  answeredAt: string | null;
}

export interface TaskQuery {
  sampleId?: number;
  status?: TaskStatus;
  limit: number;
  offset: number;
}

/** GET /api/revisit-tasks — tasks in the caller's scope (permission revisit.read). */
export const listTasks = (q: TaskQuery, signal?: AbortSignal) => apiRequest<{ items: RevisitTask[] }>('/revisit-tasks', { query: { ...q }, ...(signal ? { signal } : {}) }).then((r) => r.items);

export function useTasks(q: TaskQuery) {
  return useQuery(`revisit-tasks:${JSON.stringify(q)}`, (signal) => listTasks(q, signal));
}
