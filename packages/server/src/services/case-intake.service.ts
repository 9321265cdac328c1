import {
  checkStageEvent,
  currentStage,
  maskApplicant,
  stageTimes,
  type ApplicantType,
  type CaseStage,
  type CaseType,
  type Channel,
  type StageEvent,
  type StageProblem,
  type WorkingCalendar,
} from '@hcp/domain';
import type { Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Case, CaseUpdate, DB, Organisation } from '../db/schema.ts';
import { AppError, OUT_OF_SCOPE, conflict, invalid, notFound, unknownReference } from '../errors.ts';
import { inChunks } from '../imports/importer.ts';
import type { AuditRepository, Executor } from '../repositories/audit.repository.ts';
import type { CaseRepository } from '../repositories/case.repository.ts';
import type { OrganisationRepository } from '../repositories/organisation.repository.ts';
import type { PiiCipher } from '../security/pii-cipher.ts';
import { auditActor, isInScope, requireInScope, requirePermission, type Ctx } from './actor.ts';
import type { CalendarService } from './calendar.service.ts';
import { requireIntegration } from './integration.service.ts';

/** One case as an approval system pushes it; see the route schema for the contract. */
export interface CasePushInput {
  caseNo: string;
  itemCode: string;
  unitCode: string;
  windowId?: number | null;
  staffId?: number | null;
  staffEmployeeNo?: string | null;
  channel: Channel;
  caseType?: CaseType;
  applicant: { type: ApplicantType; name: string; idNumber?: string | null; phone?: string | null };
  stages: { stage: CaseStage; at: string }[];
}

/**
 * One case as a writer gives it: the push API's body, or a row of an import file, which may also
 * name the unit's region and a window by its code (the API's schema has no such fields).
 */
export interface CaseIntakeInput extends CasePushInput {
  /** The region of the handling unit; by default the item's. */
  unitRegionCode?: string | null;
  /** A window by its organisation code in the unit's region, instead of windowId; null clears it. */
  windowCode?: string | null;
}

export interface StageInput {
  stage: CaseStage;
  at: string;
}

type Item = NonNullable<Awaited<ReturnType<CaseRepository['findCurrentItem']>>>;
type IndexedEvent = StageEvent & { index: number };

/**
 * A case whose references are resolved and whose stages agree with each other and with those
 * recorded; not yet written. Made by `prepareAll`, written by `apply`.
 */
export interface PreparedCase {
  input: CaseIntakeInput;
  item: Item;
  unit: Organisation;
  /** undefined: keep what the case has. */
  windowId: number | null | undefined;
  staffId: number | null | undefined;
  events: IndexedEvent[];
  calendar: WorkingCalendar;
}

export interface PushResult {
  id: number;
  caseNo: string;
  created: boolean;
  stage: string;
  stagesAdded: number;
  promisedDeadline: Date | null;
  changed: string[];
}

export type PrepareOutcome = { prepared: PreparedCase } | { error: AppError };

export type BatchEntry = { input: CasePushInput } | { caseNo: string | null; error: AppError };
export interface BatchItemError {
  index: number;
  caseNo: string | null;
  error: { code: string; field?: string; message: string };
}
export type BatchResult =
  | { applied: true; items: { index: number; caseNo: string; created: boolean }[] }
  | { applied: false; items: BatchItemError[] };

/** Thrown inside the batch transaction to roll it back once every item has been tried. */
class RollBack extends Error {}

type Staff = NonNullable<Awaited<ReturnType<CaseRepository['findStaff']>>>;

/** Per-request caches of the lookups a batch repeats, and the cases it names that already exist. */
interface Lookups {
  items: Map<string, Promise<Item | undefined>>;
  units: Map<string, Promise<Organisation | undefined>>;
  windows: Map<string, Promise<Organisation | undefined>>;
  staff: Map<string, Promise<Staff | undefined>>;
  calendars: Map<string, Promise<WorkingCalendar>>;
  existing: Map<string, { row: Case; stages: StageEvent[] }>;
}
const cached = <T>(m: Map<string, Promise<T>>, key: string, load: () => Promise<T>) => {
  if (!m.has(key)) m.set(key, load());
  return m.get(key)!;
};

