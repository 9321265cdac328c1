import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskApplicant } from './applicant.ts';
import { CASE_STAGES, checkStageEvent, currentStage, stageTimes, type CaseStage, type StageEvent } from './case-stages.ts';

const now = new Date('2026-12-31T00:00:00Z');
const at = (h: number) => new Date(Date.UTC(2026, 10, 20, h));
const ev = (stage: CaseStage, h: number): StageEvent => ({ stage, at: at(h) });

/** Folds events in arrival order through the check, as the server does. */
function arrive(events: StageEvent[]): StageEvent[] {
  const recorded: StageEvent[] = [];
  for (const e of events) {
    const check = checkStageEvent(recorded, e, now);
    if (!check.ok) throw new Error(`${e.stage}: ${check.message}`);
    if (!check.duplicate) recorded.push(e);
  }
  return recorded;
}

describe('case stages', () => {
  it('takes the furthest stage by order, not the last to arrive', () => {
    expect(currentStage([ev('accepted', 2), ev('received', 1)])?.stage).toBe('accepted');
    expect(currentStage([ev('completed', 5), ev('processing', 3), ev('delivered', 6)])?.stage).toBe('delivered');
    expect(currentStage([])).toBeUndefined();
  });

  it('ends a case at a terminal stage', () => {
    expect(currentStage([ev('received', 1), ev('refused', 2)])?.stage).toBe('refused');
    expect(currentStage([ev('withdrawn', 4), ev('accepted', 2), ev('processing', 3)])?.stage).toBe('withdrawn');
  });

  it('reads the accepted and completed times', () => {
    expect(stageTimes([ev('accepted', 2), ev('completed', 5)])).toEqual({ acceptedAt: at(2), completedAt: at(5) });
    expect(stageTimes([ev('received', 1)])).toEqual({ acceptedAt: null, completedAt: null });
  });

  it('treats the same stage at the same time as a duplicate and another time as a conflict', () => {
    expect(checkStageEvent([ev('accepted', 2)], ev('accepted', 2), now)).toEqual({ ok: true, duplicate: true });
    expect(checkStageEvent([ev('accepted', 2)], ev('accepted', 3), now)).toMatchObject({ ok: false, problem: 'conflict' });
  });

  it('accepts a late-arriving earlier stage but not times against the stage order', () => {
    expect(checkStageEvent([ev('accepted', 2)], ev('received', 1), now)).toEqual({ ok: true, duplicate: false });
    expect(checkStageEvent([ev('accepted', 2)], ev('received', 3), now)).toMatchObject({ ok: false, problem: 'out_of_order' });
    expect(checkStageEvent([ev('received', 3)], ev('completed', 2), now)).toMatchObject({ ok: false, problem: 'out_of_order' });
  });

  it('allows nothing after a terminal stage', () => {
    expect(checkStageEvent([ev('refused', 2)], ev('accepted', 3), now)).toMatchObject({ ok: false, problem: 'after_terminal' });
    expect(checkStageEvent([ev('refused', 2)], ev('received', 3), now)).toMatchObject({ ok: false, problem: 'after_terminal' });
    expect(checkStageEvent([ev('withdrawn', 2)], ev('refused', 3), now)).toMatchObject({ ok: false, problem: 'after_terminal' });
    // An accepted case is not refused, a completed one is not withdrawn.
    expect(checkStageEvent([ev('accepted', 1)], ev('refused', 3), now)).toMatchObject({ ok: false, problem: 'after_terminal' });
    expect(checkStageEvent([ev('completed', 1)], ev('withdrawn', 3), now)).toMatchObject({ ok: false, problem: 'after_terminal' });
    // Earlier history may still arrive after the terminal stage.
    expect(checkStageEvent([ev('refused', 2)], ev('received', 1), now)).toEqual({ ok: true, duplicate: false });
  });

  it('refuses instants that are not valid or before 2000', () => {
    expect(checkStageEvent([], { stage: 'received', at: new Date('2026-11-02T23:59:60Z') }, now)).toMatchObject({ ok: false, problem: 'invalid_time' });
    expect(checkStageEvent([], { stage: 'received', at: new Date('1999-12-31T00:00:00+08:00') }, now)).toMatchObject({ ok: false, problem: 'invalid_time' });
  });

  it('refuses times more than 5 minutes ahead of now', () => {
    expect(checkStageEvent([], { stage: 'received', at: new Date(now.getTime() + 4 * 60_000) }, now).ok).toBe(true);
    expect(checkStageEvent([], { stage: 'received', at: new Date(now.getTime() + 6 * 60_000) }, now)).toMatchObject({ ok: false, problem: 'future' });
  });

  it('masks a natural person’s name but not an organisation’s', () => {
    expect(maskApplicant({ type: 1, name: '张三', idNumber: '110101199003071234', phone: '13812341234' })).toEqual({ name: '张*', idNumber: '1101**********1234', phone: '138****1234' });
    expect(maskApplicant({ type: 2, name: '灵武市某某有限公司', idNumber: null })).toEqual({ name: '灵武市某某有限公司', idNumber: null, phone: null });
  });
});

/** A valid history: a prefix of the progress stages, maybe ended by a terminal stage, with non-decreasing times. */
const validHistory = fc
  .record({
    length: fc.integer({ min: 1, max: CASE_STAGES.length }),
    terminal: fc.constantFrom(null, 'refused', 'withdrawn'),
    gaps: fc.array(fc.integer({ min: 0, max: 48 }), { minLength: 7, maxLength: 7 }),
  })
  .map(({ length, terminal, gaps }) => {
    const limit = terminal === 'refused' ? 2 : terminal === 'withdrawn' ? 4 : CASE_STAGES.length;
    const stages: CaseStage[] = CASE_STAGES.slice(0, Math.min(length, limit));
    if (terminal) stages.push(terminal);
    let hour = 0;
    return stages.map((stage, i) => ({ stage, at: at((hour += gaps[i]!)) }));
  });

describe('case stages, any arrival order', () => {
  it('accepts every event of a valid history in any order and yields the same current stage', () => {
    fc.assert(
      fc.property(validHistory.chain((h) => fc.tuple(fc.constant(h), fc.shuffledSubarray(h, { minLength: h.length, maxLength: h.length }))), ([history, shuffled]) => {
        const recorded = arrive(shuffled);
        expect(recorded).toHaveLength(history.length);
        expect(currentStage(recorded)).toEqual(currentStage(history));
        expect(currentStage(recorded)).toEqual(history[history.length - 1]);
      }),
    );
  });

  it('is a function of the set of events, even an inconsistent one', () => {
    const anyEvent = fc.record({ stage: fc.constantFrom<CaseStage>(...CASE_STAGES, 'refused', 'withdrawn'), at: fc.integer({ min: 0, max: 100 }).map(at) });
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 10 }).chain((events) => fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }))), ([events, shuffled]) => {
        expect(currentStage(shuffled)).toEqual(currentStage(events));
      }),
    );
  });

  it('a duplicate push of the whole history changes nothing', () => {
    fc.assert(
      fc.property(validHistory, (history) => {
        const recorded = arrive(history);
        for (const e of history) expect(checkStageEvent(recorded, e, now)).toEqual({ ok: true, duplicate: true });
      }),
    );
  });
});
