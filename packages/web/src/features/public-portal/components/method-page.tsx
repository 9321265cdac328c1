import { Link } from '@/components/link.tsx';
import { usePortalText } from '@/i18n/use-portal-text.ts';
import type { PortalMessageKey } from '@/i18n/portal-messages.ts';
import { useSearchParams } from '@/lib/navigation.ts';
import { useOverview } from '../api/get-overview.ts';
import { useRankingMethod } from '../api/get-ranking-method.ts';
import type { PublicMetric } from '../api/types.ts';
import { PortalError, PortalLoading } from './load-state.tsx';
import { PortalNav, SuggestFooter } from './portal-nav.tsx';
import './portal.css';

const REGION = /^[0-9]{6}([0-9]{3}([0-9]{3})?)?$/;
const METRIC_LABEL: Record<PublicMetric, PortalMessageKey> = {
  satisfaction: 'pp.metric.satisfaction',
  goodRate: 'pp.metric.goodRate',
  badRate: 'pp.metric.badRate',
  levelCounts: 'pp.levels',
  activeRate: 'pp.metric.activeRate',
  rectificationRate: 'pp.metric.rectificationRate',
  replyRate: 'pp.metric.replyRate',
  revisitRate: 'pp.metric.revisitRate',
  revisitSatisfactionRate: 'pp.metric.revisitSatisfactionRate',
};

/**
 * /public/method?region= — how rankings are made (排名方法), with the numbers of the region's rules,
 * what the region publishes, and how each figure is computed.
 */
export function PortalMethod() {
  const { t, label, locale } = usePortalText();
  const params = useSearchParams();
  const raw = params.get('region');
  const region = raw && REGION.test(raw) ? raw : null;
  const method = useRankingMethod(region);
  const overview = useOverview({ regionCode: region });
  const m = method.data;
  const o = overview.data;
  const regionName = o?.region?.name ?? t('pp.region.national');
  return (
    <div className="pp-page">
      <PortalNav current="method" />
      <h1>{region && o?.region ? `${o.region.name} · ${t('pp.method.title')}` : t('pp.method.title')}</h1>
      {method.error && !m ? <PortalError error={method.error} onRetry={method.reload} /> : null}
      {!m && !method.error ? <PortalLoading /> : null}
      {m ? (
        <section className="pp-panel" aria-labelledby="pp-method">
          <h2 id="pp-method" className="pp-h-small">
            {t('pp.method.title')}
          </h2>
          <p className="pp-method-text" data-method-version={m.formulaVersion}>
            {label(m.text)}
          </p>
          <p className="cz-hint">{t('pp.method.version', { n: m.formulaVersion, region: regionName, v: m.policyVersion })}</p>
        </section>
      ) : null}
      {o ? (
        <section className="pp-panel" aria-labelledby="pp-rules">
          <h2 id="pp-rules" className="pp-h-small">
            {t('pp.method.rules')}
          </h2>
          {o.published.enabled ? (
            <ul>
              <li>{t('pp.method.minVolume', { n: o.published.minVolume })}</li>
              <li>{t('pp.method.published', { list: o.published.metrics.map((x) => t(METRIC_LABEL[x])).join(locale === 'zh-CN' ? '、' : ', ') })}</li>
            </ul>
          ) : (
            <p>{t('pp.unpublished')}</p>
          )}
        </section>
      ) : null}
      <section className="pp-panel" aria-labelledby="pp-formulas">
        <h2 id="pp-formulas" className="pp-h-small">
          {t('pp.method.formulas')}
        </h2>
        <ul>
          <li>{t('pp.method.f.satisfaction')}</li>
          <li>{t('pp.method.f.rates')}</li>
          <li>{t('pp.method.f.loop')}</li>
          <li>{t('pp.method.f.active')}</li>
        </ul>
      </section>
      <p>
        <Link className="cz-link" to={`/public${region ? `?region=${region}` : ''}`}>
          {t('pp.nav.home')}
        </Link>
      </p>
      <SuggestFooter />
    </div>
  );
}
