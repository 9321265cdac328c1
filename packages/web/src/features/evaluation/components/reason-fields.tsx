import { useId } from 'react';
import { useCitizenText, type CitizenText } from '@/i18n/use-citizen-text.ts';
import { ApiError } from '@/lib/api-client.ts';
import type { EvaluationForm } from '../api/get-evaluation-form.ts';

/** Characters as the policy counts them: code points, so 𠀀 is one. */
export const charCount = (s: string) => Array.from(s.trim()).length;

/** The reason tags of a level as checkable chips. */
export function TagChips({ options, checked, onToggle }: { options: readonly { code: string; zh: string; en: string }[]; checked: readonly string[]; onToggle(code: string): void }) {
  const { label } = useCitizenText();
  return (
    <div className="cz-chips">
      {options.map((tag) => (
        <label key={tag.code} className={`cz-chip${checked.includes(tag.code) ? ' is-checked' : ''}`}>
          <input type="checkbox" checked={checked.includes(tag.code)} onChange={() => onToggle(tag.code)} />
          <span>{label(tag)}</span>
        </label>
      ))}
    </div>
  );
}

/** Why a rating was not stored, from the server's answer: the field it names, or the form as a whole. */
export function submitProblem(err: unknown, t: CitizenText['t']): { field: 'level' | 'tags' | 'text' | 'form'; message: string } {
  if (err instanceof ApiError && err.code === 'VALIDATION_FAILED') {
    const field = err.field?.startsWith('tags') ? 'tags' : err.field === 'text' ? 'text' : err.field === 'level' ? 'level' : 'form';
    return { field, message: err.message };
  }
  if (err instanceof ApiError && err.code === 'NETWORK_ERROR') return { field: 'form', message: t('cz.network') };
  return { field: 'form', message: t('cz.failed', { message: err instanceof Error ? err.message : String(err) }) };
}

interface Props {
  form: EvaluationForm;
  level: number;
  tags: string[];
  onTags(tags: string[]): void;
  text: string;
  onText(text: string): void;
  tagsErrorId?: string | undefined;
  textErrorId?: string | undefined;
}

/**
 * The reason tags (评价标签) of the chosen level and the text box with a live character count. For a
 * bad rating they are what the policy requires; for a good one they are optional.
 */
export function ReasonFields({ form, level, tags, onTags, text, onText, tagsErrorId, textErrorId }: Props) {
  const { t } = useCitizenText();
  const textId = useId();
  const countId = useId();
  const bad = form.policy.levels.find((l) => l.level === level)?.bad ?? false;
  const needs = bad ? form.policy.badRatingNeeds : 'none';
  const levelTags = form.policy.tags.filter((x) => x.level === level);
  const max = form.policy.textMaxLength;
  const n = charCount(text);
  const toggle = (code: string) => onTags(tags.includes(code) ? tags.filter((c) => c !== code) : [...tags, code]);
  return (
    <>
      {levelTags.length > 0 ? (
        <fieldset className="cz-fieldset" aria-describedby={tagsErrorId} aria-invalid={tagsErrorId ? true : undefined}>
          <legend className="cz-legend">
            {t(bad ? 'ev.tags.bad' : 'ev.tags.good')} {needs === 'tag' ? <span className="cz-hint">{t('cz.required')}</span> : null}
          </legend>
          <TagChips options={levelTags} checked={tags} onToggle={toggle} />
        </fieldset>
      ) : null}
      <div className="cz-field">
        <label className="cz-label" htmlFor={textId}>
          {t('ev.text')} <span className="cz-hint">{t(needs === 'text' ? 'cz.required' : 'cz.optional')}</span>
        </label>
        <textarea
          id={textId}
          className="cz-textarea"
          rows={4}
          value={text}
          onChange={(e) => onText(e.target.value)}
          aria-describedby={[countId, textErrorId].filter(Boolean).join(' ')}
          aria-invalid={textErrorId || n > max ? true : undefined}
        />
        <p id={countId} className={`cz-count${n > max ? ' is-over' : ''}`}>
          {t('cz.count', { n, max })}
        </p>
      </div>
    </>
  );
}
