import {
  addDays,
  shanghaiDateOf,
  startOfShanghaiDay,
  type EvaluationChannel,
  type ExclusionKind,
  type RequestKind,
  type WorkingCalendar,
  type WorkOrderAction,
  type WorkOrderDecision,
} from '@hcp/domain';
import type { Container } from '../container.ts';
import type { Ctx } from '../services/actor.ts';
import { ASSIGN_TEXTS, SATISFIED_TEXTS, themeByKey, themeOfTags, type ComplaintTheme } from './demo-loop-texts.ts';
import type { Random } from './random.ts';

/**
 * The demo county's closed loop (差评整改, DOMAIN.md §4–5) written as its history: every work order
 * that a bad rating opened is taken through the real services step by step, each step at its own
 * instant on the seed's clock, by the account whose job it is (the unit, the 12345 operator, the
 * management office). Orders opened long ago are closed; recent ones are where a real county's would
 * be. A fixed set of scenarios adds what random history would rarely show: every decision, review
 * rounds, extensions, appeals upheld and rejected, 无法整改, a reassignment, a mistaken rating, and
 * a few orders left overdue for the clock job to flag.
 */

const MIN = 60_000;

/** The seed's clock: every service of the seeding container reads it; the seed moves it step by step. */
export class SeedClock {
  private at: Date;
  constructor(readonly end: Date) {
    this.at = end;
  }
  readonly now = (): Date => this.at;
  set(at: Date): void {
    if (at.getTime() > this.end.getTime()) throw new Error(`the demo clock cannot pass ${this.end.toISOString()}`);
    this.at = at;
  }
  reset(): void {
    this.at = this.end;
  }
}

/** Instants in office hours on the county's working days. */
export class OfficeTime {
  constructor(
    private readonly calendar: WorkingCalendar,
    private readonly r: Random,
    private readonly today: string,
  ) {}

  private static at(day: string, minutes: number): Date {
    return new Date(startOfShanghaiDay(day).getTime() + minutes * MIN);
  }

  private nextWorkingDay(day: string): string {
    let d = addDays(day, 1);
    while (!this.calendar.isWorkingDay(d)) d = addDays(d, 1);
    return d;
  }

  /** The `n`-th working day before today (n ≥ 1) at hh:mm: always in the past. */
  day(n: number, hh: number, mm = 0): Date {
    let d = this.today;
    for (let k = 0; k < n; ) {
      d = addDays(d, -1);
      if (this.calendar.isWorkingDay(d)) k++;
    }
    return OfficeTime.at(d, hh * 60 + mm);
  }

  /** `minutes` after `t`, or the next working morning when that falls outside 8:30–17:30 of a working day. */
  later(t: Date, minutes: number): Date {
    const x = new Date(t.getTime() + minutes * MIN);
    const day = shanghaiDateOf(x);
    const m = (x.getTime() - startOfShanghaiDay(day).getTime()) / MIN;
    if (this.calendar.isWorkingDay(day) && m >= 8.5 * 60 && m <= 17.5 * 60) return x;
    const d = this.calendar.isWorkingDay(day) && m < 8.5 * 60 ? day : this.nextWorkingDay(day);
    return OfficeTime.at(d, 9 * 60 + this.r.int(0, 60));
  }

  /** Some time between 9:30 and 16:30 of the `n`-th working day after `t`'s day. */
  workingDaysLater(t: Date, n: number): Date {
    let d = shanghaiDateOf(t);
    for (let k = 0; k < n; k++) d = this.nextWorkingDay(d);
    return OfficeTime.at(d, 9.5 * 60 + this.r.int(0, 7 * 60));
  }
}

/** Who acts in the demo: the seed's accounts, and the system for units without an account of their own. */
export interface LoopActors {
  office: Ctx;
  operator: Ctx;
  clerk: Ctx;
  unitAdmin: Ctx;
  system: Ctx;
  /** The unit demo.unitadmin administers; other units' steps are taken as the system. */
  marketUnitId: number;
}

