import { aCase, pushCase, seedCaseWorld, type CaseWorld } from './case-fixtures.ts';
import type { TestApp } from './test-app.ts';

/** A completed case of 灵武市民政局, pushed through its API key; evaluation is open for it. */
export async function completedCase(ta: TestApp, w: CaseWorld, caseNo: string, completedAt = '2026-11-03T10:00:00+08:00') {
  const res = await pushCase(ta, w.lwKey, aCase(caseNo, {
    windowId: w.window.id,
    staffId: w.staffId,
    stages: [
      { stage: 'received', at: '2026-11-02T09:00:00+08:00' },
      { stage: 'accepted', at: '2026-11-02T09:10:00+08:00' },
      { stage: 'completed', at: completedAt },
    ],
  }));
  if (res.statusCode >= 300) throw new Error(`push failed: ${res.body}`);
  return res.json().id as number;
}

export { seedCaseWorld };

/** A completed case of 灵武市民政局 received an hour before it was completed, at any date (completedCase's stages are fixed in November). */
export async function caseCompletedAt(ta: TestApp, w: CaseWorld, caseNo: string, completedAt: string) {
  const received = new Date(new Date(completedAt).getTime() - 3_600_000).toISOString();
  const res = await pushCase(ta, w.lwKey, aCase(caseNo, { windowId: w.window.id, staffId: w.staffId, stages: [{ stage: 'received', at: received }, { stage: 'completed', at: completedAt }] }));
  if (res.statusCode >= 300) throw new Error(`push failed: ${res.body}`);
  return res.json().id as number;
}
