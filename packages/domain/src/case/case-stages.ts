/**
 * Stages of a case (办件环节), from appointment to delivery, and the two ways a case ends early.
 * Approval systems push stage events in any order and sometimes twice; the rules here make the
 * outcome independent of arrival order: the current stage is a function of the set of events, and
 * every consistency rule is a relation between two events.
 */

/** The progress stages, in order. */
export const CASE_STAGES = ['appointed', 'received', 'accepted', 'processing', 'completed', 'delivered'] as const;
/** Stages that end a case: 不予受理 and 撤件. */
export const TERMINAL_CASE_STAGES = ['refused', 'withdrawn'] as const;
export const ALL_CASE_STAGES = [...CASE_STAGES, ...TERMINAL_CASE_STAGES] as const;

export type ProgressStage = (typeof CASE_STAGES)[number];
export type TerminalStage = (typeof TERMINAL_CASE_STAGES)[number];
/** 办件环节 */
export type CaseStage = ProgressStage | TerminalStage;

export const CASE_STAGE_NAMES: Record<CaseStage, { zh: string; en: string }> = {
  appointed: { zh: '预约', en: 'appointed' },
  received: { zh: '接件', en: 'received' },
  accepted: { zh: '受理', en: 'accepted' },
  processing: { zh: '办理中', en: 'processing' },
  completed: { zh: '办结', en: 'completed' },
  delivered: { zh: '送达(出件)', en: 'delivered' },
  refused: { zh: '不予受理', en: 'refused' },
  withdrawn: { zh: '撤件', en: 'withdrawn' },
};

/**
 * The furthest progress stage a terminal stage may follow: a case is refused instead of being
 * accepted, and withdrawn at any time before it is completed.
 */
const TERMINAL_AFTER: Record<TerminalStage, ProgressStage> = { refused: 'received', withdrawn: 'processing' };

/** How far clocks of approval systems may run ahead of ours. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** Earlier stage times are typing errors, not history: the platforms this serves began long after. */
export const EARLIEST_STAGE_TIME = new Date('2000-01-01T00:00:00+08:00');

/** One recorded stage with when it happened. */
export interface StageEvent {
  stage: CaseStage;
  at: Date;
}

export const isCaseStage = (s: string): s is CaseStage => (ALL_CASE_STAGES as readonly string[]).includes(s);
export const isTerminalStage = (s: CaseStage): s is TerminalStage => (TERMINAL_CASE_STAGES as readonly string[]).includes(s);
const rank = (s: ProgressStage) => CASE_STAGES.indexOf(s);

/** Whether `a` beats `b` as the current stage; a total order, so the answer never depends on input order. */
function beats(a: StageEvent, b: StageEvent): boolean {
  const ta = isTerminalStage(a.stage);
  const tb = isTerminalStage(b.stage);
  if (ta !== tb) return ta;
  if (ta && tb) {
    // Two terminal stages cannot both be valid; pick the one that ended the case first.
    if (a.at.getTime() !== b.at.getTime()) return a.at < b.at;
    return ALL_CASE_STAGES.indexOf(a.stage) < ALL_CASE_STAGES.indexOf(b.stage);
  }
  const ra = rank(a.stage as ProgressStage);
  const rb = rank(b.stage as ProgressStage);
  if (ra !== rb) return ra > rb;
  return a.at < b.at;
}

/**
 * The stage a case is in: a terminal stage if one is recorded, else the furthest stage by order
 * (not the latest to arrive). Undefined for no events.
 *
 * @example currentStage([{ stage: 'accepted', at }, { stage: 'received', at: earlier }]) // → the accepted event
 */
export function currentStage(events: readonly StageEvent[]): StageEvent | undefined {
  let best: StageEvent | undefined;
  for (const e of events) if (!best || beats(e, best)) best = e;
  return best;
}

/** The moments the deadline clock and the evaluation need. */
export function stageTimes(events: readonly StageEvent[]): { acceptedAt: Date | null; completedAt: Date | null } {
  const at = (s: CaseStage) => events.find((e) => e.stage === s)?.at ?? null;
  return { acceptedAt: at('accepted'), completedAt: at('completed') };
}

export type StageProblem = 'invalid_time' | 'future' | 'conflict' | 'after_terminal' | 'out_of_order';

export type StageCheck =
  | { ok: true; duplicate: boolean }
  | { ok: false; problem: StageProblem; message: string };

const iso = (d: Date) => d.toISOString();

/** Whether two events of different stages can both be true of one case. */
function pairProblem(a: StageEvent, b: StageEvent): { problem: StageProblem; message: string } | undefined {
  const ta = isTerminalStage(a.stage);
  const tb = isTerminalStage(b.stage);
  if (ta && tb) return { problem: 'after_terminal', message: `the case already ended as ${b.stage}` };
  if (ta || tb) {
    const [t, p] = (ta ? [a, b] : [b, a]) as [StageEvent & { stage: TerminalStage }, StageEvent & { stage: ProgressStage }];
    if (rank(p.stage) > rank(TERMINAL_AFTER[t.stage])) return { problem: 'after_terminal', message: `a case that is ${p.stage} cannot be ${t.stage}` };
    if (p.at > t.at) return { problem: 'after_terminal', message: `no stage after ${t.stage} at ${iso(t.at)}` };
    return undefined;
  }
  const [early, late] = rank(a.stage as ProgressStage) < rank(b.stage as ProgressStage) ? [a, b] : [b, a];
  if (early.at > late.at) return { problem: 'out_of_order', message: `${early.stage} (${iso(early.at)}) cannot be later than ${late.stage} (${iso(late.at)})` };
  return undefined;
}

/**
 * Checks a new stage event against those recorded. The same stage at the same time again is a
 * duplicate (a no-op); at another time it conflicts. Times must follow the stage order, nothing
 * comes after a terminal stage, and no event is more than 5 minutes ahead of `now` or before 2000.
 */
export function checkStageEvent(recorded: readonly StageEvent[], event: StageEvent, now: Date): StageCheck {
  const t = event.at.getTime();
  // A leap second (23:59:60) is valid RFC 3339 text but no JavaScript instant.
  if (Number.isNaN(t)) return { ok: false, problem: 'invalid_time', message: 'is not a valid instant' };
  if (t < EARLIEST_STAGE_TIME.getTime()) return { ok: false, problem: 'invalid_time', message: `${iso(event.at)} is before 2000` };
  if (event.at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    return { ok: false, problem: 'future', message: `${iso(event.at)} is in the future` };
  }
  const same = recorded.find((r) => r.stage === event.stage);
  if (same) {
    if (same.at.getTime() === event.at.getTime()) return { ok: true, duplicate: true };
    return { ok: false, problem: 'conflict', message: `${event.stage} is already recorded at ${iso(same.at)}` };
  }
  for (const r of recorded) {
    const p = pairProblem(event, r);
    if (p) return { ok: false, ...p };
  }
  return { ok: true, duplicate: false };
}