export interface LoopDeps {
  c: Container;
  clock: SeedClock;
  actors: LoopActors;
  time: OfficeTime;
  r: Random;
  unitIds: Map<string, number>;
}

interface Step {
  at: Date;
  run: () => Promise<unknown>;
}

/** The steps of one order, each at its instant, played in order until the seed's end. */
export class OrderPlayer {
  private readonly steps: Step[] = [];
  private readonly requests = new Map<RequestKind, number>();

  constructor(
    private readonly d: LoopDeps,
    readonly orderId: number,
    private unitId: number,
  ) {}

  private unitCtx(): Ctx {
    return this.unitId === this.d.actors.marketUnitId ? this.d.actors.unitAdmin : this.d.actors.system;
  }

  private push(at: Date, run: () => Promise<unknown>): void {
    const last = this.steps[this.steps.length - 1];
    if (last && at.getTime() <= last.at.getTime()) throw new Error(`demo script of work order ${this.orderId} goes back in time at ${at.toISOString()}`);
    this.steps.push({ at, run });
  }

  /** A step of the unit (assign … feedback). */
  act(at: Date, action: Exclude<WorkOrderAction, 'revisit_satisfied' | 'revisit_unsatisfied'>, text?: string): this {
    this.push(at, () => this.d.c.services.workOrders.act(this.unitCtx(), this.orderId, action, text ? { text } : {}));
    return this;
  }

  /** The 12345 operator's revisit (回访): satisfied with the evaluator's new rating, or not with their reason. */
  revisit(at: Date, answer: { satisfied: true; level: number; text?: string; mistaken?: boolean } | { satisfied: false; text: string }): this {
    const { satisfied, ...input } = answer;
    this.push(at, () => this.d.c.services.workOrders.act(this.d.actors.operator, this.orderId, satisfied ? 'revisit_satisfied' : 'revisit_unsatisfied', input));
    return this;
  }

  /** A request (延期, 复核申诉, 无法整改), filed by the unit or, for an appeal, by the clerk rated. */
  file(at: Date, kind: RequestKind, reason: string, opts: { days?: number; byClerk?: boolean } = {}): this {
    this.push(at, async () => {
      const by = opts.byClerk ? this.d.actors.clerk : this.unitCtx();
      const { request } = await this.d.c.services.workOrderRequests.file(by, this.orderId, kind, { reason, ...(opts.days ? { days: opts.days } : {}) });
      this.requests.set(kind, request.id);
    });
    return this;
  }

  /** The management office's decision on the request of that kind filed earlier in this script. */
  decide(at: Date, kind: RequestKind, outcome: 'approved' | 'rejected', reason: string, excludedAs?: ExclusionKind): this {
    this.push(at, () => {
      const id = this.requests.get(kind);
      if (id === undefined) throw new Error(`demo script of work order ${this.orderId} decides a ${kind} request it never filed`);
      return this.d.c.services.workOrderRequests.decide(this.d.actors.office, id, { outcome, reason, ...(excludedAs ? { excludedAs } : {}) });
    });
    return this;
  }

  /** Reassignment (转办) by the management office; the new unit takes the later steps. */
  reassign(at: Date, toUnitId: number, reason: string): this {
    this.push(at, async () => {
      await this.d.c.services.workOrderRequests.reassign(this.d.actors.office, this.orderId, { toUnitId, reason });
      this.unitId = toUnitId;
    });
    return this;
  }

  /** The public reply (公开答复) of the closed order. */
  reply(at: Date, text: string): this {
    this.push(at, () => this.d.c.services.workOrders.setPublicReply(this.unitCtx(), this.orderId, text));
    return this;
  }

  /** Runs the steps whose instant has come by the seed's end; returns how many ran. */
  async play(): Promise<number> {
    let ran = 0;
    for (const s of this.steps) {
      if (s.at.getTime() >= this.d.clock.end.getTime()) break;
      this.d.clock.set(s.at);
      await s.run();
      ran++;
    }
    return ran;
  }
}

