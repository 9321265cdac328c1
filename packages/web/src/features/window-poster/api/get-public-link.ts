import { apiRequest } from '@/lib/api-client.ts';

/** GET /api/organisations/:id/public-link: the QR code link of a window, to print at the window. */
export function getPublicLink(windowId: number, signal?: AbortSignal): Promise<{ windowId: number; publicKey: string; url: string }> {
  return apiRequest(`/organisations/${windowId}/public-link`, signal ? { signal } : {});
}
