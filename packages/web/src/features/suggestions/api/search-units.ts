import { apiRequest } from '@/lib/api-client.ts';

export interface PublicUnit {
  id: number;
  name: string;
  regionName: string;
}

/** GET /api/public/units?q= — active units whose name contains q (at most 20). */
export const searchUnits = (q: string) => apiRequest<{ items: PublicUnit[] }>('/public/units', { query: { q } });
