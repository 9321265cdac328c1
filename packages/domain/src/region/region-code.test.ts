import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isInRegion, isValidParent, normaliseRegionCode, regionLevelOf, regionPrefix } from './region-code.ts';

describe('region codes', () => {
  it('pads 6 and 9 digit codes and rejects the rest', () => {
    expect(normaliseRegionCode('640181')).toBe('640181000000');
    expect(normaliseRegionCode('640181100')).toBe('640181100000');
    expect(normaliseRegionCode('640181100201')).toBe('640181100201');
    expect(normaliseRegionCode('64018')).toBeUndefined();
    expect(normaliseRegionCode('6401811002011')).toBeUndefined();
    expect(normaliseRegionCode('64a181')).toBeUndefined();
    expect(normaliseRegionCode('000000')).toBeUndefined();
  });

  it('reads the level from the code', () => {
    expect(regionLevelOf('640000000000')).toBe(1);
    expect(regionLevelOf('640300000000')).toBe(2);
    expect(regionLevelOf('640181000000')).toBe(3);
    expect(regionLevelOf('640181100000')).toBe(4);
    expect(regionLevelOf('640181100201')).toBe(5);
  });

  it('knows subtrees and parents (灵武市 in 银川市 in 宁夏)', () => {
    expect(isInRegion('640181100201', '640100000000')).toBe(true);
    expect(isInRegion('640181100201', '640181000000')).toBe(true);
    expect(isInRegion('640104000000', '640181000000')).toBe(false);
    expect(isValidParent('640181000000', '640100000000')).toBe(true);
    expect(isValidParent('640181100000', '640181000000')).toBe(true);
    expect(isValidParent('640181100000', '640100000000')).toBe(false);
    expect(isValidParent('110101000000', '110000000000')).toBe(true);
  });

  it('a code is always in the subtree of its own prefix, padded', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9][0-9]{11}$/), (code) => {
        const root = regionPrefix(code).padEnd(12, '0');
        return isInRegion(code, root) && regionLevelOf(root) <= regionLevelOf(code);
      }),
    );
  });
});
