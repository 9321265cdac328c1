import { useRef, useState, type FormEvent } from 'react';
import type { CitizenMessageKey } from '@/i18n/citizen-messages.ts';
import { useCitizenText } from '@/i18n/use-citizen-text.ts';
import { stickyIdempotencyKey } from '@/lib/idempotency-key.ts';
import type { EvaluationForm as Form } from '../api/get-evaluation-form.ts';
import { submitEvaluation } from '../api/submit-evaluation.ts';
import { IndicatorScores } from './indicator-scores.tsx';
import { LevelChoice } from './level-choice.tsx';
import { linkProblemOf, type LinkProblemKind } from './link-problem.tsx';
import { charCount, ReasonFields, submitProblem } from './reason-fields.tsx';

type Problem = { field: 'level' | 'tags' | 'text' | 'form'; message: string };

/** The same checks the server makes (checkSubmission), so most mistakes are shown before sending. */
function check(form: Form, level: number | null, tags: string[], text: string, t: (k: CitizenMessageKey, v?: Record<string, number>) => string): Problem | null {
  if (level === null) return { field: 'level', message: t('ev.needLevel') };
  const max = form.policy.textMaxLength;
  if (charCount(text) > max) return { field: 'text', message: t('ev.tooLong', { max }) };
  const bad = form.policy.levels.find((l) => l.level === level)?.bad;
  const rule = bad ? form.policy.badRatingNeeds : 'none';
  const hasTag = tags.length > 0;
  const hasText = charCount(text) > 0;
  if (rule === 'tag' && !hasTag) return { field: 'tags', message: t('ev.needTag') };
  if (rule === 'text' && !hasText) return { field: 'text', message: t('ev.needText') };
  if (rule === 'tag_or_text' && !hasTag && !hasText) return { field: 'tags', message: t('ev.needReason') };
  return null;
}

interface Props {
  token: string;
  form: Form;
  onDone(result: { bad: boolean }): void;
  onProblem(kind: LinkProblemKind): void;
}

/**
 * The rating form: the case, the five levels, the reasons of the chosen level with a text box, and
 * optional indicator scores. The idempotency key is kept per link in the session, so a double tap,
 * a retry after a network failure or a reload never stores the rating twice.
 */
export function EvaluationForm({ token, form, onDone, onProblem }: Props) {
  const { t, date } = useCitizenText();
  const [level, setLevel] = useState<number | null>(null);
  const [tags, setTags] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [scores, setScores] = useState<Record<string, number>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pending, setPending] = useState(false);
  const sending = useRef(false);

  const chooseLevel = (l: number) => {
    setLevel(l);
    // Tags belong to one level; the text stays.
    setTags((old) => old.filter((code) => form.policy.tags.find((x) => x.code === code)?.level === l));
    setProblem(null);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (sending.current) return;
    const found = check(form, level, tags, text, t);
    setProblem(found);
    if (found) return;
    sending.current = true;
    setPending(true);
    try {
      const r = await submitEvaluation(token, { level: level!, tags, text: text.trim() || null, scores, idempotencyKey: stickyIdempotencyKey(`eval:${token}`) });
      onDone({ bad: r.bad });
    } catch (err) {
      const kind = linkProblemOf(err);
      if (kind) return onProblem(kind);
      setProblem(submitProblem(err, t));
    } finally {
      sending.current = false;
      setPending(false);
    }
  }

  const errorId = 'ev-error';
  const idFor = (field: Problem['field']) => (problem?.field === field ? errorId : undefined);
  return (
    <form className="cz-form" onSubmit={submit} noValidate>
      <h1>{t('ev.title')}</h1>
      <dl className="cz-facts">
        <div>
          <dt>{t('ev.item')}</dt>
          <dd>{form.itemName}</dd>
        </div>
        <div>
          <dt>{t('ev.unit')}</dt>
          <dd>{form.unitName}</dd>
        </div>
        {form.windowName ? (
          <div>
            <dt>{t('ev.window')}</dt>
            <dd>{form.windowName}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('ev.date')}</dt>
          <dd>{date(form.completedAt)}</dd>
        </div>
        <div>
          <dt>{t('ev.caseNo')}</dt>
          <dd>{form.caseNo}</dd>
        </div>
      </dl>
      {form.applicant ? <p className="cz-hint">{t('ev.realName', { name: form.applicant })}</p> : null}

      <LevelChoice levels={form.policy.levels} value={level} onChange={chooseLevel} errorId={idFor('level')} />
      {level !== null ? (
        <ReasonFields form={form} level={level} tags={tags} onTags={(x) => (setTags(x), setProblem(null))} text={text} onText={setText} tagsErrorId={idFor('tags')} textErrorId={idFor('text')} />
      ) : null}
      <IndicatorScores content={form.policy.content} scores={scores} onChange={setScores} />

      {problem ? (
        <p id={errorId} className="cz-error" role="alert">
          {problem.message}
        </p>
      ) : null}
      <button type="submit" className="cz-button cz-button-primary cz-submit" disabled={pending} aria-busy={pending}>
        {pending ? t('ev.submitting') : t('ev.submit')}
      </button>
      <p className="cz-hint">{t('ev.voluntary')}</p>
    </form>
  );
}
