import { apiRequest } from '@/lib/api-client.ts';
import type { TaskStatus } from './list-tasks.ts';

export interface TaskAnswer {
  reached: boolean;
  /** 5 非常满意 … 1 非常不满意; required when reached. */
  satisfaction?: number;
  remarks?: string;
}

/** POST /api/revisit-tasks/:id/answer — record the call (permission revisit.answer); the same answer again is harmless. */
export const answerTask = (id: number, body: TaskAnswer) =>
  apiRequest<{ id: number; status: TaskStatus; satisfaction: number | null; answeredAt: string | null }>(`/revisit-tasks/${id}/answer`, { method: 'POST', body });
