import { useCitizenText } from '@/i18n/use-citizen-text.ts';
import type { EvaluationForm } from '../api/get-evaluation-form.ts';

/**
 * The five levels (五级) as large buttons, best first, labelled as the policy version says. They are
 * radio buttons underneath, so arrow keys move between them and screen readers announce a choice.
 */
export function LevelChoice({ levels, value, onChange, errorId }: { levels: EvaluationForm['policy']['levels']; value: number | null; onChange(level: number): void; errorId?: string | undefined }) {
  const { t, label } = useCitizenText();
  return (
    <fieldset className="cz-fieldset" aria-describedby={errorId} aria-invalid={errorId ? true : undefined}>
      <legend className="cz-legend">
        {t('ev.levels')} <span className="cz-hint">{t('cz.required')}</span>
      </legend>
      <div className="cz-levels">
        {levels.map((l) => (
          <label key={l.level} className={`cz-level${l.bad ? ' cz-level-bad' : ''}${value === l.level ? ' is-checked' : ''}`}>
            <input type="radio" name="level" value={l.level} checked={value === l.level} onChange={() => onChange(l.level)} />
            <span className="cz-level-face" aria-hidden="true">{'★'.repeat(l.level)}</span>
            <span className="cz-level-name">{label(l)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
