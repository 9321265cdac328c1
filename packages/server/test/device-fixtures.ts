import { completedCase, seedCaseWorld } from './evaluation-fixtures.ts';
import type { CaseWorld } from './case-fixtures.ts';
import { loginAs, type TestApp } from './test-app.ts';

export interface DeviceWorld extends CaseWorld {
  admin: string;
}

/**
 * The case world with its staff member on duty at window A01 (with a photo) and a system
 * administrator's session.
 */
export async function seedDeviceWorld(ta: TestApp): Promise<DeviceWorld> {
  const w = await seedCaseWorld(ta);
  await ta.t.db.insertInto('staff_windows').values({ staff_id: w.staffId, window_id: w.window.id }).execute();
  await ta.t.db.updateTable('staff').set({ title: '综合受理', photo_url: '/photos/E001.jpg' }).where('id', '=', w.staffId).execute();
  const admin = (await loginAs(ta, 'device.admin', 'sysadmin')).cookie;
  return { ...w, admin };
}

/** Registers a device for the window through the API and pairs it; returns its id and token. */
export async function pairedDevice(ta: TestApp, cookie: string, windowId: number, name = 'A01 评价器') {
  const created = await ta.app.inject({ method: 'POST', url: '/api/devices', headers: { cookie }, payload: { windowId, name } });
  if (created.statusCode !== 201) throw new Error(`device not created: ${created.body}`);
  const paired = await ta.app.inject({ method: 'POST', url: '/api/device/pair', payload: { code: created.json().pairingCode } });
  if (paired.statusCode !== 200) throw new Error(`device not paired: ${paired.body}`);
  return { id: created.json().device.id as number, token: paired.json().deviceToken as string };
}

export const deviceAuth = (token: string) => ({ authorization: `Device ${token}` });

/** Asks the device at the window to show the rating screen, through the Lingwu API key. */
export const inviteByKey = (ta: TestApp, key: string, body: Record<string, unknown>) =>
  ta.app.inject({ method: 'POST', url: '/api/integration/devices/evaluate', headers: { authorization: `Bearer ${key}` }, payload: body });

export { completedCase };
