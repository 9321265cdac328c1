import { useId, useRef, useState, type FormEvent } from 'react';
import { Link } from '@/components/link.tsx';
import { Notice } from '@/components/notice.tsx';
import { useCitizenText } from '@/i18n/use-citizen-text.ts';
import { ApiError } from '@/lib/api-client.ts';
import { forgetIdempotencyKey, stickyIdempotencyKey } from '@/lib/idempotency-key.ts';
import { useQuery } from '@/lib/use-query.ts';
import { getSuggestionForm, type SuggestionQuestion } from '../api/get-suggestion-form.ts';
import { submitSuggestion } from '../api/submit-suggestion.ts';
import { UnitPicker } from './unit-picker.tsx';

const KEY_SCOPE = 'suggestion';
const PHONE = /^(\+?86)?1[3-9][0-9]{9}$/;
const chars = (s: string) => Array.from(s.trim()).length;

function QuestionField({ q, value, onChange }: { q: SuggestionQuestion; value: number | undefined; onChange(v: number): void }) {
  const { t, label } = useCitizenText();
  const name = useId();
  const options = q.kind === 'yes_no' ? [{ v: 1, text: t('sg.yes') }, { v: 0, text: t('sg.no') }] : ([5, 4, 3, 2, 1] as const).map((v) => ({ v, text: t(`sg.scale.${v}`) }));
  return (
    <fieldset className="cz-fieldset cz-score-row">
      <legend className="cz-legend-small">{label(q)}</legend>
      <div className="cz-scores cz-scores-wide">
        {options.map((o) => (
          <label key={o.v} className={`cz-score${value === o.v ? ' is-checked' : ''}`}>
            <input type="radio" name={name} value={o.v} checked={value === o.v} onChange={() => onChange(o.v)} />
            <span>{o.text}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * /suggest — the suggestion box (意见箱): the policy's questions, a free text, the unit or window it
 * concerns and an optional contact phone. Anonymous unless a phone is given.
 */
export function SuggestionPage({ windowKey }: { windowKey: string | null }) {
  const { t } = useCitizenText();
  const form = useQuery(`suggestion-form:${windowKey ?? ''}`, (signal) => getSuggestionForm(windowKey, signal));
  const textId = useId();
  const countId = useId();
  const phoneId = useId();
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [text, setText] = useState('');
  const [phone, setPhone] = useState('');
  const [unitId, setUnitId] = useState<number | null>(null);
  const [error, setError] = useState<{ field: string; message: string } | null>(null);
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);
  const sending = useRef(false);

  if (done) {
    return (
      <Notice
        title={t('sg.thanks.title')}
        tone="success"
        actions={
          <button type="button" className="cz-button" onClick={() => (setDone(false), setAnswers({}), setText(''), setPhone(''))}>
            {t('sg.another')}
          </button>
        }
      >
        <p>{t('sg.thanks.body')}</p>
      </Notice>
    );
  }
  if (form.error) {
    return <Notice title={t('cz.network')} tone="warning" actions={<button type="button" className="cz-button" onClick={form.reload}>{t('cz.retry')}</button>} />;
  }
  if (!form.data) return <p className="cz-loading" role="status">…</p>;
  const f = form.data;
  const max = f.textMaxLength;
  const n = chars(text);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (sending.current) return;
    const cleanPhone = phone.replace(/[\s-]/g, '');
    if (Object.keys(answers).length === 0 && n === 0) return setError({ field: 'answers', message: t('sg.needSomething') });
    if (n > max) return setError({ field: 'text', message: t('ev.tooLong', { max }) });
    if (cleanPhone && !PHONE.test(cleanPhone)) return setError({ field: 'contactPhone', message: t('sg.phoneFormat') });
    setError(null);
    sending.current = true;
    setPending(true);
    try {
      await submitSuggestion({ answers, text: text.trim() || null, contactPhone: cleanPhone || null, unitId: windowKey ? null : unitId, windowKey, idempotencyKey: stickyIdempotencyKey(KEY_SCOPE) });
      forgetIdempotencyKey(KEY_SCOPE);
      setDone(true);
    } catch (err) {
      const message = !(err instanceof ApiError) ? String(err) : err.code === 'NETWORK_ERROR' ? t('cz.network') : err.code === 'RATE_LIMITED' ? t('cz.rateLimited') : t('cz.failed', { message: err.message });
      setError({ field: err instanceof ApiError ? (err.field ?? 'form') : 'form', message });
    } finally {
      sending.current = false;
      setPending(false);
    }
  }

  const errorOn = (field: string) => (error?.field === field ? 'sg-error' : undefined);
  return (
    <form className="cz-form" onSubmit={submit} noValidate>
      <h1>{t('sg.title')}</h1>
      <p>{t('sg.intro')}</p>
      {f.window ? <p className="cz-info">{t('sg.aboutWindow', { name: f.window.name })}</p> : null}
      <fieldset className="cz-fieldset" aria-describedby={errorOn('answers')}>
        <legend className="cz-legend">{t('sg.questions')}</legend>
        {f.questions.map((q) => (
          <QuestionField key={q.code} q={q} value={answers[q.code]} onChange={(v) => setAnswers({ ...answers, [q.code]: v })} />
        ))}
      </fieldset>
      <div className="cz-field">
        <label className="cz-label" htmlFor={textId}>
          {t('sg.text')}
        </label>
        <textarea id={textId} className="cz-textarea" rows={5} value={text} onChange={(e) => setText(e.target.value)} aria-describedby={[countId, errorOn('text')].filter(Boolean).join(' ')} aria-invalid={n > max || undefined} />
        <p id={countId} className={`cz-count${n > max ? ' is-over' : ''}`}>
          {t('cz.count', { n, max })}
        </p>
      </div>
      {f.window ? null : <UnitPicker value={unitId} onChange={setUnitId} />}
      <div className="cz-field">
        <label className="cz-label" htmlFor={phoneId}>
          {t('sg.phone')}
        </label>
        <input id={phoneId} className="cz-input" type="tel" inputMode="numeric" autoComplete="tel" value={phone} onChange={(e) => setPhone(e.target.value)} aria-describedby={['sg-phone-hint', errorOn('contactPhone')].filter(Boolean).join(' ')} />
        <p id="sg-phone-hint" className="cz-hint">
          {t('sg.phoneHint')}
        </p>
      </div>
      {error ? (
        <p id="sg-error" className="cz-error" role="alert">
          {error.message}
        </p>
      ) : null}
      <button type="submit" className="cz-button cz-button-primary cz-submit" disabled={pending}>
        {pending ? t('sg.submitting') : t('sg.submit')}
      </button>
      <p>
        <Link className="cz-link" to="/">
          {t('cz.backHome')}
        </Link>
      </p>
    </form>
  );
}
