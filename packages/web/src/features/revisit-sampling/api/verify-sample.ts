import { apiRequest } from '@/lib/api-client.ts';

/** GET /api/revisit-samples/:id/verify — draw again from the stored seed and say whether the same evaluators come out. */
export const verifySample = (id: number) => apiRequest<{ seed: string; populationThen: number; populationNow: number; matches: boolean }>(`/revisit-samples/${id}/verify`);
