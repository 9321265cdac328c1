import { describe, expect, it } from 'vitest';
import { RowErrors } from './row-errors.ts';
import { RowReader } from './row-reader.ts';

const reader = (cells: Record<string, string>) => {
  const errors = new RowErrors();
  return { r: new RowReader(7, new Map(Object.entries(cells)), errors), errors };
};

describe('reading one import row', () => {
  it('reads typed values and records every problem with its row and column', () => {
    const { r, errors } = reader({ code: ' 640181 ', n: '12', bad: '1.5', yes: '是', kind: '行政许可', name: '', long: 'abcdef', list: 'A01、A02;A01' });
    expect(r.regionCode('code', true)).toBe('640181000000');
    expect(r.int('n', { min: 0, max: 20 })).toBe(12);
    expect(r.bool('yes')).toBe(true);
    expect(r.choice('kind', ['licensing', 'payment'] as const, { licensing: { zh: '行政许可', en: 'Administrative licensing' } })).toBe('licensing');
    expect(r.list('list', { max: 5, itemMax: 10 })).toEqual(['A01', 'A02']);
    expect(r.ok).toBe(true);
    expect(r.int('bad', { min: 0, max: 20 })).toBeNull();
    expect(r.text('name', { required: true, max: 10 })).toBeNull();
    expect(r.text('long', { max: 5 })).toBeNull();
    expect(r.text('absent', { max: 5 })).toBeNull();
    expect(r.has('absent')).toBe(false);
    expect(r.ok).toBe(false);
    expect(errors.all()).toEqual([
      { row: 7, column: 'bad', reason: '"1.5" is not a whole number' },
      { row: 7, column: 'name', reason: 'is required' },
      { row: 7, column: 'long', reason: 'is longer than 5 characters' },
    ]);
  });

  it('reads times as ISO 8601 with an offset or as Beijing wall-clock time', () => {
    const { r, errors } = reader({ iso: '2026-11-02T09:30:00+08:00', local: '2026-11-02 09:30', bad: '2026/11/02 9:30', short: '12' });
    expect(r.instant('iso')?.toISOString()).toBe('2026-11-02T01:30:00.000Z');
    expect(r.instant('local')?.toISOString()).toBe('2026-11-02T01:30:00.000Z');
    expect(r.instant('absent')).toBeNull();
    expect(r.ok).toBe(true);
    expect(r.instant('bad')).toBeNull();
    expect(r.text('short', { min: 5, max: 20 })).toBeNull();
    expect(errors.all().map((e) => e.column)).toEqual(['bad', 'short']);
    expect(errors.all()[0]!.reason).toContain('2026-11-02 09:30');
  });

  it('rejects values outside a fixed set, naming the allowed ones', () => {
    const { r, errors } = reader({ kind: 'fax', code: '6401', flag: 'maybe' });
    expect(r.choice('kind', ['app', 'hotline'] as const, {})).toBeNull();
    expect(r.regionCode('code')).toBeNull();
    expect(r.bool('flag')).toBeNull();
    expect(errors.all().map((e) => e.column)).toEqual(['kind', 'code', 'flag']);
    expect(errors.all()[0]!.reason).toContain('app, hotline');
  });
});