/** The error a stage problem becomes, on the stage's `stage` or `at` field (given its path prefix). */
function stageError(problem: StageProblem, message: string, prefix: string): AppError {
  const field = `${prefix}${problem === 'after_terminal' ? 'stage' : 'at'}`;
  if (problem === 'conflict') return conflict(`${field}: ${message}`, field);
  return invalid(field, message);
}

/**
 * Who may write cases: an approval system through its API key, or staff importing a file, who
 * need 'case.import'. The first reach their key's units, the others their data scope.
 */
function requireCaseWriter(ctx: Ctx): void {
  if (ctx.actor.kind !== 'integration') requirePermission(ctx, 'case.import');
}

/** The 403 for a handling unit beyond the writer's reach, worded for who is asking. */
function unitOutOfReach(ctx: Ctx, unitCode: string): AppError {
  if (ctx.actor.kind === 'integration') return new AppError('OUT_OF_SCOPE', `unit ${unitCode} is not one of this API key's units`, 'unitCode');
  return new AppError('OUT_OF_SCOPE', `unitCode: unit ${unitCode} is ${OUT_OF_SCOPE}`, 'unitCode', [{ field: 'unitCode', reason: OUT_OF_SCOPE }]);
}

/** A writer may change only cases of units in its reach, both as they were and as they become. */
function requireCaseInReach(ctx: Ctx, row: Case): void {
  if (isInScope(ctx.actor, { regionCode: row.region_code, orgPath: row.org_path })) return;
  const where = ctx.actor.kind === 'integration' ? "that is not one of this API key's units" : OUT_OF_SCOPE;
  throw new AppError('OUT_OF_SCOPE', `case ${row.case_no} belongs to a unit ${where}`, 'caseNo');
}

/** The events not recorded yet; throws at the first that contradicts the record. */
function freshStages(recorded: readonly StageEvent[], events: readonly IndexedEvent[], now: Date): IndexedEvent[] {
  const fresh: IndexedEvent[] = [];
  for (const e of events) {
    const check = checkStageEvent(recorded, e, now);
    if (!check.ok) throw stageError(check.problem, check.message, `stages.${e.index}.`);
    if (!check.duplicate) fresh.push(e);
  }
  return fresh;
}

/**
 * Cases (办件) written by approval systems (业务办理系统) through their API key, or by staff from
 * a file: upserted by case number, stage events merged, personal data stored only encrypted with
 * a blind index and a masked form. `prepareAll` and `apply` are the core both paths share.
 */
