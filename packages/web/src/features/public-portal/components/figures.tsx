import type { PortalMessageKey } from '@/i18n/portal-messages.ts';
import { usePortalText } from '@/i18n/use-portal-text.ts';
import type { Figures } from '../api/types.ts';

const RATES: { key: Exclude<keyof Figures, 'volume' | 'withheld' | 'satisfaction' | 'levelCounts'>; label: PortalMessageKey }[] = [
  { key: 'goodRate', label: 'pp.metric.goodRate' },
  { key: 'badRate', label: 'pp.metric.badRate' },
  { key: 'activeRate', label: 'pp.metric.activeRate' },
  { key: 'rectificationRate', label: 'pp.metric.rectificationRate' },
  { key: 'replyRate', label: 'pp.metric.replyRate' },
  { key: 'revisitRate', label: 'pp.metric.revisitRate' },
  { key: 'revisitSatisfactionRate', label: 'pp.metric.revisitSatisfactionRate' },
];

/**
 * The published figures as tiles: the volume always, the others as far as the region publishes
 * them (an absent figure is not published; null means nothing to divide by). Below the minimum
 * volume, a line says why nothing else is shown.
 */
export function FigureTiles({ figures, minVolume }: { figures: Figures; minVolume: number }) {
  const { t, percent, score, integer } = usePortalText();
  return (
    <div>
      <dl className="pp-tiles">
        <div className="pp-tile" data-figure="volume">
          <dt>{t('pp.volume')}</dt>
          <dd>{t('pp.volumeN', { n: integer(figures.volume) })}</dd>
        </div>
        {figures.satisfaction !== undefined ? (
          <div className="pp-tile pp-tile-main" data-figure="satisfaction">
            <dt>{t('pp.metric.satisfaction')}</dt>
            <dd>{score(figures.satisfaction)}</dd>
          </div>
        ) : null}
        {RATES.filter((r) => figures[r.key] !== undefined).map((r) => (
          <div className="pp-tile" key={r.key} data-figure={r.key}>
            <dt>{t(r.label)}</dt>
            <dd>{percent(figures[r.key])}</dd>
          </div>
        ))}
      </dl>
      {figures.withheld ? <p className="cz-hint">{t('pp.withheld', { n: minVolume })}</p> : null}
    </div>
  );
}

/** The level mix as plain CSS bars (no chart library on the public pages), each with its number in words. */
export function LevelBars({ counts, headingId }: { counts: Record<1 | 2 | 3 | 4 | 5, number>; headingId: string }) {
  const { t, percent, integer } = usePortalText();
  const total = counts[5] + counts[4] + counts[3] + counts[2] + counts[1];
  const levels = [5, 4, 3, 2, 1] as const;
  return (
    <ul className="pp-bars" aria-labelledby={headingId}>
      {levels.map((l) => {
        const share = total > 0 ? counts[l] / total : 0;
        return (
          <li key={l} className={`pp-bar pp-bar-${l}`} data-level={l}>
            <span className="pp-bar-label">{t(`pp.level.${l}`)}</span>
            <span className="pp-bar-track" aria-hidden="true">
              <span className="pp-bar-fill" style={{ width: `${(share * 100).toFixed(1)}%` }} />
            </span>
            <span className="pp-bar-value">{t('pp.levelValue', { n: integer(counts[l]), share: percent(total > 0 ? share : null) })}</span>
          </li>
        );
      })}
    </ul>
  );
}
