import { useI18n } from '@/i18n/i18n-context.ts';
import { usePortalText } from '@/i18n/use-portal-text.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { PortalUnit } from '@/features/public-portal/components/unit-page.tsx';

/** /public/units/:id — a unit's published results and rectification replies. */
export function Component({ params }: { params: Record<string, string> }) {
  useDocumentTitle(usePortalText().t('pp.title'), useI18n().t('app.shortName'));
  const id = /^[1-9][0-9]{0,9}$/.test(params.id ?? '') ? Number(params.id) : 0;
  return <PortalUnit key={id} id={id} />;
}
