import { useQuery } from '@/lib/use-query.ts';
import { getPublicLink } from './get-public-link.ts';
import { getWindowDescription, type WindowDescription } from './get-window-description.ts';

export interface Poster extends WindowDescription {
  url: string;
}

/** The link of a window and what the poster says about it, in one load. */
export function usePoster(windowId: number) {
  return useQuery(`poster:${windowId}`, async (signal) => {
    const link = await getPublicLink(windowId, signal);
    return { ...(await getWindowDescription(link.publicKey, signal)), url: link.url } satisfies Poster;
  });
}
