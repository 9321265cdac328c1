import { useEffect, useState, type FormEvent } from 'react';
import { Link } from '@/components/link.tsx';
import { Notice } from '@/components/notice.tsx';
import { usePortalText } from '@/i18n/use-portal-text.ts';
import { ApiError } from '@/lib/api-client.ts';
import { navigate, useSearchParams } from '@/lib/navigation.ts';
import { useUnit } from '../api/get-unit.ts';
import { FigureTiles, LevelBars } from './figures.tsx';
import { PortalError, PortalLoading } from './load-state.tsx';
import { PeriodPicker, isPeriodChoice, periodQuery, type PeriodChoice } from './period-picker.tsx';
import { PortalNav, SuggestFooter } from './portal-nav.tsx';
import { portalQuery } from './portal-query.ts';
import { ReplyList } from './reply-list.tsx';
import './portal.css';

/**
 * /public/units/:id — a unit's published results: its figures for the period, the level mix as
 * bars, its place among its region's units, and its published bad ratings with their rectification
 * replies (公开答复). A unit the region does not publish is "not found".
 */
export function PortalUnit({ id }: { id: number }) {
  const { t } = usePortalText();
  const params = useSearchParams();
  const pParam = params.get('p');
  const choice: PeriodChoice = isPeriodChoice(pParam) ? pParam : 'year';
  const unit = useUnit(id, periodQuery(choice));
  const [pending, setPending] = useState<PeriodChoice>(choice);
  useEffect(() => setPending(choice), [choice]);
  const u = unit.data;

  if (unit.error && !u) {
    if (unit.error instanceof ApiError && (unit.error.status === 404 || unit.error.status === 400)) {
      return (
        <div className="pp-page">
          <PortalNav current="unit" />
          <Notice
            title={t('pp.notFound.title')}
            tone="warning"
            actions={
              <Link className="cz-link" to="/public">
                {t('pp.nav.home')}
              </Link>
            }
          >
            <p>{t('pp.notFound.body')}</p>
          </Notice>
        </div>
      );
    }
    return (
      <div className="pp-page">
        <PortalNav current="unit" />
        <PortalError error={unit.error} onRetry={unit.reload} />
      </div>
    );
  }
  if (!u) {
    return (
      <div className="pp-page">
        <PortalNav current="unit" />
        <PortalLoading />
      </div>
    );
  }
  const region = u.regions.at(-1);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/public/units/${id}${portalQuery(null, pending)}`);
  };
  return (
    <div className="pp-page">
      <PortalNav current="unit" />
      <nav aria-label={t('pp.region.path')}>
        <ol className="pp-crumbs">
          <li>
            <Link to={`/public${portalQuery(null, choice)}`}>{t('pp.region.national')}</Link>
          </li>
          {u.regions.map((r) => (
            <li key={r.code}>
              <Link to={`/public${portalQuery(r.code, choice)}`}>{r.name}</Link>
            </li>
          ))}
        </ol>
      </nav>
      <h1>{u.unit.name}</h1>
      {u.unit.code ? (
        <p className="cz-hint">
          {t('pp.unit.code')}：{u.unit.code}
        </p>
      ) : null}
      <form className="pp-inline-form" onSubmit={apply}>
        <PeriodPicker value={pending} onChange={setPending} period={u.period}>
          <button type="submit" className="cz-button">
            {t('pp.region.go')}
          </button>
        </PeriodPicker>
      </form>

      <section className="pp-panel" aria-labelledby="pp-unit-figures">
        <h2 id="pp-unit-figures">{t('pp.totals')}</h2>
        <FigureTiles figures={u.figures} minVolume={u.published.minVolume} />
        {u.figures.levelCounts ? (
          <>
            <h3 id="pp-unit-levels" className="pp-h-small">
              {t('pp.levels')}
            </h3>
            <LevelBars counts={u.figures.levelCounts} headingId="pp-unit-levels" />
          </>
        ) : null}
        {u.rank ? (
          <div className="pp-rank" data-rank={u.rank.rank ?? ''}>
            <h3 className="pp-h-small">{t('pp.unit.rank', { region: region?.name ?? '' })}</h3>
            <p>{u.rank.rank !== null ? t('pp.unit.rankValue', { rank: u.rank.rank, of: u.rank.ranked }) : t('pp.unit.notRanked', { n: u.rank.minVolume })}</p>
            <p>
              <Link className="cz-link" to={`/public/method${region ? `?region=${region.code}` : ''}`}>
                {t('pp.methodLink')}
              </Link>
            </p>
          </div>
        ) : null}
      </section>

      <section className="pp-panel" aria-labelledby="pp-replies">
        <h2 id="pp-replies">{t('pp.replies')}</h2>
        {u.published.replies ? <ReplyList unitId={u.unit.id} /> : <p className="cz-hint">{t('pp.replies.off')}</p>}
      </section>
      <SuggestFooter />
    </div>
  );
}
