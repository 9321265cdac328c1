import type { PeriodChoice } from './period-picker.tsx';

/** The query string of a portal page for a region and period choice. */
export function portalQuery(region: string | null, choice: PeriodChoice): string {
  const q = new URLSearchParams();
  if (region) q.set('region', region);
  if (choice !== 'year') q.set('p', choice);
  const s = q.toString();
  return s ? `?${s}` : '';
}
