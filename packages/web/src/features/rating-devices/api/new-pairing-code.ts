import { apiRequest } from '@/lib/api-client.ts';
import type { PairingCode } from './register-device.ts';

/** POST /api/devices/:id/pairing-code: a new code; the tablet paired so far must be paired again. */
export function newPairingCode(id: number): Promise<PairingCode> {
  return apiRequest(`/devices/${id}/pairing-code`, { method: 'POST' });
}
