import { apiRequest } from '@/lib/api-client.ts';
import { forgetRegion } from '@/lib/lookups/regions.ts';

/** PATCH /api/regions/:code: renames a region; needs region.write. */
export async function renameRegion(code: string, name: string): Promise<void> {
  await apiRequest(`/regions/${encodeURIComponent(code)}`, { method: 'PATCH', body: { name: name.trim() } });
  forgetRegion(code);
}
