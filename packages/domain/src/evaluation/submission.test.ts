import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPolicy, NATIONAL_DEFAULT_POLICY as P, type EvaluationPolicy } from './policy.ts';
import { checkSubmission, evaluationOpensAt, fromGbt39046SatisfactionCode, nextRound, toGbt39046SatisfactionCode } from './submission.ts';

describe('evaluation policy and submissions', () => {
  it('the national default policy is consistent', () => {
    expect(checkPolicy(P)).toEqual([]);
  });

  it('finds inconsistent policies', () => {
    const bad: EvaluationPolicy = { ...P, badLevels: [3, 2, 1], tags: [...P.tags, { code: '299', level: 3, zh: 'x', en: 'x' }], reminderWorkingDaysBefore: 5 };
    expect(checkPolicy(bad).map((p) => p.field)).toEqual(['defaultLevel', `tags.${P.tags.length}.code`, 'reminderWorkingDaysBefore']);
  });

  it('accepts a good rating without reasons and a bad one with a tag or a text', () => {
    expect(checkSubmission(P, 'offline', { level: 5 })).toEqual([]);
    expect(checkSubmission(P, 'offline', { level: 2, tags: ['201'] })).toEqual([]);
    expect(checkSubmission(P, 'online', { level: 1, text: '跑了三次' })).toEqual([]);
  });

  it.each([
    [{ level: 0 }, 'level'],
    [{ level: 6 }, 'level'],
    [{ level: 2.5 }, 'level'],
    [{ level: 2 }, 'tags'],
    [{ level: 2, text: '   ' }, 'tags'],
    [{ level: 5, tags: ['201'] }, 'tags.0'],
    [{ level: 2, tags: ['999'] }, 'tags.0'],
    [{ level: 4, tags: ['401', '401'] }, 'tags'],
    [{ level: 4, text: '好'.repeat(151) }, 'text'],
    [{ level: 4, scores: { attitude: 6 } }, 'scores.attitude'],
    [{ level: 4, scores: { usability: 4 } }, 'scores.usability'],
  ])('refuses %j on field %s', (s, field) => {
    expect(checkSubmission(P, 'offline', s).map((p) => p.field)).toContain(field);
  });

  it('counts characters, not UTF-16 units, against the text limit', () => {
    expect(checkSubmission(P, 'offline', { level: 4, text: '𠀀'.repeat(150) })).toEqual([]);
  });

  it('a level below 3 always needs a reason under the default policy (property)', () => {
    fc.assert(fc.property(fc.constantFrom(1, 2), (level) => checkSubmission(P, 'offline', { level }).some((p) => p.reason.includes('needs'))));
  });

  it('opens evaluation at the policy’s stage, or a later one', () => {
    const completed = new Date('2026-11-02T02:00:00Z');
    expect(evaluationOpensAt(P, { received: new Date('2026-11-01T02:00:00Z') })).toBeNull();
    expect(evaluationOpensAt(P, { completed })).toEqual(completed);
    expect(evaluationOpensAt({ ...P, opensAt: 'received' }, { accepted: completed })).toEqual(completed);
  });

  it('allows one first evaluation and, explicitly, the allowed follow-ups', () => {
    expect(nextRound(P, [], false)).toBe(1);
    expect(nextRound(P, [{ round: 1 }], false)).toBeNull();
    expect(nextRound(P, [], true)).toBeNull();
    expect(nextRound(P, [{ round: 1 }], true)).toBe(2);
    expect(nextRound(P, [{ round: 1 }, { round: 2 }], true)).toBeNull();
    expect(nextRound({ ...P, followUpsAllowed: 0 }, [{ round: 1 }], true)).toBeNull();
  });

  it('maps levels to GB/T 39046 satisfaction codes and back (property)', () => {
    expect(toGbt39046SatisfactionCode(5)).toBe(1);
    fc.assert(fc.property(fc.constantFrom(1, 2, 3, 4, 5), (l) => fromGbt39046SatisfactionCode(toGbt39046SatisfactionCode(l as 1)) === l));
  });
});
