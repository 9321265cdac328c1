import { apiRequest } from '@/lib/api-client.ts';

/** The query of a service portal's signed link /e/s?k&c&x&p&ch&sig, x as a number. */
export interface SignedLinkQuery {
  k: string;
  c: string;
  x: number;
  p?: string;
  ch: 'pc' | 'mobile';
  sig: string;
}

/** POST /api/public/signed-links — opens a session once per link; 410 TOKEN_INVALID with reason forged | expired | expiry_too_far | used. */
export const openSignedLink = (query: SignedLinkQuery) => apiRequest<{ token: string; expiresAt: string }>('/public/signed-links', { method: 'POST', body: query });
