import { useId, useState } from 'react';
import { Link } from '@/components/link.tsx';
import { Notice } from '@/components/notice.tsx';
import { useCitizenText } from '@/i18n/use-citizen-text.ts';
import { ApiError } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';
import { getWindow } from '../api/get-window.ts';
import type { IdentifiedCase } from '../api/identify.ts';
import { CaseList } from './case-list.tsx';
import { CaseNameForm } from './case-name-form.tsx';
import { PhoneCodeForm } from './phone-code-form.tsx';

/**
 * /q/:key — the QR code at a window (二维码, channel 3): the window, then one of two ways to
 * identify the case, then the evaluation page of the case (/e/<token>).
 */
export function QrPage({ windowKey, onToken }: { windowKey: string; onToken(token: string): void }) {
  const { t } = useCitizenText();
  const info = useQuery(`window:${windowKey}`, (signal) => getWindow(windowKey, signal));
  const [method, setMethod] = useState<'phone' | 'case'>('phone');
  const [cases, setCases] = useState<IdentifiedCase[] | null>(null);
  const methodName = useId();

  if (info.error instanceof ApiError && (info.error.code === 'NOT_FOUND' || info.error.code === 'VALIDATION_FAILED')) {
    return (
      <Notice title={t('qr.unknown.title')} tone="warning">
        <p>{t('qr.unknown.body')}</p>
      </Notice>
    );
  }
  if (info.error) {
    return (
      <Notice title={t('cz.network')} tone="warning" actions={<button type="button" className="cz-button" onClick={info.reload}>{t('cz.retry')}</button>} />
    );
  }
  if (!info.data) return <p className="cz-loading" role="status">…</p>;
  const w = info.data;

  return (
    <div className="cz-form">
      <h1>{t('qr.title')}</h1>
      <dl className="cz-facts">
        <div>
          <dt>{t('qr.windowLabel')}</dt>
          <dd>{w.name}</dd>
        </div>
        {w.hallName ? (
          <div>
            <dt>{t('qr.hall')}</dt>
            <dd>{w.hallName}</dd>
          </div>
        ) : null}
        {w.units.length ? (
          <div>
            <dt>{t('qr.units')}</dt>
            <dd>{w.units.join('、')}</dd>
          </div>
        ) : null}
      </dl>

      {cases ? (
        <CaseList cases={cases} />
      ) : (
        <>
          <p>{t('qr.intro')}</p>
          <fieldset className="cz-fieldset">
            <legend className="cz-legend">{t('qr.method')}</legend>
            <div className="cz-segments">
              {(['phone', 'case'] as const).map((m) => (
                <label key={m} className={`cz-segment${method === m ? ' is-checked' : ''}`}>
                  <input type="radio" name={methodName} value={m} checked={method === m} onChange={() => setMethod(m)} />
                  <span>{t(m === 'phone' ? 'qr.byPhone' : 'qr.byCase')}</span>
                </label>
              ))}
            </div>
          </fieldset>
          {method === 'phone' ? <PhoneCodeForm windowKey={windowKey} info={w} onCases={setCases} /> : <CaseNameForm windowKey={windowKey} info={w} onToken={onToken} />}
        </>
      )}
      <p>
        <Link className="cz-link" to={`/suggest?w=${encodeURIComponent(windowKey)}`}>
          {t('cz.suggestLink')}
        </Link>
      </p>
    </div>
  );
}