const DECISIONS: readonly [WorkOrderDecision, number][] = [['fix_now', 0.5], ['fix_by_deadline', 0.3], ['explain', 0.2]];
const REVISIT_LEVELS: readonly [number, number][] = [[5, 0.45], [4, 0.45], [3, 0.1]];

function weighted<T>(r: Random, mix: readonly (readonly [T, number])[]): T {
  let x = r.next();
  for (const [v, p] of mix) if ((x -= p) < 0) return v;
  return mix[mix.length - 1]![0];
}

/**
 * The life of an order opened by a random bad rating: assigned within hours, verified, decided,
 * rectified within the policy's days, feedback, then the 12345 revisit a working day or two later —
 * mostly satisfied; otherwise one review round (复核), after which it closes either way. Some closed
 * orders get a public reply. The script runs until the seed's end, so recent orders stay open.
 */
export function naturalLife(p: OrderPlayer, d: LoopDeps, opened: Date, tags: readonly string[], maxReviews: number): void {
  const { r, time } = d;
  const theme = themeOfTags(tags);
  let t = time.later(opened, r.int(20, 180));
  p.act(t, 'assign', r.pick(ASSIGN_TEXTS));
  t = time.later(t, r.int(30, 240));
  p.act(t, 'verify', theme.verify);
  for (let round = 1; ; round++) {
    if (round > 1) {
      t = time.later(t, r.int(60, 240));
      p.act(t, 'verify', `复核：${theme.verify}`);
    }
    const decision = weighted(r, DECISIONS);
    t = time.later(t, r.int(20, 300));
    p.act(t, `decide_${decision}`, theme.decide[decision]);
    if (decision !== 'explain') {
      t = decision === 'fix_now' ? time.later(t, r.int(30, 240)) : time.workingDaysLater(t, r.int(1, 2));
      p.act(t, 'rectify', theme.rectify);
    }
    t = time.later(t, r.int(30, 180));
    p.act(t, 'feedback', decision === 'explain' ? theme.feedback.explained : theme.feedback.fixed);
    t = time.workingDaysLater(t, r.int(1, 2));
    const satisfied = r.chance(round === 1 ? 0.85 : 0.6);
    if (satisfied) p.revisit(t, { satisfied: true, level: weighted(r, REVISIT_LEVELS), text: r.pick(SATISFIED_TEXTS) });
    else p.revisit(t, { satisfied: false, text: theme.revisitUnsatisfied });
    if (satisfied || round > maxReviews) {
      if (r.chance(0.4)) p.reply(time.later(t, r.int(60, 600)), decision === 'explain' ? theme.publicReply.explained : theme.publicReply.fixed);
      return;
    }
  }
}

/** A scripted order: its case (unit, item, staff) and bad rating, and what happens to it afterwards. */
export interface LoopScenario {
  key: string;
  unit: string;
  /** The item's name starts with this; a random item of the unit otherwise. */
  item?: string;
  /** The case was handled by the clerk who has the demo.clerk account (市场监管局's first staff member). */
  byClerk?: boolean;
  online?: boolean;
  rating: { day: number; at: readonly [number, number]; level: 1 | 2; theme: string; tags: readonly string[]; text?: string; channel: EvaluationChannel };
  script?: (p: OrderPlayer, t: OfficeTime['day'], theme: ComplaintTheme, unitIds: Map<string, number>) => void;
}

/**
 * The scripted orders, days counted in working days before today. With the national policy: first
 * contact within 1 working day, rectification within 5, feedback 1 after it, an appeal within 2 and
 * decided within 5, at most 2 days of extension, one review round.
 */
