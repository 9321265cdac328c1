import { describe, expect, it } from 'vitest';
import { ITEM_TYPES, ITEM_TYPE_NAMES, isItemType } from './item-types.ts';

describe('service item types', () => {
  it('has the seven types of the national catalogue, each named in Chinese', () => {
    expect(ITEM_TYPES).toHaveLength(7);
    expect(ITEM_TYPES.map((t) => ITEM_TYPE_NAMES[t].zh)).toEqual(['行政许可', '行政给付', '行政确认', '行政裁决', '行政奖励', '其他行政权力', '公共服务']);
  });

  it('keys fit the 24-character item_type column', () => {
    for (const t of ITEM_TYPES) expect(t.length).toBeLessThanOrEqual(24);
  });

  it('recognises keys only, not display names', () => {
    expect(isItemType('licensing')).toBe(true);
    expect(isItemType('行政许可')).toBe(false);
  });
});
