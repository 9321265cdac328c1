import { sql } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { system, seedRegions, type TestApp } from './test-app.ts';

export const LINGWU = '640181000000';
export const XINGQING = '640104000000';
export const DONGCHENG = '110101000000';

/**
 * Organisations in three counties for master-data tests: in 灵武市 a unit (LW-GAJ), a hall (LW-A)
 * with windows A01 and A02; in 兴庆区 a unit (XQ-GAJ) and a hall with its own window A01; in
 * 东城区 a unit (DC-GAJ).
 */
export async function seedMasterData(ta: TestApp) {
  await seedRegions(ta);
  const orgs = ta.c.services.organisations;
  const lwUnit = await orgs.create(system, { regionCode: LINGWU, kind: 'unit', code: 'LW-GAJ', name: '灵武市公安局' });
  const lwHall = await orgs.create(system, { regionCode: LINGWU, kind: 'hall', code: 'LW-A', name: '灵武市政务服务中心A厅' });
  const lwA01 = await orgs.create(system, { regionCode: LINGWU, kind: 'window', parentId: lwHall.id, code: 'A01', name: 'A01 户政窗口' });
  const lwA02 = await orgs.create(system, { regionCode: LINGWU, kind: 'window', parentId: lwHall.id, code: 'A02', name: 'A02 综合窗口' });
  const xqUnit = await orgs.create(system, { regionCode: XINGQING, kind: 'unit', code: 'XQ-GAJ', name: '兴庆区公安分局' });
  const xqHall = await orgs.create(system, { regionCode: XINGQING, kind: 'hall', code: 'XQ-A', name: '兴庆区政务服务大厅' });
  const xqA01 = await orgs.create(system, { regionCode: XINGQING, kind: 'window', parentId: xqHall.id, code: 'A01', name: 'A01 综合窗口' });
  const dcUnit = await orgs.create(system, { regionCode: DONGCHENG, kind: 'unit', code: 'DC-GAJ', name: '东城分局' });
  return { lwUnit, lwHall, lwA01, lwA02, xqUnit, xqHall, xqA01, dcUnit };
}

export type MasterData = Awaited<ReturnType<typeof seedMasterData>>;

/** Row count of a table, to prove a rejected import wrote nothing. */
export async function countRows(ta: TestApp, table: keyof DB): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(ta.t.db);
  return r.rows[0]!.n;
}

/** Counts of every master-data table at once. */
export async function masterDataCounts(ta: TestApp) {
  const tables = ['regions', 'organisations', 'platforms', 'staff', 'staff_windows', 'service_items'] as const;
  const entries = await Promise.all(tables.map(async (t) => [t, await countRows(ta, t)] as const));
  return Object.fromEntries(entries) as Record<(typeof tables)[number], number>;
}
