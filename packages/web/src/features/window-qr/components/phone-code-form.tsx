import { useId, useState, type FormEvent } from 'react';
import { useCitizenText } from '@/i18n/use-citizen-text.ts';
import { identifyByCode, type IdentifiedCase } from '../api/identify.ts';
import { requestCode } from '../api/request-code.ts';
import type { WindowInfo } from '../api/get-window.ts';
import { qrErrorText } from './qr-error.ts';

const PHONE = /^(\+?86)?1[3-9][0-9]{9}$/;

/**
 * Identification by the phone used when applying and an SMS one-time code. The page says the same
 * after "send code" whether or not the number has a case here, as the server does.
 */
export function PhoneCodeForm({ windowKey, info, onCases }: { windowKey: string; info: WindowInfo; onCases(cases: IdentifiedCase[]): void }) {
  const text = useCitizenText();
  const { t } = text;
  const phoneId = useId();
  const codeId = useId();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState(false);
  const [pending, setPending] = useState<'send' | 'verify' | null>(null);
  const [error, setError] = useState<{ field: 'phone' | 'code'; message: string } | null>(null);
  const cleanPhone = phone.replace(/[\s-]/g, '');

  async function send() {
    if (!PHONE.test(cleanPhone)) return setError({ field: 'phone', message: t('qr.phoneFormat') });
    setError(null);
    setPending('send');
    try {
      await requestCode(windowKey, cleanPhone);
      setSent(true);
    } catch (e) {
      setError({ field: 'phone', message: qrErrorText(e, text, info.lookbackDays) });
    } finally {
      setPending(null);
    }
  }

  async function verify(e: FormEvent) {
    e.preventDefault();
    if (!sent) return send();
    if (!/^[0-9]{6}$/.test(code)) return setError({ field: 'code', message: t('qr.codeFormat') });
    setError(null);
    setPending('verify');
    try {
      onCases((await identifyByCode(windowKey, cleanPhone, code)).items);
    } catch (err) {
      setError({ field: 'code', message: qrErrorText(err, text, info.lookbackDays) });
    } finally {
      setPending(null);
    }
  }

  const errorId = 'qr-phone-error';
  return (
    <form className="cz-form-part" onSubmit={verify} noValidate>
      <div className="cz-field">
        <label className="cz-label" htmlFor={phoneId}>
          {t('qr.phone')}
        </label>
        <div className="cz-inline">
          <input id={phoneId} className="cz-input" type="tel" inputMode="numeric" autoComplete="tel" value={phone} onChange={(e) => setPhone(e.target.value)} aria-invalid={error?.field === 'phone' || undefined} aria-describedby={error?.field === 'phone' ? errorId : undefined} />
          <button type="button" className="cz-button" onClick={send} disabled={pending !== null}>
            {pending === 'send' ? t('qr.sending') : t('qr.sendCode')}
          </button>
        </div>
      </div>
      {sent ? (
        <>
          <p className="cz-info" role="status">
            {t('qr.sent', { days: info.lookbackDays, minutes: info.otpValidMinutes })}
          </p>
          <div className="cz-field">
            <label className="cz-label" htmlFor={codeId}>
              {t('qr.code')}
            </label>
            <input id={codeId} className="cz-input cz-input-code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} onChange={(e) => setCode(e.target.value.replace(/[^0-9]/g, ''))} aria-invalid={error?.field === 'code' || undefined} aria-describedby={error?.field === 'code' ? errorId : undefined} />
          </div>
        </>
      ) : null}
      {error ? (
        <p id={errorId} className="cz-error" role="alert">
          {error.message}
        </p>
      ) : null}
      {sent ? (
        <button type="submit" className="cz-button cz-button-primary" disabled={pending !== null}>
          {t('qr.verify')}
        </button>
      ) : null}
    </form>
  );
}
