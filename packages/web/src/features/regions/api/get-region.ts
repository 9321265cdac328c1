import { regionByCode } from '@/lib/lookups/regions.ts';
import { useQuery } from '@/lib/use-query.ts';

/** GET /api/regions/:code: one region with the codes of its ancestors. */
export function useRegion(code: string | null, round = 0) {
  return useQuery(code ? `region:${code}:${round}` : null, () => regionByCode(code!));
}
