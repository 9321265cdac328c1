import type { UserAccount } from '@/lib/user-account.ts';
import { apiRequest } from '@/lib/api-client.ts';

/** The logged-in staff member. */
export type User = UserAccount;

/** The logged-in user; throws ApiError 401 when there is no session. */
export async function getMe(signal?: AbortSignal): Promise<User> {
  const { user } = await apiRequest<{ user: User }>('/auth/me', { handles401: true, ...(signal ? { signal } : {}) });
  return user;
}
