import { useEffect } from 'react';

/** Sets the browser tab's title: "<page> · <site>". */
export function useDocumentTitle(page: string, site: string): void {
  useEffect(() => {
    document.title = page && page !== site ? `${page} · ${site}` : site;
  }, [page, site]);
}
