import { useI18n } from '@/i18n/i18n-context.ts';
import type { CalendarDay } from '../api/get-calendar-year.ts';
import './year-grid.css';

const pad = (n: number) => String(n).padStart(2, '0');

/** Weeks of one month, Monday first, as dates (null before the 1st and after the last day). */
function weeksOf(year: number, month: number): (string | null)[][] {
  const first = (new Date(Date.UTC(year, month, 1)).getUTCDay() + 6) % 7;
  const length = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const cells: (string | null)[] = [...Array<null>(first).fill(null), ...Array.from({ length }, (_, i) => `${year}-${pad(month + 1)}-${pad(i + 1)}`)];
  while (cells.length % 7) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
}

/**
 * A year as 12 month tables: working days plain, days off shaded, corrections outlined with a dot,
 * holiday names as the cell's title. Clicking a day (when `onPick` is given) fills the form's date.
 */
export function YearGrid({ year, days, onPick }: { year: number; days: CalendarDay[]; onPick?: (date: string) => void }) {
  const { t, locale } = useI18n();
  const byDate = new Map(days.map((d) => [d.date, d]));
  const monthName = (m: number) => new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(year, m, 1)));
  const weekdays = Array.from({ length: 7 }, (_, i) => new Intl.DateTimeFormat(locale, { weekday: 'narrow', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + i))));
  const fullDate = (date: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
  return (
    <div className="year-grid">
      {Array.from({ length: 12 }, (_, m) => (
        <table key={m} className="month">
          <caption>{monthName(m)}</caption>
          <thead>
            <tr>
              {weekdays.map((w, i) => (
                <th key={i} scope="col" abbr={w}>
                  {w}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeksOf(year, m).map((week, w) => (
              <tr key={w}>
                {week.map((date, i) => {
                  if (!date) return <td key={i} />;
                  const day = byDate.get(date);
                  const override = day?.source === 'override';
                  const state = day ? (day.working ? t('calendar.working') : t('calendar.off')) : '';
                  const label = [fullDate(date), state, day?.name, override ? t('calendar.overridden') : ''].filter(Boolean).join('，');
                  return (
                    <td
                      key={i}
                      data-date={date}
                      data-working={day ? String(day.working) : undefined}
                      data-override={override ? 'true' : undefined}
                      className={[day && !day.working ? 'off' : 'work', override ? 'override' : '', onPick ? 'pickable' : ''].join(' ')}
                      title={label}
                      aria-label={label}
                      onClick={onPick ? () => onPick(date) : undefined}
                    >
                      {Number(date.slice(8))}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}

/** The key to the colours, for sighted users; each cell also says it in words. */
export function YearGridLegend() {
  const { t } = useI18n();
  return (
    <div className="year-grid-legend" aria-hidden="true">
      <span><i className="work" /> {t('calendar.working')}</span>
      <span><i className="off" /> {t('calendar.off')}</span>
      <span><i className="work override" /> {t('calendar.overridden')}</span>
    </div>
  );
}
