import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { devicePairingState, effectiveDeviceRequestStatus, maskCaseNo, normalisePairingCode } from './device.ts';
import { checkPolicy, NATIONAL_DEFAULT_POLICY as P } from './policy.ts';

const at = (iso: string) => new Date(iso);

describe('the window rating device (评价器)', () => {
  it('an open request past its expiry reads as expired; final ones stay as they are', () => {
    const expires = at('2026-11-22T10:10:00Z');
    expect(effectiveDeviceRequestStatus('pending', expires, at('2026-11-22T10:09:59Z'))).toBe('pending');
    expect(effectiveDeviceRequestStatus('pending', expires, expires)).toBe('expired');
    expect(effectiveDeviceRequestStatus('shown', expires, at('2026-11-22T11:00:00Z'))).toBe('expired');
    expect(effectiveDeviceRequestStatus('done', expires, at('2026-11-22T11:00:00Z'))).toBe('done');
    expect(effectiveDeviceRequestStatus('cancelled', expires, at('2026-11-22T11:00:00Z'))).toBe('cancelled');
  });

  it('tells inactive, paired, waiting-for-code and unpaired devices apart', () => {
    const now = at('2026-11-22T10:00:00Z');
    expect(devicePairingState({ active: false, paired: true, pairingExpiresAt: null }, now)).toBe('inactive');
    expect(devicePairingState({ active: true, paired: true, pairingExpiresAt: null }, now)).toBe('paired');
    expect(devicePairingState({ active: true, paired: false, pairingExpiresAt: at('2026-11-22T10:15:00Z') }, now)).toBe('pairing');
    expect(devicePairingState({ active: true, paired: false, pairingExpiresAt: at('2026-11-22T09:59:00Z') }, now)).toBe('unpaired');
  });

  it('reads a pairing code of six digits, ignoring spaces and dashes', () => {
    expect(normalisePairingCode(' 123 456 ')).toBe('123456');
    expect(normalisePairingCode('123-456')).toBe('123456');
    expect(normalisePairingCode('12345')).toBeNull();
    expect(normalisePairingCode('12345a')).toBeNull();
    expect(normalisePairingCode('１２３４５６')).toBeNull();
  });

  it('masks a case number but keeps its last four characters and its length', () => {
    expect(maskCaseNo('LW20261103000123')).toBe('LW**********0123');
    expect(maskCaseNo('ABC12345')).toBe('****2345');
    expect(maskCaseNo('A1')).toBe('A1');
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 50 }), (no) => {
        const masked = maskCaseNo(no);
        expect(Array.from(masked)).toHaveLength(Array.from(no).length);
        if (Array.from(no).length > 2) expect(masked).toContain('*');
      }),
    );
  });

  it('the device periods of the policy are checked', () => {
    expect(checkPolicy({ ...P, devicePairingMinutes: 0, deviceRequestMinutes: 121 }).map((p) => p.field)).toEqual(['devicePairingMinutes', 'deviceRequestMinutes']);
    expect(P.devicePairingMinutes).toBe(15);
    expect(P.deviceRequestMinutes).toBe(10);
  });
});