export const LOOP_SCENARIOS: readonly LoopScenario[] = [
  // 市场监管局 — the unit demo.unitadmin and demo.clerk work in.
  {
    key: 'extension-approved',
    unit: 'SCJGJ',
    item: '食品经营许可',
    rating: { day: 16, at: [10, 40], level: 2, theme: 'slow', tags: ['201'], text: '办食品经营许可前后跑了三次，现场核查一拖再拖', channel: 'sms' },
    script: (p, t) =>
      p
        .act(t(16, 15, 0), 'assign', '已指派食品经营许可审查员核实办理。')
        .act(t(15, 10, 30), 'verify', '已联系办事人并调取核查记录：现场核查因审查员排期冲突两次改期，情况属实。')
        .act(t(15, 11, 0), 'decide_fix_by_deadline', '需建立现场核查网上预约、限时上门制度，限期整改。')
        .file(t(12, 16, 0), 'extension', '网上预约功能需自治区市场监管厅开通系统权限，已发函申请，需增加2个工作日。', { days: 2 })
        .decide(t(11, 9, 30), 'extension', 'approved', '同意延期2个工作日，请按期完成整改并向办事人反馈。')
        .act(t(9, 15, 0), 'rectify', '现场核查已实行网上预约、限时上门，承诺3个工作日内完成核查，预约方式已在宁夏政务服务网公布。')
        .act(t(9, 16, 0), 'feedback', '您好！您反映的现场核查多次改期问题属实。我们已实行网上预约、限时上门，3个工作日内完成核查。给您带来不便，深表歉意。')
        .revisit(t(8, 10, 0), { satisfied: true, level: 5, text: '回访时办事人表示核查已按约定时间完成，对整改满意。' })
        .reply(t(8, 14, 0), '经核实，食品经营许可现场核查因人员排期冲突多次改期。我局已实行现场核查网上预约、限时上门，承诺3个工作日内完成核查。'),
  },
  {
    key: 'extension-pending',
    unit: 'SCJGJ',
    item: '个体工商户登记',
    // Its rectification is due today (a warning), with the extension still waiting for the office.
    rating: { day: 5, at: [10, 30], level: 2, theme: 'materials', tags: ['203'], text: '个体户变更经营范围，需要的材料说了两次才说全', channel: 'sms' },
    script: (p, t, th) =>
      p
        .act(t(5, 14, 0), 'assign', '已指派登记注册窗口负责人核实办理。')
        .act(t(4, 10, 0), 'verify', th.verify)
        .act(t(4, 11, 0), 'decide_fix_by_deadline', '需修订个体工商户变更登记一次性告知单并在网上同步更新，限期整改。')
        .file(t(1, 16, 30), 'extension', '告知单需经审批服务管理局审核后统一公布，审核排期在下周，申请延期2个工作日。', { days: 2 }),
  },
  {
    key: 'appeal-upheld',
    unit: 'SCJGJ',
    item: '企业设立登记',
    byClerk: true,
    rating: { day: 9, at: [16, 10], level: 1, theme: 'attitude', tags: ['104'], text: '办个执照还要请吃饭，不然就拖着不办', channel: 'qr_code' },
    script: (p, t) =>
      p
        .act(t(9, 16, 50), 'assign', '已指派登记注册窗口负责人核实。')
        .file(t(8, 9, 40), 'appeal', '本人从未提出任何不当要求。该申请因经营场所证明与实际不符被依法退回补正，申请人当场表示要给差评。窗口同步录音录像可以证明。', { byClerk: true })
        .act(t(8, 11, 0), 'verify', '已调取窗口同步录音录像，配合管理办公室核实。')
        .decide(t(5, 15, 30), 'appeal', 'approved', '调取窗口同步录音录像并询问在场人员，未发现工作人员索要财物或刁难行为；该差评系申请人因材料不实未获受理而作出，认定为恶意差评，不计入统计。', 'malicious'),
  },
  {
    key: 'appeal-rejected',
    unit: 'SCJGJ',
    rating: { day: 22, at: [11, 20], level: 2, theme: 'attitude', tags: ['204'], text: '窗口人员态度不好，问了几句就不耐烦', channel: 'sms' },
    script: (p, t, th) =>
      p
        .act(t(22, 15, 0), 'assign', '已指派窗口负责人跟进处理。')
        .file(t(21, 10, 0), 'appeal', '经初步查看录像，工作人员语气正常，系申请人对补正要求有意见，申请复核。')
        .act(t(21, 16, 0), 'verify', '已联系办事人了解情况，并调阅窗口录音录像。')
        .decide(t(19, 10, 0), 'appeal', 'rejected', '经调阅录音录像，工作人员答复时语气生硬、未使用规范用语，差评反映的问题属实，申诉不予支持。')
        .act(t(19, 11, 0), 'decide_fix_now', th.decide.fix_now)
        .act(t(19, 16, 0), 'rectify', th.rectify)
        .act(t(18, 10, 0), 'feedback', th.feedback.fixed)
        .revisit(t(16, 10, 30), { satisfied: true, level: 4, text: '回访时办事人表示已接到当事人道歉电话，认可处理结果。' })
        .reply(t(16, 15, 0), th.publicReply.fixed),
  },
  {
    key: 'unrectifiable',
    unit: 'SCJGJ',
    item: '企业变更登记',
    online: true,
    rating: { day: 14, at: [10, 50], level: 2, theme: 'system', tags: ['205'], text: '网上办的营业执照，电子执照在手机上一直显示不出来', channel: 'mobile' },
    script: (p, t) =>
      p
        .act(t(14, 14, 30), 'assign', '已指派信息化专员核实。')
        .act(t(13, 10, 0), 'verify', '已联系办事人并请技术人员核查：电子营业执照由全国统一的电子营业执照系统签发，该问题系小程序与办事人手机系统版本不兼容所致。')
        .act(t(13, 11, 0), 'decide_fix_by_deadline', '报上级部门协调解决，限期整改。')
        .file(t(11, 15, 0), 'unrectifiable', '电子营业执照系统由国家市场监管总局统一建设运维，县级无修改权限；已向自治区市场监管厅报送问题，并告知办事人可领取纸质执照或通过电脑端下载使用。')
        .decide(t(10, 10, 0), 'unrectifiable', 'approved', '同意按无法整改办结，请做好向办事人的解释工作，并跟踪上级系统修复情况。')
        .reply(t(10, 15, 0), '经核实，电子营业执照显示问题系全国统一系统与部分手机版本不兼容所致，县级无修改权限，已报上级部门协调修复；群众可领取纸质执照或通过电脑端下载使用。'),
  },
  {
    key: 'reassigned',
    unit: 'SCJGJ',
    rating: { day: 3, at: [10, 15], level: 2, theme: 'runaround', tags: ['202'], text: '办完营业执照去税务登记，又让回市场监管局开证明', channel: 'sms' },
    script: (p, t, _th, units) =>
      p
        .reassign(t(3, 15, 0), units.get('SWU')!, '经核实，办事人反映的问题发生在税务登记环节，转国家税务总局灵武市税务局办理。')
        .act(t(2, 10, 0), 'assign', '已指派纳税服务股负责人核实办理。'),
  },
  {
    key: 'appeal-pending',
    unit: 'SCJGJ',
    rating: { day: 2, at: [11, 0], level: 1, theme: 'attitude', tags: ['102'], channel: 'device' },
    script: (p, t) =>
      p
        .act(t(2, 15, 0), 'assign', '已指派窗口负责人跟进处理。')
        .file(t(1, 10, 30), 'appeal', '当日该窗口工作人员因申请人插队进行劝阻，并无态度恶劣情形，已调取录像，申请复核。')
        .act(t(1, 11, 0), 'verify', '已调阅窗口录音录像，正在联系办事人核实。'),
  },
  // Other units: their steps are taken as the system (they have no demo account).
  {
    key: 'closed-unresolved',
    unit: 'ZRZYJ',
    item: '不动产权证书补证',
    rating: { day: 30, at: [10, 30], level: 1, theme: 'runaround', tags: ['101'], text: '办不动产证补证，登记中心和档案室互相推，跑了三趟', channel: 'sms' },
    script: (p, t, th) =>
      p
        .act(t(30, 14, 0), 'assign', '已指派不动产登记中心负责人核实办理。')
        .act(t(29, 10, 0), 'verify', th.verify)
        .act(t(29, 11, 0), 'decide_fix_now', th.decide.fix_now)
        .act(t(29, 16, 0), 'rectify', th.rectify)
        .act(t(28, 10, 0), 'feedback', th.feedback.fixed)
        .revisit(t(26, 15, 0), { satisfied: false, text: '办事人表示补证至今未办成，仍在登记中心和档案室之间协调，不满意。' })
        .act(t(25, 10, 0), 'verify', '复核：再次联系办事人，补证需调取原始权籍资料，须协调档案馆。')
        .act(t(25, 11, 0), 'decide_fix_by_deadline', '协调调取原始权籍资料后为办事人补证，限期整改。')
        .act(t(22, 16, 0), 'rectify', '已协调调取原始权籍资料，建立登记中心与档案室调档直通机制，补证申请已受理。')
        .act(t(22, 17, 0), 'feedback', '您好！您的补证申请已受理，原始资料已调取到位，预计3个工作日内发证。我们已建立调档直通机制，避免群众来回跑。')
        .revisit(t(20, 10, 0), { satisfied: false, text: '办事人表示前后耗时一个多月，对整改过程仍不满意。' })
        .reply(t(19, 15, 0), '经核实，不动产补证涉及原始权籍资料调取，部门衔接不畅导致群众多次往返。我局已建立登记中心与档案室调档直通机制，当事补证已受理。回访中办事群众对办理过程仍不满意，我局将持续改进。'),
  },
  {
    key: 'resolved-after-review',
    unit: 'RSJ',
    item: '失业保险金申领',
    online: true,
    rating: { day: 27, at: [9, 40], level: 2, theme: 'slow', tags: ['201'], text: '失业金申请提交一周了还没审核', channel: 'pc' },
    script: (p, t, th) =>
      p
        .act(t(27, 15, 0), 'assign', '已指派就业服务股负责人核实办理。')
        .act(t(26, 10, 30), 'verify', th.verify)
        .act(t(26, 11, 0), 'decide_fix_now', th.decide.fix_now)
        .act(t(26, 16, 0), 'rectify', '已督办审核环节，失业保险金申请已审核通过，首月待遇将于次月10日前发放。')
        .act(t(25, 10, 0), 'feedback', '您好！您的失业保险金申请已审核通过，首月待遇将于次月10日前发放到您的社会保障卡。审核延误给您带来不便，深表歉意。')
        .revisit(t(24, 10, 0), { satisfied: false, text: '办事人表示审核通过了，但待遇发放时间太晚，不满意。' })
        .act(t(23, 10, 0), 'verify', '复核：联系办事人说明待遇发放时间规定，并核实能否提前发放。')
        .act(t(23, 11, 0), 'decide_explain', '失业保险金按月发放，发放日由自治区统一确定，无法提前，向办事人解释说明。')
        .act(t(23, 15, 0), 'feedback', '您好！失业保险金按月发放，发放日由自治区统一确定，您的首月待遇将于本月10日前到账。如生活确有困难，可向民政部门申请临时救助。')
        .revisit(t(21, 10, 30), { satisfied: true, level: 3, text: '回访时办事人表示理解发放规定，认可解释。' }),
  },
  {
    key: 'explained',
    unit: 'GAJ',
    item: '居民身份证换领',
    rating: { day: 12, at: [10, 20], level: 2, theme: 'materials', tags: ['203'], text: '身份证换领必须本人到场，老人行动不便也不能代办', channel: 'sms' },
    script: (p, t) =>
      p
        .act(t(12, 14, 0), 'assign', '已指派户政窗口负责人核实。')
        .act(t(11, 10, 0), 'verify', '已联系办事人核实：办事人要求为行动不便的老人代办身份证换领。')
        .act(t(11, 10, 30), 'decide_explain', '根据《中华人民共和国居民身份证法》，换领居民身份证须本人到场采集人像和指纹，不能代办；可预约民警上门服务。')
        .act(t(11, 15, 0), 'feedback', '您好！根据《中华人民共和国居民身份证法》，换领身份证需本人采集人像和指纹，不能代办。对行动不便的老人，我们提供预约上门办理，已为您登记上门时间。')
        .revisit(t(9, 10, 0), { satisfied: true, level: 4, text: '回访时办事人表示民警已上门为老人办理，满意。' })
        .reply(t(9, 15, 0), '经核实，居民身份证换领须本人到场采集人像和指纹，依法不能代办。我局已为行动不便的老人提供预约上门办理服务，预约方式在窗口和网上公布。'),
  },
  {
    key: 'mistaken',
    unit: 'MZJU',
    item: '结婚登记',
    rating: { day: 7, at: [11, 0], level: 1, theme: 'attitude', tags: ['102'], channel: 'qr_code' },
    script: (p, t) =>
      p
        .act(t(7, 15, 0), 'assign', '已指派婚姻登记处负责人核实。')
        .act(t(6, 10, 0), 'verify', '已联系办事人核实：办事人表示对服务很满意，扫码评价时误点了“非常不满意”。')
        .act(t(6, 10, 30), 'decide_explain', '经核实系误评，告知办事人可在回访时更正评价。')
        .act(t(6, 11, 0), 'feedback', '您好！感谢您告诉我们是误评。12345 回访时您可以更正评价。祝您新婚快乐！')
        .revisit(t(5, 10, 0), { satisfied: true, level: 5, mistaken: true, text: '办事人确认系误评，更正为非常满意。' }),
  },
  // Open orders, one in each state.
  { key: 'open-opened', unit: 'GD', rating: { day: 1, at: [16, 40], level: 2, theme: 'materials', tags: ['202'], text: '用电报装来回填了好几张表', channel: 'sms' } },
  {
    key: 'open-assigned',
    unit: 'JTYSJ',
    rating: { day: 2, at: [10, 20], level: 2, theme: 'runaround', tags: ['202'], channel: 'device' },
    script: (p, t) => p.act(t(2, 14, 0), 'assign', '已指派运输管理股负责人核实。'),
  },
  {
    key: 'open-verifying',
    unit: 'WJJ',
    rating: { day: 2, at: [11, 40], level: 2, theme: 'attitude', tags: ['204'], text: '工作人员一边看手机一边办业务', channel: 'qr_code' },
    script: (p, t, th) => p.act(t(2, 15, 30), 'assign', '已指派窗口负责人跟进处理。').act(t(1, 10, 0), 'verify', th.verify),
  },
  {
    key: 'open-fix-now',
    unit: 'GJJ',
    rating: { day: 2, at: [9, 50], level: 2, theme: 'slow', tags: ['201'], text: '公积金提取排了一个多小时的队', channel: 'sms' },
    script: (p, t, th) => p.act(t(2, 13, 30), 'assign', '已指派业务科负责人核实。').act(t(1, 9, 30), 'verify', th.verify).act(t(1, 14, 0), 'decide_fix_now', '高峰时段增开一个提取窗口，立行立改。'),
  },
  {
    key: 'open-explain',
    unit: 'SWU',
    online: true,
    rating: { day: 2, at: [15, 10], level: 2, theme: 'system', tags: ['205'], text: '电子税务局开票一直提示验证失败', channel: 'pc' },
    script: (p, t, th) => p.act(t(2, 16, 30), 'assign', '已指派纳税服务股核实。').act(t(1, 10, 0), 'verify', th.verify).act(t(1, 15, 0), 'decide_explain', th.decide.explain),
  },
  {
    key: 'open-fix-by-deadline',
    unit: 'ZJJ',
    rating: { day: 3, at: [10, 0], level: 2, theme: 'materials', tags: ['203'], channel: 'sms' },
    script: (p, t, th) => p.act(t(3, 14, 0), 'assign', '已指派审批科负责人核实。').act(t(2, 10, 0), 'verify', th.verify).act(t(2, 11, 0), 'decide_fix_by_deadline', th.decide.fix_by_deadline),
  },
  {
    key: 'open-rectified',
    unit: 'NYNCJ',
    rating: { day: 3, at: [9, 30], level: 2, theme: 'materials', tags: ['202'], text: '农机补贴申请材料说了三次才说全', channel: 'sms' },
    script: (p, t, th) =>
      p.act(t(3, 11, 0), 'assign', '已指派农机科负责人核实。').act(t(3, 15, 0), 'verify', th.verify).act(t(2, 10, 0), 'decide_fix_by_deadline', th.decide.fix_by_deadline).act(t(1, 16, 0), 'rectify', th.rectify),
  },
  {
    key: 'open-feedback-given',
    unit: 'GS',
    rating: { day: 4, at: [10, 10], level: 2, theme: 'slow', tags: ['201'], text: '用水报装说5天，等了一个多星期', channel: 'sms' },
    script: (p, t, th) =>
      p.act(t(4, 14, 0), 'assign', '已指派营业所负责人核实。').act(t(3, 10, 0), 'verify', th.verify).act(t(3, 11, 0), 'decide_fix_now', th.decide.fix_now)
        .act(t(3, 16, 0), 'rectify', '已督办施工班组，用水报装已于当日完成装表通水。').act(t(2, 11, 0), 'feedback', '您好！您家的用水报装已完成装表通水。施工排期延误给您带来不便，深表歉意，我们已将报装时限纳入考核。'),
  },
  // Overdue: left where they are for the clock job to flag (warning, red card, escalation).
  { key: 'overdue-opened', unit: 'CGJ', rating: { day: 8, at: [15, 20], level: 2, theme: 'attitude', tags: ['204'], text: '占道审批窗口的人爱答不理', channel: 'sms' } },
  {
    key: 'overdue-verifying',
    unit: 'STHJJ',
    rating: { day: 11, at: [10, 40], level: 2, theme: 'slow', tags: ['201'], text: '环评登记表备案说当天办，拖了三天', channel: 'sms' },
    script: (p, t, th) => p.act(t(11, 15, 0), 'assign', '已指派审批科负责人核实。').act(t(10, 10, 0), 'verify', th.verify),
  },
  {
    key: 'overdue-fix-by-deadline',
    unit: 'JTJ',
    rating: { day: 7, at: [9, 40], level: 1, theme: 'runaround', tags: ['101'], text: '转学手续学校和教育局互相推', channel: 'sms' },
    script: (p, t, th) => p.act(t(7, 11, 0), 'assign', '已指派基础教育股负责人核实。').act(t(6, 10, 0), 'verify', th.verify).act(t(6, 11, 0), 'decide_fix_by_deadline', th.decide.fix_by_deadline),
  },
  {
    key: 'overdue-feedback',
    unit: 'DYS',
    rating: { day: 10, at: [10, 0], level: 2, theme: 'system', tags: ['205'], text: '网上预约换证系统总是进不去', channel: 'sms' },
    script: (p, t, th) =>
      p.act(t(10, 14, 0), 'assign', '已指派信息科核实。').act(t(9, 10, 0), 'verify', th.verify).act(t(9, 11, 0), 'decide_fix_now', th.decide.fix_now).act(t(8, 10, 0), 'rectify', th.rectify),
  },
];

/** Plays one scripted scenario's order. */
export function scenarioPlayer(d: LoopDeps, s: LoopScenario, orderId: number, unitId: number): OrderPlayer {
  const p = new OrderPlayer(d, orderId, unitId);
  s.script?.(p, (n, hh, mm) => d.time.day(n, hh, mm), themeByKey(s.rating.theme), d.unitIds);
  return p;
}
