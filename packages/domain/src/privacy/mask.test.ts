import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPersonName, maskPhone } from './mask.ts';

describe('masking', () => {
  it('masks the examples from the spec', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('138-1234-1234')).toBe('138****1234');
    expect(maskIdNumber('110101199003071234')).toBe('1101**********1234');
    expect(maskPersonName('张三')).toBe('张*');
    expect(maskPersonName('欧阳娜娜')).toBe('欧***');
    expect(maskPersonName('王')).toBe('王*');
  });

  it('never reveals more than 7 digits of a phone number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9][0-9]{9}$/), (p) => {
        const m = maskPhone(p);
        return m.replace(/\*/g, '').length === 7 && m !== p;
      }),
    );
  });

  it('never returns an ID number unchanged', () => {
    fc.assert(fc.property(fc.stringMatching(/^[0-9]{17}[0-9X]$/), (id) => maskIdNumber(id) !== id && maskIdNumber(id).length === 18));
  });
});
