import { useId, useRef, useState, type FormEvent } from 'react';
import { useCitizenText } from '@/i18n/use-citizen-text.ts';
import { ApiError } from '@/lib/api-client.ts';
import { forgetIdempotencyKey, stickyIdempotencyKey } from '@/lib/idempotency-key.ts';
import { answerRevisit, type FeedbackPage } from '../api/rectification-feedback.ts';
import { charCount, submitProblem, TagChips } from './reason-fields.tsx';

type Field = 'choice' | 'level' | 'tags' | 'text' | 'form';

interface Props {
  token: string;
  page: FeedbackPage;
  onAnswered(page: FeedbackPage): void;
  /** The order moved on meanwhile (someone answered by phone): show it as it is now. */
  onChanged(): void;
  onLinkProblem(kind: 'expired' | 'invalid'): void;
}

/**
 * The revisit (回访) online: satisfied, with a new rating (only the levels that are not bad: a bad one
 * means not satisfied) and optionally "my first rating was a mistake" (误评); or not satisfied, with
 * the reason. The idempotency key is kept per link and round, so a retry is recorded once.
 */
export function RevisitForm({ token, page, onAnswered, onChanged, onLinkProblem }: Props) {
  const { t, label } = useCitizenText();
  const [choice, setChoice] = useState<'yes' | 'no' | null>(null);
  const [level, setLevel] = useState<number | null>(null);
  const [tags, setTags] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [mistaken, setMistaken] = useState(false);
  const [problem, setProblem] = useState<{ field: Field; message: string } | null>(null);
  const [pending, setPending] = useState(false);
  const sending = useRef(false);
  const ids = { choice: useId(), text: useId(), count: useId(), error: useId() };
  const max = page.form.textMaxLength;
  const levels = page.form.levels.filter((l) => !l.bad);
  const levelTags = page.form.tags.filter((x) => x.level === level);
  const n = charCount(text);
  const reviewsLeft = page.maxReviews - (page.reviewRound - 1);
  const scope = `revisit:${token}:${page.reviewRound}`;

  function check(): { field: Field; message: string } | null {
    if (choice === null) return { field: 'choice', message: t('fb.needChoice') };
    if (n > max) return { field: 'text', message: t('ev.tooLong', { max }) };
    if (choice === 'yes' && level === null) return { field: 'level', message: t('fb.needLevel') };
    if (choice === 'no' && n === 0) return { field: 'text', message: t('fb.needReason') };
    return null;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (sending.current) return;
    const found = check();
    setProblem(found);
    if (found) return;
    sending.current = true;
    setPending(true);
    try {
      const body =
        choice === 'yes'
          ? { satisfied: true, level: level!, tags, text: text.trim() || null, mistaken, idempotencyKey: stickyIdempotencyKey(scope) }
          : { satisfied: false, text: text.trim(), idempotencyKey: stickyIdempotencyKey(scope) };
      const next = await answerRevisit(token, body);
      forgetIdempotencyKey(scope);
      onAnswered(next);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'ILLEGAL_TRANSITION') return onChanged();
      if (err instanceof ApiError && err.code === 'TOKEN_INVALID') return onLinkProblem(err.details[0]?.reason === 'expired' ? 'expired' : 'invalid');
      setProblem(submitProblem(err, t));
    } finally {
      sending.current = false;
      setPending(false);
    }
  }

  const describedBy = (field: Field) => (problem?.field === field ? ids.error : undefined);
  const toggle = (code: string) => setTags((old) => (old.includes(code) ? old.filter((c) => c !== code) : [...old, code]));
  return (
    <form className="cz-form cz-form-part" onSubmit={submit} noValidate>
      <fieldset className="cz-fieldset" aria-describedby={describedBy('choice')} aria-invalid={describedBy('choice') ? true : undefined}>
        <legend className="cz-legend">
          {t('fb.question')} <span className="cz-hint">{t('cz.required')}</span>
        </legend>
        <div className="cz-segments">
          {(['yes', 'no'] as const).map((c) => (
            <label key={c} className={`cz-segment${choice === c ? ' is-checked' : ''}`}>
              <input
                type="radio"
                name={ids.choice}
                value={c}
                checked={choice === c}
                onChange={() => {
                  setChoice(c);
                  setProblem(null);
                }}
              />
              <span>{t(c === 'yes' ? 'fb.satisfied' : 'fb.unsatisfied')}</span>
            </label>
          ))}
        </div>
      </fieldset>

      {choice === 'yes' ? (
        <>
          <fieldset className="cz-fieldset" aria-describedby={describedBy('level')} aria-invalid={describedBy('level') ? true : undefined}>
            <legend className="cz-legend">
              {t('fb.newLevel')} <span className="cz-hint">{t('cz.required')}</span>
            </legend>
            <div className="cz-levels">
              {levels.map((l) => (
                <label key={l.level} className={`cz-level${level === l.level ? ' is-checked' : ''}`}>
                  <input
                    type="radio"
                    name={`${ids.choice}-level`}
                    value={l.level}
                    checked={level === l.level}
                    onChange={() => {
                      setLevel(l.level);
                      setTags((old) => old.filter((code) => page.form.tags.find((x) => x.code === code)?.level === l.level));
                      setProblem(null);
                    }}
                  />
                  <span className="cz-level-face" aria-hidden="true">{'★'.repeat(l.level)}</span>
                  <span className="cz-level-name">{label(l)}</span>
                </label>
              ))}
            </div>
          </fieldset>
          {levelTags.length > 0 ? (
            <fieldset className="cz-fieldset" aria-describedby={describedBy('tags')}>
              <legend className="cz-legend">{t('fb.tags')}</legend>
              <TagChips options={levelTags} checked={tags} onToggle={toggle} />
            </fieldset>
          ) : null}
          <label className="cz-option">
            <input type="checkbox" checked={mistaken} onChange={(e) => setMistaken(e.target.checked)} />
            <span>{t('fb.mistaken')}</span>
          </label>
        </>
      ) : null}

      {choice !== null ? (
        <div className="cz-field">
          <label className="cz-label" htmlFor={ids.text}>
            {t(choice === 'yes' ? 'fb.text' : 'fb.reason')} <span className="cz-hint">{t(choice === 'yes' ? 'cz.optional' : 'cz.required')}</span>
          </label>
          <textarea
            id={ids.text}
            className="cz-textarea"
            rows={4}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={[ids.count, describedBy('text')].filter(Boolean).join(' ')}
            aria-invalid={describedBy('text') || n > max ? true : undefined}
          />
          <p id={ids.count} className={`cz-count${n > max ? ' is-over' : ''}`}>
            {t('cz.count', { n, max })}
          </p>
          {choice === 'no' ? <p className="cz-hint">{t(reviewsLeft > 0 ? 'fb.backToUnit' : 'fb.closesUnresolved')}</p> : null}
        </div>
      ) : null}

      {problem ? (
        <p id={ids.error} className="cz-error" role="alert">
          {problem.message}
        </p>
      ) : null}
      <button type="submit" className="cz-button cz-button-primary cz-submit" disabled={pending} aria-busy={pending}>
        {pending ? t('fb.submitting') : t('fb.submit')}
      </button>
    </form>
  );
}
