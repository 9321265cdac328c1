import { describe, expect, it } from 'vitest';
import { ephemeralKeyring } from './key-store.ts';
import { DecryptionError, PiiCipher } from './pii-cipher.ts';

describe.each(['aes-256-gcm', 'sm4'] as const)('PiiCipher with %s', (cipherName) => {
  const ring = ephemeralKeyring(cipherName);
  const cipher = new PiiCipher(ring);

  it('round-trips text and never stores it in the clear', () => {
    const ct = cipher.encrypt('张三 13812341234');
    expect(ct).not.toContain('13812341234');
    expect(ct.split('.')[1]).toBe('t1');
    expect(cipher.decrypt(ct)).toBe('张三 13812341234');
    expect(cipher.encrypt('x')).not.toBe(cipher.encrypt('x'));
  });

  it('detects tampering', () => {
    const ct = cipher.encrypt('110101199003071234');
    const raw = Buffer.from(ct.split('.')[2]!, 'base64url');
    raw[raw.length - 1]! ^= 1;
    const forged = `${ct.split('.').slice(0, 2).join('.')}.${raw.toString('base64url')}`;
    expect(() => cipher.decrypt(forged)).toThrow(DecryptionError);
  });

  it('reads values made with an older key after rotation', () => {
    const old = cipher.encrypt('13900001111');
    const next = { ...ring, keys: new Map([...ring.keys, ['t2', Buffer.alloc(32, 7)]]), activeKeyId: 't2' };
    const rotated = new PiiCipher(next);
    expect(rotated.decrypt(old)).toBe('13900001111');
    expect(rotated.needsRotation(old)).toBe(true);
    expect(rotated.needsRotation(rotated.encrypt('a'))).toBe(false);
  });

  it('blind index matches equal values however they are written, and nothing else', () => {
    expect(cipher.blindIndex('phone', '138-1234-1234')).toBe(cipher.blindIndex('phone', '+86 13812341234'));
    expect(cipher.blindIndex('phone', '13812341234')).not.toBe(cipher.blindIndex('phone', '13812341235'));
    expect(cipher.blindIndex('id', '11010119900307123x')).toBe(cipher.blindIndex('id', '11010119900307123X'));
  });
});
