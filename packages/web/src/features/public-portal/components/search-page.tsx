import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link } from '@/components/link.tsx';
import { usePortalText } from '@/i18n/use-portal-text.ts';
import { navigate, useSearchParams } from '@/lib/navigation.ts';
import { useSearch } from '../api/search.ts';
import type { Figures } from '../api/types.ts';
import { PortalError, PortalLoading } from './load-state.tsx';
import { PortalNav, SuggestFooter } from './portal-nav.tsx';
import './portal.css';

/** Satisfaction and volume of a search hit, as far as published. */
function Headline({ f }: { f: Figures }) {
  const { t, score, percent, integer } = usePortalText();
  const parts = [`${t('pp.volume')} ${integer(f.volume)}`];
  if (!f.withheld && f.satisfaction !== undefined) parts.push(`${t('pp.metric.satisfaction')} ${score(f.satisfaction)}`);
  if (!f.withheld && f.badRate !== undefined) parts.push(`${t('pp.metric.badRate')} ${percent(f.badRate)}`);
  return <span className="cz-hint pp-headline">{parts.join(' · ')}</span>;
}

/**
 * /public/search?q= — find a unit or a service item (事项) by name or code, this year's headline
 * figures beside each; a unit links to its page, an item to the unit that provides it.
 */
export function PortalSearch() {
  const { t } = usePortalText();
  const params = useSearchParams();
  const q = (params.get('q') ?? '').slice(0, 50);
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const result = useSearch(q, {});
  const inputId = useId();
  const hintId = useId();
  const r = result.data;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = text.trim();
    navigate(next ? `/public/search?q=${encodeURIComponent(next)}` : '/public/search');
  };

  return (
    <div className="pp-page">
      <PortalNav current="search" />
      <h1>{t('pp.search.title')}</h1>
      <form className="pp-search" role="search" onSubmit={submit}>
        <label className="cz-label" htmlFor={inputId}>
          {t('pp.search.label')}
        </label>
        <p className="cz-hint" id={hintId}>
          {t('pp.search.hint')}
        </p>
        <div className="cz-inline">
          <input id={inputId} className="cz-input" type="search" value={text} maxLength={50} aria-describedby={hintId} onChange={(e) => setText(e.currentTarget.value)} />
          <button type="submit" className="cz-button cz-button-primary">
            {t('pp.search.submit')}
          </button>
        </div>
      </form>

      {q && result.error && !r ? <PortalError error={result.error} onRetry={result.reload} /> : null}
      {q && !r && !result.error ? <PortalLoading /> : null}
      {r ? (
        <div aria-live="polite">
          <section className="pp-panel" aria-labelledby="pp-search-units">
            <h2 id="pp-search-units">{t('pp.search.units', { n: r.units.length })}</h2>
            {r.units.length === 0 ? <p>{t('pp.search.noUnits', { q: r.q })}</p> : null}
            <ul className="pp-results">
              {r.units.map((u) => (
                <li key={u.id} data-unit={u.id}>
                  <Link className="cz-link pp-result-name" to={`/public/units/${u.id}`}>
                    {u.name}
                  </Link>
                  <span className="cz-hint"> · {u.regionName}</span>
                  <br />
                  <Headline f={u.figures} />
                </li>
              ))}
            </ul>
          </section>
          <section className="pp-panel" aria-labelledby="pp-search-items">
            <h2 id="pp-search-items">{t('pp.search.items', { n: r.items.length })}</h2>
            {r.items.length === 0 ? <p>{t('pp.search.noItems', { q: r.q })}</p> : null}
            <ul className="pp-results">
              {r.items.map((i) => (
                <li key={i.code} data-item={i.code}>
                  <span className="pp-result-name">{i.name}</span>
                  <span className="cz-hint">
                    {' '}
                    · {i.code} · {t('pp.search.promised', { n: i.promisedDays })}
                  </span>
                  <br />
                  {t('pp.search.owner')}：
                  <Link className="cz-link" to={`/public/units/${i.unit.id}`}>
                    {i.unit.name}
                  </Link>
                  <span className="cz-hint"> · {i.regionName}</span>
                  <br />
                  <Headline f={i.figures} />
                </li>
              ))}
            </ul>
          </section>
        </div>
      ) : null}
      <SuggestFooter />
    </div>
  );
}
