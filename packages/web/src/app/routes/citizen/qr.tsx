import { useNavigate, useParams } from 'react-router';
import { useI18n } from '@/i18n/i18n-context.ts';
import { useCitizenText } from '@/i18n/use-citizen-text.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { QrPage } from '@/features/window-qr/components/qr-page.tsx';

/** /q/:key — the stable QR code of a window. */
export function Component() {
  const { key = '' } = useParams();
  const navigate = useNavigate();
  useDocumentTitle(useCitizenText().t('qr.title'), useI18n().t('app.shortName'));
  return <QrPage key={key} windowKey={key} onToken={(token) => navigate(`/e/${token}`)} />;
}
