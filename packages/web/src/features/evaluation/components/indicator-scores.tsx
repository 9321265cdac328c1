import { useCitizenText } from '@/i18n/use-citizen-text.ts';
import type { EvaluationForm } from '../api/get-evaluation-form.ts';

const SCORES = [5, 4, 3, 2, 1];

/** Optional scores per indicator of the evaluation content (评价内容) of the case's mode, folded away. */
export function IndicatorScores({ content, scores, onChange }: { content: EvaluationForm['policy']['content']; scores: Record<string, number>; onChange(scores: Record<string, number>): void }) {
  const { t, label } = useCitizenText();
  if (content.length === 0) return null;
  return (
    <details className="cz-more">
      <summary>{t('ev.more')}</summary>
      <p className="cz-hint">{t('ev.more.hint')}</p>
      {content.map((indicator) => (
        <fieldset key={indicator.code} className="cz-fieldset cz-score-row">
          <legend className="cz-legend-small">{label(indicator)}</legend>
          <div className="cz-scores">
            {SCORES.map((n) => (
              <label key={n} className={`cz-score${scores[indicator.code] === n ? ' is-checked' : ''}`}>
                <input type="radio" name={`score-${indicator.code}`} value={n} checked={scores[indicator.code] === n} onChange={() => onChange({ ...scores, [indicator.code]: n })} aria-label={`${label(indicator)} ${t('ev.score', { n })}`} />
                <span aria-hidden="true">{n}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ))}
    </details>
  );
}
