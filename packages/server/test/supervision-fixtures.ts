import { NATIONAL_DEFAULT_POLICY } from '@hcp/domain';
import { aCase, LINGWU, pushCase, seedCaseWorld, type CaseWorld } from './case-fixtures.ts';
import { system, type TestApp } from './test-app.ts';

/** 灵武市's policy for the supervision tests: small volumes rank, and the thresholds are the region's own. */
export const LINGWU_SUPERVISION = {
  ranking: { minVolume: 3, priorWeight: 0 },
  supervisionAlerts: { staffMinBadRatings: 3, staffBadRateAbove: 0.5, staffMinRatings: 4, unitBadRateAbove: 0.2, unitBottomRanks: 1, unitMinOverdueOrders: 1 },
};

export interface SupervisionWorld extends CaseWorld {
  /** 灵武市社会保障局, a third unit with its own staff member, item and key. */
  sb: { id: number; path: string };
  staff: { mz: number; ga: number; sb: number };
  /** Evaluation ids by case number. */
  ratings: Record<string, number>;
}

/**
 * August 2026 in 灵武市 (policy above), three units rated by their own staff:
 * - 民政局 (马晓东): 1, 1, 1, 5, 5 → 3 bad of 5 (60 %): concentrated bad ratings, and the worst unit;
 * - 公安局 (李文静): 5, 5, 4, 2 → 1 bad of 4 (25 %): above the unit rate, but not last;
 * - 社会保障局 (周海燕): 5, 5, 5 → none.
 * Every bad rating opens a work order; the work-order clock, run at the real time (months later),
 * gives all four a red card, so 民政局 and 公安局 have overdue orders.
 */
export async function seedSupervisionWorld(ta: TestApp): Promise<SupervisionWorld> {
  const w = await seedCaseWorld(ta);
  await ta.c.services.evaluationPolicies.save(system, LINGWU, { ...NATIONAL_DEFAULT_POLICY, ...LINGWU_SUPERVISION }, '督办预警测试');
  const db = ta.t.db;
  const sb = await ta.c.services.organisations.create(system, { regionCode: LINGWU, kind: 'unit', code: 'LW-SBJ', name: '灵武市社会保障局' });
  await db.insertInto('service_items').values({ item_code: 'LW-ITEM-3', version: 1, name: '社会保障卡申领', item_type: 'public_service', promised_days: 3, owner_org_id: sb.id, region_code: LINGWU }).execute();
  const gaStaff = await db.insertInto('staff').values({ org_id: w.ga.id, employee_no: 'G001', name: '李文静' }).returning('id').executeTakeFirstOrThrow();
  const sbStaff = await db.insertInto('staff').values({ org_id: sb.id, employee_no: 'S001', name: '周海燕' }).returning('id').executeTakeFirstOrThrow();
  const gaKey = (await ta.c.services.integrations.create(system, { name: '灵武公安审批系统', unitIds: [w.ga.id] })).apiKey;
  const sbKey = (await ta.c.services.integrations.create(system, { name: '灵武社保审批系统', unitIds: [sb.id] })).apiKey;
  const units = {
    mz: { key: w.lwKey, unitCode: 'LW-MZJ', itemCode: 'LW-ITEM-1', staffId: w.staffId, levels: [1, 1, 1, 5, 5] },
    ga: { key: gaKey, unitCode: 'LW-GAJ', itemCode: 'LW-ITEM-2', staffId: gaStaff.id, levels: [5, 5, 4, 2] },
    sb: { key: sbKey, unitCode: 'LW-SBJ', itemCode: 'LW-ITEM-3', staffId: sbStaff.id, levels: [5, 5, 5] },
  };
  const ratings: Record<string, number> = {};
  for (const [name, u] of Object.entries(units)) {
    for (const [i, level] of u.levels.entries()) {
      const caseNo = `SV-${name.toUpperCase()}-${i + 1}`;
      const day = String(3 + i).padStart(2, '0');
      const res = await pushCase(ta, u.key, aCase(caseNo, {
        itemCode: u.itemCode, unitCode: u.unitCode, staffId: u.staffId,
        stages: [{ stage: 'received', at: `2026-08-${day}T09:00:00+08:00` }, { stage: 'completed', at: `2026-08-${day}T10:00:00+08:00` }],
      }));
      if (res.statusCode >= 300) throw new Error(`push failed: ${res.body}`);
      const r = await ta.c.services.evaluations.record(system, { caseId: res.json().id, channel: 'device', level, ...(level <= 2 ? { tags: [`${level}01`] } : {}), at: new Date(`2026-08-${day}T11:00:00+08:00`) });
      ratings[caseNo] = r.id;
    }
  }
  // The clock at the real time: every August order is long past its first-contact deadline (红牌).
  await ta.c.services.workOrderAlerts.run(system);
  return { ...w, sb: { id: sb.id, path: sb.path }, staff: { mz: w.staffId, ga: gaStaff.id, sb: sbStaff.id }, ratings };
}
