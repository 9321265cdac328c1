import { apiRequest } from '@/lib/api-client.ts';

/** Ends the session on the server and clears the cookie. */
export async function logout(): Promise<void> {
  await apiRequest<{ ok: boolean }>('/auth/logout', { method: 'POST', body: {} });
}
