import { useId } from 'react';
import { useCitizenText } from '@/i18n/use-citizen-text.ts';
import type { EvaluationForm } from '../api/get-evaluation-form.ts';

/** Characters as the policy counts them: code points, so 𠀀 is one. */
export const charCount = (s: string) => Array.from(s.trim()).length;

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
  const { t, label } = useCitizenText();
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
          <div className="cz-chips">
            {levelTags.map((tag) => (
              <label key={tag.code} className={`cz-chip${tags.includes(tag.code) ? ' is-checked' : ''}`}>
                <input type="checkbox" checked={tags.includes(tag.code)} onChange={() => toggle(tag.code)} />
                <span>{label(tag)}</span>
              </label>
            ))}
          </div>
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
