import { useId, useState } from 'react';
import { useCitizenText } from '@/i18n/use-citizen-text.ts';
import { searchUnits, type PublicUnit } from '../api/search-units.ts';

/** "Which unit is it about": a name search and the matches as radio buttons, none chosen by default. */
export function UnitPicker({ value, onChange }: { value: number | null; onChange(id: number | null): void }) {
  const { t } = useCitizenText();
  const inputId = useId();
  const group = useId();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<{ q: string; units: PublicUnit[] } | null>(null);
  const [failed, setFailed] = useState(false);

  async function search() {
    const term = q.trim();
    if (!term) return;
    setFailed(false);
    try {
      setFound({ q: term, units: (await searchUnits(term)).items });
    } catch {
      setFailed(true);
    }
  }

  return (
    <fieldset className="cz-fieldset">
      <legend className="cz-legend">{t('sg.about')}</legend>
      <div className="cz-field">
        <label className="cz-label" htmlFor={inputId}>
          {t('sg.unitSearch')}
        </label>
        <div className="cz-inline">
          <input
            id={inputId}
            className="cz-input"
            type="search"
            maxLength={30}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={(e) => {
              // Enter searches here instead of sending the whole form.
              if (e.key === 'Enter') {
                e.preventDefault();
                void search();
              }
            }}
          />
          <button type="button" className="cz-button" onClick={search}>
            {t('sg.search')}
          </button>
        </div>
      </div>
      {failed ? <p className="cz-error" role="alert">{t('cz.network')}</p> : null}
      {found ? (
        <div className="cz-options" role="group" aria-live="polite">
          {found.units.length === 0 ? <p>{t('sg.noUnits', { q: found.q })}</p> : null}
          {[{ id: 0, name: t('sg.noUnit'), regionName: '' }, ...found.units].map((u) => (
            <label key={u.id} className="cz-option">
              <input type="radio" name={group} checked={(value ?? 0) === u.id} onChange={() => onChange(u.id || null)} />
              <span>
                {u.name}
                {u.regionName ? <span className="cz-hint">（{u.regionName}）</span> : null}
              </span>
            </label>
          ))}
        </div>
      ) : null}
    </fieldset>
  );
}
