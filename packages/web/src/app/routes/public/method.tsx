import { useI18n } from '@/i18n/i18n-context.ts';
import { usePortalText } from '@/i18n/use-portal-text.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { PortalMethod } from '@/features/public-portal/components/method-page.tsx';

/** /public/method?region= — how rankings are made (排名方法) and what is published. */
export function Component() {
  useDocumentTitle(usePortalText().t('pp.method.title'), useI18n().t('app.shortName'));
  return <PortalMethod />;
}
