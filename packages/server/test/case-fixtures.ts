import { system, seedRegions, type TestApp } from './test-app.ts';

export const LINGWU = '640181000000';
export const XINGQING = '640104000000';

/**
 * Units, a window, a staff member, service items and API keys for case tests:
 * 灵武市 民政局 (LW-MZJ) and 公安局 (LW-GAJ), 兴庆区 市场监管局 (XQ-SCJ); the Lingwu key may push
 * for 民政局 only. Service items are inserted directly, as master-data services may change.
 */
export async function seedCaseWorld(ta: TestApp) {
  await seedRegions(ta);
  const orgs = ta.c.services.organisations;
  const mz = await orgs.create(system, { regionCode: LINGWU, kind: 'unit', code: 'LW-MZJ', name: '灵武市民政局' });
  const ga = await orgs.create(system, { regionCode: LINGWU, kind: 'unit', code: 'LW-GAJ', name: '灵武市公安局' });
  const xq = await orgs.create(system, { regionCode: XINGQING, kind: 'unit', code: 'XQ-SCJ', name: '兴庆区市场监督管理局' });
  const hall = await orgs.create(system, { regionCode: LINGWU, kind: 'hall', name: '灵武市政务服务大厅A厅' });
  const window = await orgs.create(system, { regionCode: LINGWU, kind: 'window', parentId: hall.id, code: 'A01', name: 'A01 综合窗口' });
  const db = ta.t.db;
  const staff = await db.insertInto('staff').values({ org_id: mz.id, employee_no: 'E001', name: '马晓东' }).returning('id').executeTakeFirstOrThrow();
  const item = (code: string, name: string, owner: number, region: string, promisedDays: number, version = 1) =>
    db.insertInto('service_items').values({ item_code: code, version, name, item_type: 'public_service', promised_days: promisedDays, owner_org_id: owner, region_code: region }).returning('id').executeTakeFirstOrThrow();
  const lwItem = await item('LW-ITEM-1', '最低生活保障审批', mz.id, LINGWU, 5);
  await item('LW-ITEM-2', '户口迁移', ga.id, LINGWU, 3);
  await item('XQ-ITEM-1', '个体工商户登记', xq.id, XINGQING, 0);
  // A superseded version, to show cases link to the current one.
  await db.updateTable('service_items').set({ superseded_at: new Date() }).where('id', '=', lwItem.id).execute();
  const current = await item('LW-ITEM-1', '最低生活保障审批', mz.id, LINGWU, 5, 2);
  const lwKey = (await ta.c.services.integrations.create(system, { name: '灵武民政审批系统', unitIds: [mz.id] })).apiKey;
  const xqKey = (await ta.c.services.integrations.create(system, { name: '兴庆市场监管系统', unitIds: [xq.id] })).apiKey;
  return { mz, ga, xq, hall, window, staffId: staff.id, lwItemVersionId: current.id, lwKey, xqKey };
}

export type CaseWorld = Awaited<ReturnType<typeof seedCaseWorld>>;

/** A valid push body for the Lingwu key, with overrides. */
export const aCase = (caseNo: string, over: Record<string, unknown> = {}) => ({
  caseNo,
  itemCode: 'LW-ITEM-1',
  unitCode: 'LW-MZJ',
  channel: 'offline',
  caseType: 2,
  applicant: { type: 1, name: '张三丰', idNumber: '640181199003071234', phone: '13812341234' },
  stages: [{ stage: 'received', at: '2026-11-02T09:00:00+08:00' }],
  ...over,
});

export const pushCase = (ta: TestApp, key: string, body: unknown) =>
  ta.app.inject({ method: 'POST', url: '/api/integration/cases', headers: { authorization: `Bearer ${key}` }, payload: body as object });
