import { addDays, CHINESE_DAYS_COVERAGE, isValidLocalDate, WorkingCalendar, type DayOverride } from '@hcp/domain';
import type { Database } from '../db/database.ts';
import { forbidden, invalid, notFound } from '../errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { CalendarRepository } from '../repositories/calendar.repository.ts';
import type { RegionRepository } from '../repositories/region.repository.ts';
import { auditActor, requireInScope, requirePermission, type Ctx } from './actor.ts';

/** The national layer of corrections, above every province. */
export const NATIONAL = '000000000000';

export interface DayChange {
  /** One day, or the first day of a range with `to`. */
  date: string;
  to?: string;
  kind: 'workday' | 'holiday' | 'clear';
  name?: string;
}

/**
 * Working-day calendars per region: chinese-days as the base, then the national corrections, then
 * each ancestor region's own, nearest last. Built calendars are cached and rebuilt when any layer's
 * version changes, so a correction made on another instance is seen at the next lookup.
 */
export class CalendarService {
  private readonly cache = new Map<string, { stamp: string; calendar: WorkingCalendar }>();

  constructor(
    private readonly db: Database,
    private readonly calendars: CalendarRepository,
    private readonly regions: RegionRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** The calendar that counts deadlines for cases of this region. */
  async forRegion(regionCode: string): Promise<WorkingCalendar> {
    const layers = regionCode === NATIONAL ? [NATIONAL] : [NATIONAL, ...(await this.regions.ancestors(regionCode))];
    const versions = await this.calendars.versions(layers);
    const stamp = layers.map((l) => `${l}:${versions.get(l) ?? 0}`).join(',');
    const cached = this.cache.get(regionCode);
    if (cached?.stamp === stamp) return cached.calendar;
    const rows = await this.calendars.effective(layers.filter((l) => versions.has(l)));
    const overrides: DayOverride[][] = layers.map((l) =>
      rows.filter((r) => r.region_code === l).map((r) => ({ date: r.day, kind: r.kind, ...(r.name ? { name: r.name } : {}) })),
    );
    const calendar = new WorkingCalendar({ overrides });
    this.cache.set(regionCode, { stamp, calendar });
    return calendar;
  }

  private async checkRegion(ctx: Ctx, regionCode: string) {
    if (regionCode === NATIONAL) return;
    if (!(await this.regions.find(regionCode))) throw notFound('region', 'regionCode');
    requireInScope(ctx, { regionCode }, 'region');
  }

  /** Every day of a year with whether it is worked and why, and whether the year's official arrangement is loaded. */
  async year(ctx: Ctx, regionCode: string, year: number) {
    requirePermission(ctx, 'masterdata.read');
    await this.checkRegion(ctx, regionCode);
    const calendar = await this.forRegion(regionCode);
    const days = calendar.listDays(`${year}-01-01`, `${year}-12-31`);
    const nationalRows = await this.calendars.effective([NATIONAL]);
    const official = (year >= CHINESE_DAYS_COVERAGE.firstYear && year <= CHINESE_DAYS_COVERAGE.lastYear) || nationalRows.some((r) => r.day.startsWith(`${year}-`));
    return { regionCode, year, official, workingDays: days.filter((d) => d.working).length, days };
  }

  history(ctx: Ctx, regionCode: string) {
    requirePermission(ctx, 'masterdata.read');
    return this.checkRegion(ctx, regionCode).then(() => this.calendars.history(regionCode));
  }

  /** Saves corrections as a new version (e.g. next year's State Council notice, or a local holiday). */
  async save(ctx: Ctx, regionCode: string, changes: DayChange[], note: string | undefined) {
    requirePermission(ctx, 'calendar.write');
    if (regionCode === NATIONAL && !(ctx.actor.kind === 'user' && ctx.actor.role === 'sysadmin')) {
      throw forbidden('only a system administrator changes the national calendar');
    }
    await this.checkRegion(ctx, regionCode);
    const days = new Map<string, { day: string; kind: DayChange['kind']; name: string | null }>();
    changes.forEach((c, i) => {
      if (!isValidLocalDate(c.date)) throw invalid(`days.${i}.date`, 'must be a date YYYY-MM-DD');
      const last = c.to ?? c.date;
      if (!isValidLocalDate(last) || last < c.date) throw invalid(`days.${i}.to`, 'must be a date on or after date');
      for (let d = c.date, n = 0; d <= last; d = addDays(d, 1), n++) {
        if (n >= 366) throw invalid(`days.${i}.to`, 'a range covers at most 366 days');
        if (days.has(d)) throw invalid(`days.${i}.date`, `${d} appears twice`);
        days.set(d, { day: d, kind: c.kind, name: c.name?.trim() || null });
      }
    });
    if (days.size === 0) throw invalid('days', 'at least one day');
    const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
    const version = await this.db.transaction().execute(async (trx) => {
      const v = await this.calendars.saveVersion(trx, regionCode, [...days.values()], userId);
      await this.audit.append(trx, { ...auditActor(ctx), action: 'calendar.save', targetType: 'calendar', targetId: regionCode, detail: { version: v, days: days.size, note: note ?? null } });
      return v;
    });
    this.cache.delete(regionCode);
    return { version, days: days.size };
  }

  /** The deadline n working days after an instant, for this region's calendar. */
  async deadline(ctx: Ctx, regionCode: string, from: Date, workingDays: number) {
    requirePermission(ctx, 'masterdata.read');
    await this.checkRegion(ctx, regionCode);
    const calendar = await this.forRegion(regionCode);
    const deadline = calendar.addWorkingDays(from, workingDays);
    return { from, workingDays, deadline, remaining: calendar.remainingWorkingDays(deadline, new Date()) };
  }
}
