import { useI18n } from '@/i18n/i18n-context.ts';
import { usePortalText } from '@/i18n/use-portal-text.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { PortalHome } from '@/features/public-portal/components/home-page.tsx';

/** /public — the disclosure portal's home (评价结果公开): a region's figures and ranked units. */
export function Component() {
  useDocumentTitle(usePortalText().t('pp.title'), useI18n().t('app.shortName'));
  return <PortalHome />;
}
