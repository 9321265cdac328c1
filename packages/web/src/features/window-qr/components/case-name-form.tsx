import { useId, useState, type FormEvent } from 'react';
import { useCitizenText } from '@/i18n/use-citizen-text.ts';
import { identifyByCase } from '../api/identify.ts';
import type { WindowInfo } from '../api/get-window.ts';
import { qrErrorText } from './qr-error.ts';

/** Identification by case number and the applicant's name, for a phone without SMS or a company case. */
export function CaseNameForm({ windowKey, info, onToken }: { windowKey: string; info: WindowInfo; onToken(token: string): void }) {
  const text = useCitizenText();
  const { t } = text;
  const caseId = useId();
  const nameId = useId();
  const [caseNo, setCaseNo] = useState('');
  const [name, setName] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function find(e: FormEvent) {
    e.preventDefault();
    if (!caseNo.trim() || !name.trim()) return setError(t('qr.notFound', { days: info.lookbackDays }));
    setError(null);
    setPending(true);
    try {
      onToken((await identifyByCase(windowKey, caseNo.trim(), name.trim())).token);
    } catch (err) {
      setError(qrErrorText(err, text, info.lookbackDays));
      setPending(false);
    }
  }

  return (
    <form className="cz-form-part" onSubmit={find} noValidate>
      <div className="cz-field">
        <label className="cz-label" htmlFor={caseId}>
          {t('qr.caseNo')}
        </label>
        <input id={caseId} className="cz-input" autoComplete="off" maxLength={50} value={caseNo} onChange={(e) => setCaseNo(e.target.value)} aria-describedby={error ? 'qr-case-error' : undefined} />
      </div>
      <div className="cz-field">
        <label className="cz-label" htmlFor={nameId}>
          {t('qr.name')}
        </label>
        <input id={nameId} className="cz-input" autoComplete="name" maxLength={50} value={name} onChange={(e) => setName(e.target.value)} aria-describedby={error ? 'qr-case-error' : undefined} />
      </div>
      {error ? (
        <p id="qr-case-error" className="cz-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="cz-button cz-button-primary" disabled={pending}>
        {t('qr.find')}
      </button>
    </form>
  );
}