export class CaseIntakeService {
  constructor(
    private readonly db: Database,
    private readonly cases: CaseRepository,
    private readonly orgs: OrganisationRepository,
    private readonly calendar: CalendarService,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async push(ctx: Ctx, input: CasePushInput): Promise<PushResult> {
    requireIntegration(ctx);
    const outcome = (await this.prepareAll(ctx, [input]))[0]!;
    if ('error' in outcome) throw outcome.error;
    const prepared = outcome.prepared;
    return this.db.transaction().execute(async (trx) => {
      const r = await this.apply(trx, ctx, prepared);
      if (r.created || r.changed.length || r.stagesAdded) {
        await this.audit.append(trx, { ...auditActor(ctx), action: 'case.push', targetType: 'case', targetId: r.id, detail: { caseNo: r.caseNo, created: r.created, stagesAdded: r.stagesAdded, changed: r.changed } });
      }
      return r;
    });
  }

  /** Up to 1000 cases, all or nothing: any item with an error rejects the batch and nothing is written. */
  async pushBatch(ctx: Ctx, entries: BatchEntry[]): Promise<BatchResult> {
    requireIntegration(ctx);
    const errors: BatchItemError[] = [];
    const fail = (index: number, caseNo: string | null, e: unknown) => {
      if (!(e instanceof AppError)) throw e;
      errors.push({ index, caseNo, error: { code: e.code, ...(e.field ? { field: e.field } : {}), message: e.message } });
    };
    const firstIndex = new Map<string, number>();
    const candidates: { index: number; input: CasePushInput }[] = [];
    for (const [index, entry] of entries.entries()) {
      if ('error' in entry) {
        fail(index, entry.caseNo, entry.error);
        continue;
      }
      const caseNo = entry.input.caseNo;
      const first = firstIndex.get(caseNo);
      if (first !== undefined) {
        fail(index, caseNo, invalid('caseNo', `appears twice in this batch (first at index ${first})`));
        continue;
      }
      firstIndex.set(caseNo, index);
      candidates.push({ index, input: entry.input });
    }
    const prepared: { index: number; p: PreparedCase }[] = [];
    const outcomes = await this.prepareAll(ctx, candidates.map((c) => c.input));
    outcomes.forEach((o, i) => {
      const { index, input } = candidates[i]!;
      if ('error' in o) fail(index, input.caseNo, o.error);
      else prepared.push({ index, p: o.prepared });
    });
    // Rows are locked in case-number order, so two batches sharing cases cannot deadlock.
    prepared.sort((a, b) => (a.p.input.caseNo < b.p.input.caseNo ? -1 : a.p.input.caseNo > b.p.input.caseNo ? 1 : 0));
    const results: { index: number; caseNo: string; created: boolean }[] = [];
    try {
      await this.db.transaction().execute(async (trx) => {
        // Every item is tried even after a failure, so the answer lists all of them; then roll back.
        for (const { index, p } of prepared) {
          try {
            const r = await this.apply(trx, ctx, p);
            results.push({ index, caseNo: r.caseNo, created: r.created });
          } catch (e) {
            fail(index, p.input.caseNo, e);
          }
        }
        if (errors.length) throw new RollBack();
        const created = results.filter((r) => r.created).length;
        await this.audit.append(trx, { ...auditActor(ctx), action: 'case.batch', targetType: 'case', detail: { count: results.length, created, updated: results.length - created, caseNos: results.map((r) => r.caseNo) } });
      });
    } catch (e) {
      if (!(e instanceof RollBack)) throw e;
    }
    if (errors.length) return { applied: false, items: errors.sort((a, b) => a.index - b.index) };
    return { applied: true, items: results.sort((a, b) => a.index - b.index) };
  }

  /** Adds one stage event; the same stage at the same time again changes nothing. */
  async addStage(ctx: Ctx, caseNo: string, input: StageInput): Promise<{ caseNo: string; stage: string; added: boolean; promisedDeadline: Date | null }> {
    requireIntegration(ctx);
    const existing = await this.cases.findByCaseNo(caseNo);
    if (!existing) throw notFound('case', 'caseNo');
    requireInScope(ctx, { regionCode: existing.region_code, orgPath: existing.org_path }, 'case');
    const item = await this.cases.findItemVersion(existing.item_id);
    if (!item) throw notFound('service item of the case');
    const calendar = await this.calendar.forRegion(existing.region_code);
    const event: StageEvent = { stage: input.stage, at: new Date(input.at) };
    const future = checkStageEvent([], event, this.now());
    if (!future.ok) throw stageError(future.problem, future.message, '');
    return this.db.transaction().execute(async (trx) => {
      const row = (await this.cases.lockByCaseNo(trx, caseNo))!;
      const recorded = await this.recordedStages(trx, row.id);
      const check = checkStageEvent(recorded, event, this.now());
      if (!check.ok) throw stageError(check.problem, check.message, '');
      if (check.duplicate) return { caseNo, stage: row.stage, added: false, promisedDeadline: row.promised_deadline };
      await this.cases.addStages(trx, row.id, [event]);
      const derived = this.derive([...recorded, event], item.promised_days, calendar);
      await this.cases.update(trx, row.id, derived);
      await this.audit.append(trx, { ...auditActor(ctx), action: 'case.stage', targetType: 'case', targetId: row.id, detail: { caseNo, stage: event.stage } });
      return { caseNo, stage: derived.stage, added: true, promisedDeadline: derived.promised_deadline };
    });
  }

  /**
   * Checks cases and reads only, so every one of them can be checked before any is written:
   * references resolved, stages checked against each other and against those recorded, the unit
   * and any existing case within the writer's reach. One outcome per input, in order; case
   * numbers must be distinct.
   */
  async prepareAll(ctx: Ctx, inputs: readonly CaseIntakeInput[]): Promise<PrepareOutcome[]> {
    requireCaseWriter(ctx);
    const lookups = await this.lookups(inputs.map((i) => i.caseNo));
    const out: PrepareOutcome[] = [];
    for (const input of inputs) {
      try {
        out.push({ prepared: await this.prepare(ctx, input, lookups) });
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        out.push({ error: e });
      }
    }
    return out;
  }

  /** Empty caches, and the cases already recorded under these numbers with their stages, in a few queries. */
  private async lookups(caseNos: string[]): Promise<Lookups> {
    const rows = await inChunks([...new Set(caseNos)], (slice) => this.cases.findByCaseNos(slice));
    const stages = await inChunks(rows.map((r) => r.id), (slice) => this.cases.stagesOf(slice));
    const existing = new Map(rows.map((row) => [row.case_no, { row, stages: [] as StageEvent[] }]));
    const byId = new Map(rows.map((r) => [r.id, existing.get(r.case_no)!]));
    for (const s of stages) byId.get(s.case_id)!.stages.push({ stage: s.stage as CaseStage, at: s.occurred_at });
    return { items: new Map(), units: new Map(), windows: new Map(), staff: new Map(), calendars: new Map(), existing };
  }

  /** One case of `prepareAll`; throws its first problem. */
  private async prepare(ctx: Ctx, input: CaseIntakeInput, lookups: Lookups): Promise<PreparedCase> {
    if (input.stages.length === 0) throw invalid('stages', 'give at least one stage');
    const now = this.now();
    const events: IndexedEvent[] = [];
    input.stages.forEach((s, index) => {
      const event = { stage: s.stage, at: new Date(s.at), index };
      const check = checkStageEvent(events, event, now);
      if (!check.ok) throw stageError(check.problem, check.message, `stages.${index}.`);
      if (!check.duplicate) events.push(event);
    });
    if (!input.applicant.name.trim()) throw invalid('applicant.name', 'must not be empty');

    const item = await cached(lookups.items, input.itemCode, () => this.cases.findCurrentItem(input.itemCode));
    if (!item) throw unknownReference('itemCode', `no current service item ${input.itemCode}`);
    const unitRegion = input.unitRegionCode ?? item.region_code;
    const unit = await cached(lookups.units, `${unitRegion}/${input.unitCode}`, () => this.orgs.findByCode(unitRegion, 'unit', input.unitCode));
    if (!unit || !unit.active) throw unknownReference('unitCode', `no active unit with code ${input.unitCode} in region ${unitRegion}`);
    if (!isInScope(ctx.actor, { regionCode: unit.region_code, orgPath: unit.path })) throw unitOutOfReach(ctx, input.unitCode);

    let windowId: number | null | undefined = input.windowId === undefined ? undefined : input.windowId || null;
    if (input.windowId && input.windowCode) throw invalid('windowId', 'give windowId or windowCode, not both');
    if (input.windowId) {
      const window = await this.orgs.find(input.windowId);
      if (!window || window.kind !== 'window') throw unknownReference('windowId', `no window ${input.windowId}`);
    } else if (input.windowCode) {
      const code = input.windowCode;
      const window = await cached(lookups.windows, `${unit.region_code}/${code}`, () => this.orgs.findByCode(unit.region_code, 'window', code));
      if (!window) throw unknownReference('windowCode', `no window with code ${code} in region ${unit.region_code}`);
      windowId = window.id;
    } else if (input.windowCode === null) {
      windowId = null;
    }
    let staffId: number | null | undefined;
    if (input.staffId && input.staffEmployeeNo) throw invalid('staffId', 'give staffId or staffEmployeeNo, not both');
    if (input.staffId) {
      const id = input.staffId;
      const staff = await cached(lookups.staff, `id/${id}`, () => this.cases.findStaff({ id }));
      if (!staff || staff.org_id !== unit.id) throw unknownReference('staffId', `no staff ${input.staffId} in unit ${input.unitCode}`);
      staffId = staff.id;
    } else if (input.staffEmployeeNo) {
      const employeeNo = input.staffEmployeeNo;
      const staff = await cached(lookups.staff, `${unit.id}/${employeeNo}`, () => this.cases.findStaff({ orgId: unit.id, employeeNo }));
      if (!staff) throw unknownReference('staffEmployeeNo', `no staff ${input.staffEmployeeNo} in unit ${input.unitCode}`);
      staffId = staff.id;
    } else if (input.staffId === null || input.staffEmployeeNo === null) {
      staffId = null;
    }
    const calendar = await cached(lookups.calendars, unit.region_code, () => this.calendar.forRegion(unit.region_code));

    // Checked again under the row lock in `apply`; here so a batch or a file reports every case at once.
    const existing = lookups.existing.get(input.caseNo);
    if (existing) {
      requireCaseInReach(ctx, existing.row);
      freshStages(existing.stages, events, now);
    }
    return { input, item, unit, windowId, staffId, events, calendar };
  }

  /**
   * Inserts or updates a prepared case and its stages inside the caller's transaction. A case
   * number already recorded is locked, then checked again: another writer may have come first.
   */
  async apply(trx: Executor, ctx: Ctx, p: PreparedCase): Promise<PushResult> {
    const { input, item, unit } = p;
    const base = {
      item_id: item.id,
      item_code: item.item_code,
      unit_id: unit.id,
      org_path: unit.path,
      region_code: unit.region_code,
      channel: input.channel,
      ...(p.windowId !== undefined ? { window_id: p.windowId } : {}),
      ...(p.staffId !== undefined ? { staff_id: p.staffId } : {}),
      ...(input.caseType !== undefined ? { case_type: input.caseType } : {}),
    };
    const pii = this.applicantColumns(input.applicant);
    const derived = this.derive(p.events, item.promised_days, p.calendar);
    const id = await this.cases.insertIfAbsent(trx, { case_no: input.caseNo, ...base, ...pii, ...derived, integration_id: ctx.actor.kind === 'integration' ? ctx.actor.integrationId : null });
    if (id !== undefined) {
      await this.cases.addStages(trx, id, p.events);
      return { id, caseNo: input.caseNo, created: true, stage: derived.stage, stagesAdded: p.events.length, promisedDeadline: derived.promised_deadline, changed: [] };
    }

    const row = (await this.cases.lockByCaseNo(trx, input.caseNo))!;
    requireCaseInReach(ctx, row);
    const recorded = await this.recordedStages(trx, row.id);
    const fresh = freshStages(recorded, p.events, this.now());
    await this.cases.addStages(trx, row.id, fresh);
    const patch: CaseUpdate = {};
    const changed: string[] = [];
    const set = <K extends keyof CaseUpdate>(name: string, key: K, value: CaseUpdate[K], same: boolean) => {
      if (same) return;
      patch[key] = value;
      if (name) changed.push(name);
    };
    const eqTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
    set('itemCode', 'item_id', base.item_id, row.item_id === base.item_id);
    if (patch.item_id !== undefined) patch.item_code = base.item_code;
    set('unitCode', 'unit_id', base.unit_id, row.unit_id === base.unit_id);
    if (patch.unit_id !== undefined) Object.assign(patch, { org_path: base.org_path, region_code: base.region_code });
    set('channel', 'channel', base.channel, row.channel === base.channel);
    if (base.window_id !== undefined) set('windowId', 'window_id', base.window_id, row.window_id === base.window_id);
    if (base.staff_id !== undefined) set('staff', 'staff_id', base.staff_id, row.staff_id === base.staff_id);
    if (base.case_type !== undefined) set('caseType', 'case_type', base.case_type, row.case_type === base.case_type);
    for (const name of this.changedApplicant(row, input.applicant)) {
      changed.push(`applicant.${name}`);
      const cols = name === 'type' ? ['applicant_type'] : name === 'name' ? ['applicant_name_enc', 'applicant_name_masked'] : name === 'idNumber' ? ['applicant_id_enc', 'applicant_id_bidx', 'applicant_id_masked'] : ['applicant_phone_enc', 'applicant_phone_bidx', 'applicant_phone_masked'];
      for (const col of cols) (patch as Record<string, unknown>)[col] = (pii as Record<string, unknown>)[col];
    }
    // A type change alters how the name is masked.
    if (changed.includes('applicant.type')) Object.assign(patch, { applicant_name_enc: pii.applicant_name_enc, applicant_name_masked: pii.applicant_name_masked });
    const progress = this.derive([...recorded, ...fresh], item.promised_days, p.calendar);
    set('', 'stage', progress.stage, row.stage === progress.stage && eqTime(row.stage_at, progress.stage_at));
    if (patch.stage !== undefined) patch.stage_at = progress.stage_at;
    set('', 'accepted_at', progress.accepted_at, eqTime(row.accepted_at, progress.accepted_at));
    set('', 'completed_at', progress.completed_at, eqTime(row.completed_at, progress.completed_at));
    set('', 'promised_deadline', progress.promised_deadline, eqTime(row.promised_deadline, progress.promised_deadline));
    if (Object.keys(patch).length) await this.cases.update(trx, row.id, patch);
    return { id: row.id, caseNo: input.caseNo, created: false, stage: progress.stage, stagesAdded: fresh.length, promisedDeadline: progress.promised_deadline, changed };
  }

  /** One audit entry for the cases a staff member imported from a file: which were created, which changed. */
  async recordImport(trx: Transaction<DB>, ctx: Ctx, results: readonly PushResult[]): Promise<void> {
    const created = results.filter((r) => r.created).map((r) => r.caseNo);
    const updated = results.filter((r) => !r.created && (r.changed.length > 0 || r.stagesAdded > 0)).map((r) => r.caseNo);
    if (created.length + updated.length === 0) return;
    await this.audit.append(trx, { ...auditActor(ctx), action: 'case.import', targetType: 'case', detail: { count: results.length, created, updated } });
  }

  private async recordedStages(trx: Executor, caseId: number): Promise<StageEvent[]> {
    return (await this.cases.stages(caseId, trx)).map((s) => ({ stage: s.stage as CaseStage, at: s.occurred_at }));
  }

  /** The columns a case's stage events decide: where it stands, and its promised deadline (承诺时限). */
  private derive(events: StageEvent[], promisedDays: number, calendar: WorkingCalendar) {
    const current = currentStage(events)!;
    const { acceptedAt, completedAt } = stageTimes(events);
    return {
      stage: current.stage,
      stage_at: current.at,
      accepted_at: acceptedAt,
      completed_at: completedAt,
      promised_deadline: acceptedAt && promisedDays > 0 ? calendar.addWorkingDays(acceptedAt, promisedDays) : null,
    };
  }

  /** Encrypted values, blind indexes and masked forms; the plain values go no further than here. */
  private applicantColumns(a: CasePushInput['applicant']) {
    const masked = maskApplicant(a);
    const name = a.name.trim();
    const id = a.idNumber?.trim() || null;
    const phone = a.phone?.trim() || null;
    return {
      applicant_type: a.type,
      applicant_name_enc: this.cipher.encrypt(name),
      applicant_name_masked: masked.name,
      applicant_id_enc: id ? this.cipher.encrypt(id) : null,
      applicant_id_bidx: id ? this.cipher.blindIndex('id', id) : null,
      applicant_id_masked: masked.idNumber,
      applicant_phone_enc: phone ? this.cipher.encrypt(phone) : null,
      applicant_phone_bidx: phone ? this.cipher.blindIndex('phone', phone) : null,
      applicant_phone_masked: masked.phone,
    };
  }

  /** Which applicant fields a re-push changes; an omitted certificate number or phone is kept. */
  private changedApplicant(row: Case, a: CasePushInput['applicant']): string[] {
    const out: string[] = [];
    if (row.applicant_type !== a.type) out.push('type');
    const oldName = row.applicant_name_enc ? this.cipher.decrypt(row.applicant_name_enc) : null;
    if (oldName !== a.name.trim()) out.push('name');
    const bidx = (kind: 'id' | 'phone', v: string | null | undefined) => (v?.trim() ? this.cipher.blindIndex(kind, v) : null);
    if (a.idNumber !== undefined && bidx('id', a.idNumber) !== row.applicant_id_bidx) out.push('idNumber');
    if (a.phone !== undefined && bidx('phone', a.phone) !== row.applicant_phone_bidx) out.push('phone');
    return out;
  }
}
