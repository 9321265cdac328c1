import { apiRequest } from '@/lib/api-client.ts';
import type { User } from './me.ts';

export interface LoginInput {
  username: string;
  password: string;
}

/**
 * Logs in; the server sets the httpOnly session cookie. Throws ApiError with code LOGIN_FAILED
 * (wrong username or password) or ACCOUNT_LOCKED (too many failures).
 */
export async function login(input: LoginInput): Promise<{ user: User; expiresAt: string }> {
  return apiRequest('/auth/login', { method: 'POST', body: input, handles401: true });
}
