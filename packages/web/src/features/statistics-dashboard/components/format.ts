/**
 * How the dashboard writes its numbers; the browser tests read them back the same way. Rates are
 * percentages with two decimals, the satisfaction score (20…100) two decimals, counts as they are.
 */
export const formatRate = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(2)}%`);
export const formatScore = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : v.toFixed(2));
export const formatCount = (v: number): string => String(v);

/** Today in Beijing, YYYY-MM-DD. */
export const beijingToday = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
