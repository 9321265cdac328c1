import { apiRequest } from '@/lib/api-client.ts';
import type { RevisitSample } from './list-samples.ts';

export interface DrawRequest {
  regionCode: string;
  periodKind: 'month' | 'quarter';
  period: string;
  size: number;
  seed?: string;
  /** Only say whom it would draw; nothing is stored. */
  preview?: boolean;
}

export interface DrawResult {
  preview: boolean;
  seed: string;
  population: number;
  drawn: number;
  sample: RevisitSample | null;
}

/** POST /api/revisit-samples — draw (or preview) the seeded sample of a region and period (permission revisit.sample). */
export const drawSample = (body: DrawRequest) => apiRequest<DrawResult>('/revisit-samples', { method: 'POST', body });
