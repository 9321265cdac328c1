import { useI18n } from '@/i18n/i18n-context.ts';
import { usePortalText } from '@/i18n/use-portal-text.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { PortalSearch } from '@/features/public-portal/components/search-page.tsx';

/** /public/search?q= — find a unit or service item. */
export function Component() {
  useDocumentTitle(usePortalText().t('pp.search.title'), useI18n().t('app.shortName'));
  return <PortalSearch />;
}
