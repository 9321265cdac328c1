/**
 * The window rating device (评价器): a tablet paired to one window, which shows the rating screen when
 * the clerk's system asks it to. These are its pure rules; the server stores and delivers.
 */

/** Where a request to show the rating screen stands (评价请求). */
export const DEVICE_REQUEST_STATUSES = ['pending', 'shown', 'done', 'cancelled', 'expired'] as const;
export type DeviceRequestStatus = (typeof DEVICE_REQUEST_STATUSES)[number];

/** Pending and shown requests still wait for the evaluator; the others are final. */
export const isOpenDeviceRequest = (status: DeviceRequestStatus) => status === 'pending' || status === 'shown';

/**
 * The status as of `now`: an open request past its expiry counts as expired even before any sweep has
 * written that, so every reader (device, clerk, submission) agrees without a timer.
 */
export function effectiveDeviceRequestStatus(status: DeviceRequestStatus, expiresAt: Date, now: Date): DeviceRequestStatus {
  return isOpenDeviceRequest(status) && expiresAt.getTime() <= now.getTime() ? 'expired' : status;
}

export type DevicePairingState = 'inactive' | 'paired' | 'pairing' | 'unpaired';

export interface DevicePairingFacts {
  active: boolean;
  paired: boolean;
  pairingExpiresAt: Date | null;
}

/** How a device stands for its administrator: switched off, paired, waiting for its code, or neither. */
export function devicePairingState(d: DevicePairingFacts, now: Date): DevicePairingState {
  if (!d.active) return 'inactive';
  if (d.paired) return 'paired';
  if (d.pairingExpiresAt && d.pairingExpiresAt.getTime() > now.getTime()) return 'pairing';
  return 'unpaired';
}

/** A pairing code as typed on the device: six digits, spaces and dashes ignored. */
export function normalisePairingCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, '');
  return /^[0-9]{6}$/.test(code) ? code : null;
}

/**
 * The case number as the device shows it: enough for the evaluator to recognise their case, not
 * enough for someone passing the counter to copy it. Short numbers keep only their last two characters.
 */
export function maskCaseNo(caseNo: string): string {
  const chars = Array.from(caseNo);
  if (chars.length <= 4) return '*'.repeat(Math.max(chars.length - 2, 0)) + chars.slice(-2).join('');
  const head = chars.length > 8 ? 2 : 0;
  return chars.slice(0, head).join('') + '*'.repeat(chars.length - head - 4) + chars.slice(-4).join('');
}
