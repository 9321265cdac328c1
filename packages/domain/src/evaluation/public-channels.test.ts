import { describe, expect, it } from 'vitest';
import { checkPolicy, NATIONAL_DEFAULT_POLICY as P } from './policy.ts';
import { checkSuggestion, isMobilePhone, normalisePersonName, rateWindowStart, signedLinkExpiryProblem, signedLinkMessage } from './public-channels.ts';

describe('signed portal links', () => {
  it('sign "k|c|x|p|ch" with an empty platform when there is none', () => {
    expect(signedLinkMessage({ k: 'hk_a', c: 'LW-1', x: 1790000000, ch: 'pc' })).toBe('hk_a|LW-1|1790000000||pc');
    expect(signedLinkMessage({ k: 'hk_a', c: 'LW-1', x: 1790000000, p: 'LW-APP', ch: 'mobile' })).toBe('hk_a|LW-1|1790000000|LW-APP|mobile');
  });

  it('expire, and may not be valid longer ahead than the policy allows', () => {
    const now = new Date('2026-11-20T00:00:00Z');
    const s = now.getTime() / 1000;
    expect(signedLinkExpiryProblem(P, s, now)).toBe('expired');
    expect(signedLinkExpiryProblem(P, s - 1, now)).toBe('expired');
    expect(signedLinkExpiryProblem(P, s + 60, now)).toBeNull();
    expect(signedLinkExpiryProblem(P, s + 72 * 3600, now)).toBeNull();
    expect(signedLinkExpiryProblem(P, s + 72 * 3600 + 1, now)).toBe('expiry_too_far');
    expect(signedLinkExpiryProblem({ ...P, signedLinkMaxHours: 1 }, s + 7200, now)).toBe('expiry_too_far');
  });
});

describe('identification at a window', () => {
  it('compares names without spaces, middle dots, width or case', () => {
    expect(normalisePersonName(' 张 三丰 ')).toBe(normalisePersonName('张三丰'));
    expect(normalisePersonName('买买提·艾力')).toBe(normalisePersonName('买买提艾力'));
    expect(normalisePersonName('Ｌｉ Lei')).toBe(normalisePersonName('li lei'));
    expect(normalisePersonName('张三')).not.toBe(normalisePersonName('张三丰'));
  });

  it('knows a mainland mobile number', () => {
    expect(isMobilePhone('13812341234')).toBe(true);
    expect(isMobilePhone('+86 138-1234-1234')).toBe(true);
    expect(isMobilePhone('12812341234')).toBe(false);
    expect(isMobilePhone('0951-1234567')).toBe(false);
  });

  it('counts rate limits per clock hour', () => {
    expect(rateWindowStart(new Date('2026-11-20T10:59:59.999Z')).toISOString()).toBe('2026-11-20T10:00:00.000Z');
    expect(rateWindowStart(new Date('2026-11-20T11:00:00Z')).toISOString()).toBe('2026-11-20T11:00:00.000Z');
  });
});

describe('the suggestion box', () => {
  it('ships the four questions of seed 000 and checks their settings', () => {
    expect(P.suggestionQuestions.map((q) => q.zh)).toEqual(['服务指引是否清晰', '办事程序是否便利', '材料手续是否精简', '操作界面是否友好']);
    expect(checkPolicy(P)).toEqual([]);
    const twice = { ...P, suggestionQuestions: [...P.suggestionQuestions, P.suggestionQuestions[0]!], otpMaxAttempts: 0, signedLinkMaxHours: 24 * 365 };
    expect(checkPolicy(twice).map((p) => p.field)).toEqual(['signedLinkMaxHours', 'otpMaxAttempts', 'suggestionQuestions.4.code']);
  });

  it('takes answers in range, a text within the limit and an optional mobile number', () => {
    expect(checkSuggestion(P, { answers: { guide_clear: 5, materials_lean: 1 } })).toEqual([]);
    expect(checkSuggestion(P, { text: '希望增加周末窗口', contactPhone: '13812341234' })).toEqual([]);
    const yesNo = { ...P, suggestionQuestions: [{ code: 'again', kind: 'yes_no' as const, zh: '是否愿意再来', en: 'Would you come again?' }] };
    expect(checkSuggestion(yesNo, { answers: { again: 0 } })).toEqual([]);
    expect(checkSuggestion(yesNo, { answers: { again: 3 } }).map((p) => p.field)).toEqual(['answers.again']);
  });

  it('names every problem by its field', () => {
    const problems = checkSuggestion(P, { answers: { guide_clear: 6, unknown: 3 }, text: '长'.repeat(P.textMaxLength + 1), contactPhone: '123' });
    expect(problems.map((p) => p.field)).toEqual(['answers.guide_clear', 'answers.unknown', 'text', 'contactPhone']);
    expect(checkSuggestion(P, { answers: {}, text: '   ' }).map((p) => p.field)).toEqual(['answers']);
    expect(checkSuggestion(P, { text: '𠀀'.repeat(P.textMaxLength) })).toEqual([]);
  });
});
