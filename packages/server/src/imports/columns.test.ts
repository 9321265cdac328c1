import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { headerOf, mapHeaders, type ColumnSpec } from './columns.ts';

const columns: ColumnSpec[] = [
  { key: 'item_code', label: '事项编码', required: true },
  { key: 'name', label: '事项名称', required: true },
  { key: 'owner_unit_id', label: '实施主体ID', oneOf: 'owner' },
  { key: 'owner_unit_code', label: '实施主体编码', oneOf: 'owner' },
];

const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return `${e.status} ${e.field}`;
    throw e;
  }
  return 'no error';
};

describe('import header mapping', () => {
  it('accepts the Chinese label, the English key or both, in any bracket width and case', () => {
    const map = mapHeaders(['\uFEFF事项编码(item_code)', 'NAME', '实施主体编码（owner_unit_code）', ''], columns);
    expect([...map.index]).toEqual([['item_code', 0], ['name', 1], ['owner_unit_code', 2]]);
    expect(map.unnamed).toEqual([3]);
    expect(mapHeaders(['事项编码', '事项名称', 'owner_unit_id'], columns).index.get('owner_unit_id')).toBe(2);
  });

  it('names the column that is missing, unknown or repeated', () => {
    expect(fieldOf(() => mapHeaders(['item_code', 'owner_unit_id'], columns))).toBe('400 name');
    expect(fieldOf(() => mapHeaders(['item_code', 'name'], columns))).toBe('400 owner_unit_id');
    expect(fieldOf(() => mapHeaders(['item_code', 'name', 'owner_unit_id', 'colour'], columns))).toBe('400 colour');
    expect(fieldOf(() => mapHeaders(['item_code', 'name', 'owner_unit_id', '事项名称'], columns))).toBe('400 name');
  });

  it('writes template headers as label(key)', () => {
    expect(columns.map(headerOf)[0]).toBe('事项编码(item_code)');
  });
});
