import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NATIONAL_DEFAULT_POLICY as P, type EvaluationPolicy } from './policy.ts';
import { diffPolicies } from './policy-diff.ts';

describe('differences between policy versions', () => {
  it('a policy against itself (or a reordered copy) is unchanged', () => {
    expect(diffPolicies(P, P).unchanged).toBe(true);
    const reordered: EvaluationPolicy = { ...P, badLevels: [1, 2], tags: [...P.tags].reverse(), content: { offline: [...P.content.offline].reverse(), online: P.content.online } };
    expect(diffPolicies(P, reordered)).toMatchObject({ unchanged: true, settings: [], tags: { added: [], removed: [], changed: [] } });
  });

  it('names added, removed and relabelled tags by code', () => {
    const after: EvaluationPolicy = {
      ...P,
      tags: [...P.tags.filter((t) => t.code !== '104').map((t) => (t.code === '201' ? { ...t, zh: '办理时间过长' } : t)), { code: '206', level: 2, zh: '排队时间长', en: 'Long queue' }],
    };
    const d = diffPolicies(P, after);
    expect(d.unchanged).toBe(false);
    expect(d.tags.added.map((t) => t.code)).toEqual(['206']);
    expect(d.tags.removed.map((t) => t.code)).toEqual(['104']);
    expect(d.tags.changed).toEqual([{ code: '201', before: expect.objectContaining({ zh: '办理时间长' }), after: expect.objectContaining({ zh: '办理时间过长' }) }]);
    expect(d.settings).toEqual([]);
  });

  it('names indicators per mode, level labels and changed numbers', () => {
    const after: EvaluationPolicy = {
      ...P,
      levels: { ...P.levels, 3: { zh: '一般', en: 'Neutral' } },
      content: { online: P.content.online, offline: [...P.content.offline, { code: 'environment', zh: '大厅环境', en: 'Hall environment' }] },
      defaultAfterWorkingDays: 7,
      textMaxLength: 300,
      badLevels: [1],
    };
    const d = diffPolicies(P, after);
    expect(d.levels).toEqual([{ level: 3, before: P.levels[3], after: { zh: '一般', en: 'Neutral' } }]);
    expect(d.indicators.offline.added.map((i) => i.code)).toEqual(['environment']);
    expect(d.indicators.online).toEqual({ added: [], removed: [], changed: [] });
    expect(d.settings).toEqual([
      { field: 'badLevels', before: [2, 1], after: [1] },
      { field: 'defaultAfterWorkingDays', before: 5, after: 7 },
      { field: 'textMaxLength', before: 150, after: 300 },
    ]);
  });

  it('a setting the older version did not have shows as added (before null)', () => {
    const { clerkSeesRatingsAfterHours: _, ...older } = P;
    const d = diffPolicies(older as EvaluationPolicy, P);
    expect(d.settings).toEqual([{ field: 'clerkSeesRatingsAfterHours', before: null, after: P.clerkSeesRatingsAfterHours }]);
  });

  it('every change of one number is reported as exactly that change (property)', () => {
    const numeric = ['textMaxLength', 'defaultAfterWorkingDays', 'reminderWorkingDaysBefore', 'followUpsAllowed', 'invitationValidHours'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...numeric), fc.integer({ min: 0, max: 5000 }), (field, value) => {
        const after = { ...P, [field]: value };
        const d = diffPolicies(P, after);
        if (value === P[field]) return d.unchanged;
        return d.settings.length === 1 && d.settings[0]!.field === field && d.settings[0]!.after === value && !d.unchanged;
      }),
    );
  });
});
