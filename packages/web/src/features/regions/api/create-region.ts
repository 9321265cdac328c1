import { apiRequest } from '@/lib/api-client.ts';

export interface NewRegion {
  code: string;
  name: string;
  parentCode: string | null;
}

/** POST /api/regions: adds a region under its parent (or a province); needs region.write. */
export async function createRegion(input: NewRegion): Promise<void> {
  await apiRequest<{ saved: number }>('/regions', { method: 'POST', body: { code: input.code.trim(), name: input.name.trim(), parentCode: input.parentCode } });
}
