import { describe, expect, test } from 'vitest';
import { formatInstant, formatNumber } from './format-instant.ts';

describe('formatInstant', () => {
  test('shows Beijing time in the style of the language', () => {
    // 2026-11-22T08:51Z is 16:51 in Beijing, whatever the browser's time zone.
    expect(formatInstant('2026-11-22T08:51:00Z', 'zh-CN')).toBe('2026年11月22日 16:51');
    expect(formatInstant('2026-11-22T08:51:00Z', 'en')).toMatch(/^Nov 22, 2026,? 4:51\sPM$/);
    expect(formatInstant('2026-11-22T20:00:00Z', 'zh-CN', { dateStyle: 'short' })).toBe('2026/11/23');
    expect(formatInstant(null, 'en')).toBe('');
  });
});

describe('formatNumber', () => {
  test('groups digits and keeps the decimals asked for', () => {
    expect(formatNumber(12345.678, 'en')).toBe('12,345.68');
    expect(formatNumber(12345.678, 'zh-CN', 1)).toBe('12,345.7');
    expect(formatNumber(null, 'en')).toBe('—');
    expect(formatNumber(Number.NaN, 'en')).toBe('—');
  });
});
