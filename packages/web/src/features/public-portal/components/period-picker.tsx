import { useId, type ReactNode } from 'react';
import type { PortalMessageKey } from '@/i18n/portal-messages.ts';
import { usePortalText } from '@/i18n/use-portal-text.ts';
import type { PeriodQuery, PeriodView } from '../api/types.ts';

/** The periods a citizen picks from; the URL keeps the choice (?p=). */
export const PERIOD_CHOICES = ['year', 'quarter', 'month', 'lastYear'] as const;
export type PeriodChoice = (typeof PERIOD_CHOICES)[number];

const LABELS: Record<PeriodChoice, PortalMessageKey> = {
  year: 'pp.period.year',
  quarter: 'pp.period.quarter',
  month: 'pp.period.month',
  lastYear: 'pp.period.lastYear',
};

export const isPeriodChoice = (v: string | null): v is PeriodChoice => !!v && (PERIOD_CHOICES as readonly string[]).includes(v);

/** Today in Beijing, YYYY-MM-DD. */
const beijingToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** The API's period for a choice: this year, quarter or month, or the whole of last year. */
export function periodQuery(choice: PeriodChoice): PeriodQuery {
  if (choice === 'lastYear') return { period: 'year', date: `${Number(beijingToday().slice(0, 4)) - 1}-12-31` };
  return { period: choice };
}

/** A select of the period with the button that applies it (`children`), and the dates it covers. */
export function PeriodPicker({ value, onChange, period, children }: { value: PeriodChoice; onChange: (v: PeriodChoice) => void; period: PeriodView | undefined; children?: ReactNode }) {
  const { t, date } = usePortalText();
  const id = useId();
  return (
    <div className="pp-field">
      <label className="cz-label" htmlFor={id}>
        {t('pp.period')}
      </label>
      <div className="pp-field-row">
        <select id={id} className="cz-input pp-select" value={value} onChange={(e) => isPeriodChoice(e.target.value) && onChange(e.target.value)}>
          {PERIOD_CHOICES.map((c) => (
            <option key={c} value={c}>
              {t(LABELS[c])}
            </option>
          ))}
        </select>
        {children}
      </div>
      {period ? <p className="cz-hint pp-range">{t('pp.period.range', { from: date(period.from), to: date(period.to) })}</p> : null}
    </div>
  );
}
