import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NATIONAL_DEFAULT_POLICY as P } from '../evaluation/policy.ts';
import { checkPublicReply, checkStepInput, citizenStage, revisitRound } from './feedback-revisit.ts';

describe('what feedback and revisit steps must carry', () => {
  it('feedback needs a text saying what was done', () => {
    expect(checkStepInput(P, 'feedback', {})).toEqual([{ field: 'text', reason: 'feedback tells the evaluator what was done' }]);
    expect(checkStepInput(P, 'feedback', { text: '   ' }).map((p) => p.field)).toEqual(['text']);
    expect(checkStepInput(P, 'feedback', { text: '已补正材料清单并当面致歉' })).toEqual([]);
  });

  it('a satisfied revisit needs a level that is not bad; a bad one means not satisfied', () => {
    expect(checkStepInput(P, 'revisit_satisfied', { text: '满意' }).map((p) => p.field)).toEqual(['level']);
    expect(checkStepInput(P, 'revisit_satisfied', { level: 4 })).toEqual([]);
    expect(checkStepInput(P, 'revisit_satisfied', { level: 3, mistaken: true })).toEqual([]);
    expect(checkStepInput(P, 'revisit_satisfied', { level: 2 })[0]!.reason).toMatch(/not satisfied/);
    expect(checkStepInput(P, 'revisit_satisfied', { level: 6 })[0]!.field).toBe('level');
    // A region that counts 3 as bad too: 3 is then not a satisfied answer either.
    expect(checkStepInput({ ...P, badLevels: [3, 2, 1] }, 'revisit_satisfied', { level: 3 }).map((p) => p.field)).toEqual(['level']);
  });

  it('not satisfied needs the reason and carries no rating; other steps carry none either', () => {
    expect(checkStepInput(P, 'revisit_unsatisfied', {}).map((p) => p.field)).toEqual(['text']);
    expect(checkStepInput(P, 'revisit_unsatisfied', { text: '仍未解决', level: 4 }).map((p) => p.field)).toEqual(['level']);
    expect(checkStepInput(P, 'assign', { mistaken: true }).map((p) => p.field)).toEqual(['mistaken']);
    expect(checkStepInput(P, 'verify', { tags: ['501'] }).map((p) => p.field)).toEqual(['tags']);
    expect(checkStepInput(P, 'assign', {})).toEqual([]);
    expect(checkStepInput(P, 'assign', { text: '长'.repeat(1001) }).map((p) => p.field)).toEqual(['text']);
  });

  it('the revisit round comes after every earlier round, beyond the follow-up limit', () => {
    expect(revisitRound([{ round: 1 }])).toBe(2);
    expect(revisitRound([{ round: 1 }, { round: 2 }])).toBe(3);
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1 }), (rounds) => {
      const r = revisitRound(rounds.map((round) => ({ round })));
      return rounds.every((x) => r > x) && rounds.includes(r - 1);
    }));
  });

  it('the evaluator’s page names the stage, not the internal state', () => {
    expect(citizenStage('verifying')).toBe('handling');
    expect(citizenStage('feedback_given')).toBe('awaiting_revisit');
    expect(citizenStage('closed_resolved')).toBe('resolved');
    expect(citizenStage('closed_unresolved')).toBe('unresolved');
  });
});

describe('public replies (公开答复)', () => {
  it('need a text within the limit and never carry a phone or ID number', () => {
    expect(checkPublicReply('已简化材料清单，窗口增设引导员。')).toEqual([]);
    expect(checkPublicReply(' ')[0]!.field).toBe('text');
    expect(checkPublicReply('长'.repeat(501))[0]!.reason).toMatch(/500/);
    for (const leak of ['请联系13812341234', '身份证 640181199003071234', '证件 64018119900307123X', '电话 0951-1234567']) {
      expect(checkPublicReply(`已处理，${leak}`)[0]!.reason, leak).toMatch(/phone or ID/);
    }
    // Dates, amounts and counts are not personal numbers.
    expect(checkPublicReply('2026年11月5日起，办理时限由5个工作日压缩为3个，已退费120元')).toEqual([]);
  });
});
