import { apiRequest } from '@/lib/api-client.ts';
import type { Device } from './list-devices.ts';

/** A device with its one-time pairing code: six digits, shown this once, typed on the tablet at /device. */
export interface PairingCode {
  device: Device;
  pairingCode: string;
  pairingExpiresAt: string;
}

/** POST /api/devices: registers the rating device of a window and answers its pairing code. */
export function registerDevice(input: { windowId: number; name: string }): Promise<PairingCode> {
  return apiRequest('/devices', { method: 'POST', body: { windowId: input.windowId, name: input.name.trim() } });
}
