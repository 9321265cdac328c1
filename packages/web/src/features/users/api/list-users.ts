import type { StaffRole } from '@hcp/domain';
import { apiRequest } from '@/lib/api-client.ts';
import type { UserAccount } from '@/lib/user-account.ts';
import { useQuery } from '@/lib/use-query.ts';

export interface UserQuery {
  role?: StaffRole | null;
  limit: number;
  offset: number;
}

/** GET /api/users: accounts in the caller's data scope. */
export async function listUsers(query: UserQuery, signal?: AbortSignal): Promise<UserAccount[]> {
  const { items } = await apiRequest<{ items: UserAccount[] }>('/users', { query: { ...query }, ...(signal ? { signal } : {}) });
  return items;
}

export function useUsers(query: UserQuery) {
  return useQuery(`users:${JSON.stringify(query)}`, (signal) => listUsers(query, signal));
}
