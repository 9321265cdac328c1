import { Button, Result, Spin } from 'antd';
import { useI18n } from '@/i18n/i18n-context.ts';
import { errorMessage } from '@/lib/error-message.ts';
import { usePoster } from '../api/get-poster.ts';
import { QrCode } from './qr-code.tsx';
import './poster.css';

/**
 * 二维码海报: a print-ready A4 page for a window with its name, hall and units and a large QR code of
 * its public link, drawn in the browser. "Print" also saves it as PDF through the browser's dialog; the
 * server draws the same poster as a PDF too (GET /api/organisations/:id/poster.pdf).
 */
export function PosterPage({ windowId, backTo }: { windowId: number; backTo: React.ReactNode }) {
  const { t } = useI18n();
  const poster = usePoster(windowId);
  const p = poster.data;
  if (poster.error) {
    return <Result status="error" title={t('poster.failed')} subTitle={errorMessage(poster.error, t)} extra={backTo} />;
  }
  return (
    <div className="poster-page">
      <div className="poster-toolbar">
        <Button type="primary" onClick={() => window.print()} disabled={!p}>
          {t('poster.print')}
        </Button>
        {/* The same poster drawn by the server as an A4 PDF, for print shops and archives. */}
        <Button href={`/api/organisations/${windowId}/poster.pdf`} download={`window-${windowId}-poster.pdf`}>
          {t('poster.pdf')}
        </Button>
        {backTo}
      </div>
      {!p ? (
        <Spin size="large" style={{ display: 'block', margin: '20vh auto' }} />
      ) : (
        <main className="poster" id="main">
          <h1>{t('poster.heading')}</h1>
          <p className="poster-window">{p.name}</p>
          {p.hallName && <p className="poster-hall">{p.hallName}</p>}
          {p.units.length > 0 && <p className="poster-units">{p.units.join('、')}</p>}
          <QrCode value={p.url} label={t('poster.qrLabel', { window: p.name })} size="120mm" />
          <p className="poster-call">{t('poster.call')}</p>
          <p className="poster-hint">{t('poster.hint')}</p>
          <p className="poster-url">{p.url}</p>
        </main>
      )}
    </div>
  );
}
