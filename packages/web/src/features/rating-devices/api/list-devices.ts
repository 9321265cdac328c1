import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';

/** A window rating device (评价器) as GET /api/devices returns it (DeviceView in routes/devices/device.schemas.ts). */
export interface Device {
  id: number;
  name: string;
  windowId: number;
  windowName: string;
  hallName: string | null;
  /** pairing: a code waits to be typed on the tablet; unpaired: none does, or it expired. */
  state: 'inactive' | 'paired' | 'pairing' | 'unpaired';
  active: boolean;
  pairedAt: string | null;
  pairingExpiresAt: string | null;
  lastSeenAt: string | null;
  createdAt: string;
}

export interface DeviceQuery {
  windowId?: number;
  limit: number;
  offset: number;
}

/** GET /api/devices: the devices of the windows in the caller's data scope (permission device.manage). */
export async function listDevices(query: DeviceQuery, signal?: AbortSignal): Promise<Device[]> {
  const { items } = await apiRequest<{ items: Device[] }>('/devices', { query: { ...query }, ...(signal ? { signal } : {}) });
  return items;
}

export function useDevices(query: DeviceQuery | null) {
  return useQuery(query === null ? null : `devices:${JSON.stringify(query)}`, (signal) => listDevices(query!, signal));
}
