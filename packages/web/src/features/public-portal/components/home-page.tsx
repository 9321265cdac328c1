import { useEffect, useState, type FormEvent } from 'react';
import { Link } from '@/components/link.tsx';
import { usePortalText } from '@/i18n/use-portal-text.ts';
import { navigate, useSearchParams } from '@/lib/navigation.ts';
import { useOverview } from '../api/get-overview.ts';
import { FigureTiles, LevelBars } from './figures.tsx';
import { PortalError, PortalLoading } from './load-state.tsx';
import { PeriodPicker, isPeriodChoice, periodQuery, type PeriodChoice } from './period-picker.tsx';
import { portalQuery } from './portal-query.ts';
import { PortalNav, SuggestFooter } from './portal-nav.tsx';
import { UnitTable } from './unit-table.tsx';
import './portal.css';

const REGION = /^[0-9]{6}([0-9]{3}([0-9]{3})?)?$/;
const SHOWN = 5;


/**
 * /public — the portal's home (评价结果公开): a region picker (the regions above as links, the
 * regions below to choose from), the period, the region's totals and level mix, its best and
 * lowest ranked units and the list of all. `?region=&p=` keep the choice, so the back button and
 * a shared link work.
 */
export function PortalHome() {
  const { t } = usePortalText();
  const params = useSearchParams();
  const regionParam = params.get('region');
  const region = regionParam && REGION.test(regionParam) ? regionParam : null;
  const pParam = params.get('p');
  const choice: PeriodChoice = isPeriodChoice(pParam) ? pParam : 'year';
  const overview = useOverview({ regionCode: region, ...periodQuery(choice) });
  const [pending, setPending] = useState<PeriodChoice>(choice);
  // The back button changes the period in the URL: the picker follows.
  useEffect(() => setPending(choice), [choice]);
  const o = overview.data;

  const applyPeriod = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/public${portalQuery(region, pending)}`);
  };

  return (
    <div className="pp-page">
      <PortalNav current="home" />
      <h1>{o?.region ? `${o.region.name} · ${t('pp.title')}` : t('pp.title')}</h1>
      <p className="pp-intro">{t('pp.intro')}</p>

      <section className="pp-panel" aria-labelledby="pp-region-heading">
        <h2 id="pp-region-heading" className="pp-h-small">
          {t('pp.region')}
        </h2>
        <nav aria-label={t('pp.region.path')}>
          <ol className="pp-crumbs">
            <li>{region ? <Link to={`/public${portalQuery(null, choice)}`}>{t('pp.region.national')}</Link> : <span aria-current="page">{t('pp.region.national')}</span>}</li>
            {o?.parents.map((r) => (
              <li key={r.code}>
                <Link to={`/public${portalQuery(r.code, choice)}`}>{r.name}</Link>
              </li>
            ))}
            {o?.region ? (
              <li>
                <span aria-current="page">{o.region.name}</span>
              </li>
            ) : null}
          </ol>
        </nav>
        {o && o.children.length > 0 ? (
          <div className="pp-children">
            <h3 className="pp-h-small" id="pp-children-heading">
              {t('pp.region.pick')}
            </h3>
            <ul className="pp-chips" aria-labelledby="pp-children-heading">
              {o.children.map((r) => (
                <li key={r.code}>
                  <Link className="pp-chip" to={`/public${portalQuery(r.code, choice)}`}>
                    {r.name}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <form className="pp-inline-form" onSubmit={applyPeriod}>
          <PeriodPicker value={pending} onChange={setPending} period={o?.period}>
            <button type="submit" className="cz-button">
              {t('pp.region.go')}
            </button>
          </PeriodPicker>
        </form>
      </section>

      {overview.error && !o ? <PortalError error={overview.error} onRetry={overview.reload} /> : null}
      {!o && !overview.error ? <PortalLoading /> : null}
      {o ? <OverviewBody o={o} linkQuery={portalQuery(null, choice)} /> : null}
      <SuggestFooter />
    </div>
  );
}

function OverviewBody({ o, linkQuery }: { o: NonNullable<ReturnType<typeof useOverview>['data']>; linkQuery: string }) {
  const { t } = usePortalText();
  if (!o.published.enabled || !o.totals) return <p className="cz-info">{t('pp.unpublished')}</p>;
  const ranked = o.units.filter((u) => u.rank !== null);
  const top = ranked.slice(0, SHOWN);
  const bottom = ranked.length > SHOWN ? ranked.slice(Math.max(SHOWN, ranked.length - SHOWN)) : [];
  return (
    <>
      <section className="pp-panel" aria-labelledby="pp-totals">
        <h2 id="pp-totals">{t('pp.totals')}</h2>
        <FigureTiles figures={o.totals} minVolume={o.published.minVolume} />
        {o.totals.levelCounts ? (
          <>
            <h3 id="pp-levels" className="pp-h-small">
              {t('pp.levels')}
            </h3>
            <LevelBars counts={o.totals.levelCounts} headingId="pp-levels" />
          </>
        ) : null}
      </section>

      <section className="pp-panel" aria-labelledby="pp-ranking">
        <h2 id="pp-ranking">{t('pp.unit')}</h2>
        {!o.published.rankings ? <p className="cz-hint">{t('pp.rankingOff')}</p> : null}
        {o.published.rankings && o.units.length > 0 && ranked.length === 0 ? <p className="cz-hint">{t('pp.noRanking')}</p> : null}
        {o.units.length === 0 ? <p className="cz-hint">{t('pp.noUnits')}</p> : null}
        {top.length > 0 ? <UnitTable id="pp-top" caption={t('pp.top')} units={top} linkQuery={linkQuery} /> : null}
        {bottom.length > 0 ? <UnitTable id="pp-bottom" caption={t('pp.bottom')} units={bottom} linkQuery={linkQuery} /> : null}
        {o.units.length > 0 ? (
          <details className="pp-details">
            <summary>{t('pp.allUnits', { n: o.units.length })}</summary>
            <UnitTable id="pp-all" caption={t('pp.allUnits', { n: o.units.length })} units={o.units} linkQuery={linkQuery} />
          </details>
        ) : null}
        {o.ranking ? (
          <p>
            <Link className="cz-link" to={`/public/method${o.region ? `?region=${o.region.code}` : ''}`}>
              {t('pp.methodLink')}
            </Link>
          </p>
        ) : null}
      </section>
    </>
  );
}
