import { useI18n } from '@/i18n/i18n-context.ts';
import { useCitizenText } from '@/i18n/use-citizen-text.ts';
import { navigate } from '@/lib/navigation.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { QrPage } from '@/features/window-qr/components/qr-page.tsx';

/** /q/:key — the stable QR code of a window. */
export function Component({ params }: { params: Record<string, string> }) {
  const key = params.key ?? '';
  useDocumentTitle(useCitizenText().t('qr.title'), useI18n().t('app.shortName'));
  return <QrPage key={key} windowKey={key} onToken={(token) => navigate(`/e/${token}`)} />;
}
