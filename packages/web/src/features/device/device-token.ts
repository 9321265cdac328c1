import { storage } from '@/lib/storage.ts';

const KEY = 'hcp.deviceToken';

/** The device token kept on the tablet after pairing; the server also keeps it in an httpOnly cookie. */
export const readDeviceToken = (): string | null => storage.get(KEY) || null;
export const saveDeviceToken = (token: string): void => storage.set(KEY, token);
export const forgetDeviceToken = (): void => storage.set(KEY, '');
export const deviceHeaders = (token: string) => ({ authorization: `Device ${token}` });
