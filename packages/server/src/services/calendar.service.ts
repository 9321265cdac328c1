import { addDays, CHINESE_DAYS_COVERAGE, isValidLocalDate, WorkingCalendar, type DayOverride } from '@hcp/domain';
import type { Database } from '../db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../errors.ts';
import { readArrangementFile, type ArrangementDay } from '../imports/calendar-file.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { CalendarRepository, OverrideRow } from '../repositories/calendar.repository.ts';
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
    const layers = await this.layersOf(regionCode);
    const versions = await this.calendars.versions(layers);
    const stamp = layers.map((l) => `${l}:${versions.get(l) ?? 0}`).join(',');
    const cached = this.cache.get(regionCode);
    if (cached?.stamp === stamp) return cached.calendar;
    const rows = await this.calendars.effective(layers.filter((l) => versions.has(l)));
    const calendar = buildCalendar(layers, rows);
    this.cache.set(regionCode, { stamp, calendar });
    return calendar;
  }

  private async layersOf(regionCode: string): Promise<string[]> {
    return regionCode === NATIONAL ? [NATIONAL] : [NATIONAL, ...(await this.regions.ancestors(regionCode))];
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

  /** Whether this actor may change this region's calendar (checked before an upload is read). */
  async checkWrite(ctx: Ctx, regionCode: string) {
    requirePermission(ctx, 'calendar.write');
    if (regionCode === NATIONAL && !(ctx.actor.kind === 'user' && ctx.actor.role === 'sysadmin')) {
      throw forbidden('only a system administrator changes the national calendar');
    }
    await this.checkRegion(ctx, regionCode);
  }

  /** Saves corrections as a new version (e.g. next year's State Council notice, or a local holiday). */
  async save(ctx: Ctx, regionCode: string, changes: DayChange[], note: string | undefined) {
    await this.checkWrite(ctx, regionCode);
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

  /**
   * What importing a year's arrangement file would do: the file's days replace this region's own
   * corrections of that year (those it no longer lists are cleared); the rows to write, and every day
   * of the year whose working status or name would change, before and after.
   */
  async previewImport(ctx: Ctx, regionCode: string, year: number, file: ImportFile) {
    await this.checkWrite(ctx, regionCode);
    const { format, days } = await readArrangementFile(file.filename, file.bytes, year);
    const layers = await this.layersOf(regionCode);
    const versions = await this.calendars.versions(layers);
    const rows = await this.calendars.effective(layers.filter((l) => versions.has(l)));
    const inYear = (day: string) => day.startsWith(`${year}-`);
    const own = new Map(rows.filter((r) => r.region_code === regionCode && inYear(r.day)).map((r) => [r.day, r]));
    const listed = new Set(days.map((d) => d.date));
    const writes: { day: string; kind: DayChange['kind']; name: string | null }[] = [
      ...days.filter((d) => own.get(d.date)?.kind !== d.kind || (own.get(d.date)?.name ?? null) !== d.name).map((d) => ({ day: d.date, kind: d.kind, name: d.name })),
      ...[...own.values()].filter((o) => !listed.has(o.day)).map((o) => ({ day: o.day, kind: 'clear' as const, name: null })),
    ].sort((a, b) => a.day.localeCompare(b.day));
    const after = rows.filter((r) => r.region_code !== regionCode || !inYear(r.day)).concat(days.map((d) => importedRow(regionCode, d)));
    const [from, to] = [`${year}-01-01`, `${year}-12-31`];
    const beforeDays = buildCalendar(layers, rows).listDays(from, to);
    const afterDays = buildCalendar(layers, after).listDays(from, to);
    const changes = beforeDays.flatMap((b, i) => {
      const a = afterDays[i]!;
      return b.working === a.working && (b.name ?? null) === (a.name ?? null) ? [] : [{ date: b.date, before: { working: b.working, name: b.name ?? null }, after: { working: a.working, name: a.name ?? null } }];
    });
    return {
      year,
      format,
      days: days.length,
      holidays: days.filter((d) => d.kind === 'holiday').length,
      workdays: days.filter((d) => d.kind === 'workday').length,
      baseVersion: versions.get(regionCode) ?? 0,
      writes,
      changes,
    };
  }

  /**
   * Applies a year's arrangement file as one new version (audited). A file that changes nothing (the
   * same file again) writes no version and answers `applied: false`. With `baseVersion` (from the
   * preview), a calendar changed since then is a 409 and nothing is written.
   */
  async applyImport(ctx: Ctx, regionCode: string, year: number, file: ImportFile, baseVersion?: number) {
    const plan = await this.previewImport(ctx, regionCode, year, file);
    if (plan.writes.length === 0) return { applied: false, version: plan.baseVersion, days: 0, changes: 0 };
    if (baseVersion !== undefined && baseVersion !== plan.baseVersion) throw conflict(`the calendar changed since the preview (version ${plan.baseVersion}, not ${baseVersion}): preview again`, 'baseVersion');
    const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
    const version = await this.db.transaction().execute(async (trx) => {
      const v = await this.calendars.saveVersion(trx, regionCode, plan.writes, userId, plan.baseVersion);
      if (v === undefined) throw conflict('the calendar changed while importing: preview again', 'baseVersion');
      await this.audit.append(trx, {
        ...auditActor(ctx),
        action: 'calendar.import',
        targetType: 'calendar',
        targetId: regionCode,
        detail: { version: v, year, format: plan.format, filename: file.filename.slice(0, 200), days: plan.days, written: plan.writes.length, changedDays: plan.changes.length },
      });
      return v;
    });
    this.cache.delete(regionCode);
    return { applied: true, version, days: plan.writes.length, changes: plan.changes.length };
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

/** A year's arrangement file as uploaded. */
export interface ImportFile {
  filename: string;
  bytes: Buffer;
}

const importedRow = (regionCode: string, d: ArrangementDay): OverrideRow => ({ region_code: regionCode, day: d.date, kind: d.kind, name: d.name, version: 0 });

/** The calendar of these layers (nearest last) from their effective corrections. */
function buildCalendar(layers: string[], rows: OverrideRow[]): WorkingCalendar {
  const overrides: DayOverride[][] = layers.map((l) =>
    rows.filter((r) => r.region_code === l).map((r) => ({ date: r.day, kind: r.kind, ...(r.name ? { name: r.name } : {}) })),
  );
  return new WorkingCalendar({ overrides });
}
