import { campaignQuarterOf, shanghaiDateOf } from '@hcp/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCase, pushCase, type CaseWorld } from '../../../test/case-fixtures.ts';
import { seedCaseWorld } from '../../../test/evaluation-fixtures.ts';
import { createTestApp, loginAs, system, type TestApp } from '../../../test/test-app.ts';

const phone = (i: number) => `1390000${String(1000 + i)}`;

describe('监督查评: seeded samples of evaluators, revisit calls by 12345 operators, results', () => {
  let ta: TestApp;
  let w: CaseWorld;
  let sup: string;
  let op: string;
  let auditor: string;
  let clerk: string;
  let xq: string;
  let sampleId: number;
  let previewIds: number[];

  const get = (cookie: string, url: string) => ta.app.inject({ method: 'GET', url, headers: { cookie } });
  const post = (cookie: string, url: string, payload: unknown) => ta.app.inject({ method: 'POST', url, headers: { cookie }, payload: payload as object });
  const draw = (cookie: string, body: Record<string, unknown>) => post(cookie, '/api/revisit-samples', { regionCode: '640181', periodKind: 'month', period: '2026-10', ...body });

  /** A case of 民政局 completed on an October day, with its applicant's phone, rated on that day. */
  async function rated(no: number, applicantPhone: string, realName: boolean) {
    const day = String(1 + (no % 28)).padStart(2, '0');
    const res = await pushCase(ta, w.lwKey, aCase(`RV-${no}`, {
      windowId: w.window.id, staffId: w.staffId,
      applicant: { type: 1, name: '张三丰', idNumber: '640181199003071234', phone: applicantPhone },
      stages: [{ stage: 'received', at: `2026-10-${day}T09:00:00+08:00` }, { stage: 'completed', at: `2026-10-${day}T10:00:00+08:00` }],
    }));
    if (res.statusCode >= 300) throw new Error(res.body);
    return ta.c.services.evaluations.record(system, { caseId: res.json().id, channel: 'device', level: 4, realName, at: new Date(`2026-10-${day}T11:00:00+08:00`) });
  }

  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedCaseWorld(ta);
    sup = (await loginAs(ta, 'lw.sup', 'supervisor', { scopeRegionCode: '640181' })).cookie;
    op = (await loginAs(ta, 'lw.op', 'operator', { scopeRegionCode: '640181' })).cookie;
    auditor = (await loginAs(ta, 'lw.aud', 'auditor', { scopeRegionCode: '640181' })).cookie;
    clerk = (await loginAs(ta, 'lw.clerk', 'clerk', { scopeRegionCode: '640181' })).cookie;
    xq = (await loginAs(ta, 'xq.sup', 'supervisor', { scopeRegionCode: '640104' })).cookie;
    // 12 evaluators rated by real name; one of them twice; two anonymous ratings have no phone.
    for (let i = 0; i < 12; i++) await rated(i, phone(i), true);
    await rated(12, phone(3), true);
    await rated(13, phone(20), false);
    await rated(14, phone(21), false);
  });
  afterAll(() => ta.close());

  it('the same seed and the same data draw the same sample; another seed draws another', async () => {
    const a = await draw(sup, { size: 5, seed: 'lw-2026-10', preview: true });
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toMatchObject({ preview: true, seed: 'lw-2026-10', population: 12, drawn: 5, sample: null });
    previewIds = a.json().evaluationIds;
    expect((await draw(sup, { size: 5, seed: 'lw-2026-10', preview: true })).json().evaluationIds).toEqual(previewIds);
    expect((await draw(sup, { size: 5, seed: 'another-seed', preview: true })).json().evaluationIds).not.toEqual(previewIds);
    expect((await draw(sup, { size: 50, seed: 'x', preview: true })).json().drawn).toBe(12);
    expect(await ta.c.db.selectFrom('revisit_samples').select('id').execute()).toEqual([]);
  });

  it('draws and stores the sample with its seed; the stored tasks are the previewed ones; a redraw matches', async () => {
    const res = await draw(sup, { size: 5, seed: 'lw-2026-10' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ preview: false, seed: 'lw-2026-10', population: 12, drawn: 5, sample: { regionCode: '640181000000', period: '2026-10', requestedSize: 5 } });
    sampleId = res.json().sample.id;
    const tasks = await ta.c.db.selectFrom('revisit_tasks').select('evaluation_id').where('sample_id', '=', sampleId).orderBy('evaluation_id').execute();
    expect(tasks.map((t) => t.evaluation_id)).toEqual(previewIds);
    expect((await get(auditor, `/api/revisit-samples/${sampleId}/verify`)).json()).toEqual({ seed: 'lw-2026-10', populationThen: 12, populationNow: 12, matches: true });
    expect((await draw(sup, { size: 5 })).json().error).toMatchObject({ code: 'CONFLICT', field: 'period' });
    // Without a seed one is made up and stored.
    const q = await draw(sup, { periodKind: 'quarter', period: '2026-Q4', size: 3 });
    expect(q.json().seed).toMatch(/^[0-9a-f]{16}$/);
    expect(q.json().sample.seed).toBe(q.json().seed);
    const audited = await ta.c.db.selectFrom('audit_log').select('detail').where('action', '=', 'revisit.sample').execute();
    expect(JSON.stringify(audited)).not.toMatch(/1390000/);
  });

  it('operators see the tasks with phones masked, and read a phone only through the audited unmask of the case', async () => {
    const res = await get(op, `/api/revisit-tasks?sampleId=${sampleId}`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: number; caseId: number; phoneMasked: string; status: string; unitName: string; ratedLevel: number }[];
    expect(items).toHaveLength(5);
    expect(items.every((t) => /^139\*\*\*\*1\d{3}$/.test(t.phoneMasked) && t.status === 'pending' && t.unitName === '灵武市民政局' && t.ratedLevel === 4)).toBe(true);
    expect(res.body).not.toMatch(/1390000\d{4}/);
    const unmask = await post(op, `/api/cases/${items[0]!.caseId}/unmask`, { fields: ['phone'], reason: '监督查评电话回访' });
    expect(unmask.statusCode).toBe(200);
    expect(unmask.json().fields.phone).toMatch(/^1390000\d{4}$/);
    expect(unmask.json().fields.phone.slice(-4)).toBe(items[0]!.phoneMasked.slice(-4));
    const [record] = await ta.c.repos.audit.list({ limit: 1, action: 'pii.unmask' });
    expect(record!.detail).toMatchObject({ reason: '监督查评电话回访', fields: ['phone'] });
  });

  it('records the answers once; results count reached calls and satisfaction', async () => {
    const ids = ((await get(op, `/api/revisit-tasks?sampleId=${sampleId}`)).json().items as { id: number }[]).map((t) => t.id);
    const answer = (id: number, body: unknown, cookie = op) => post(cookie, `/api/revisit-tasks/${id}/answer`, body);
    expect((await answer(ids[0]!, { reached: true })).json().error.field).toBe('satisfaction');
    expect((await answer(ids[0]!, { reached: false, satisfaction: 3 })).json().error.field).toBe('satisfaction');
    expect((await answer(ids[0]!, { reached: true, satisfaction: 6 })).statusCode).toBe(400);
    expect((await answer(ids[0]!, { reached: true, satisfaction: 5, note: 'x' })).statusCode).toBe(400);
    const first = await answer(ids[0]!, { reached: true, satisfaction: 5, remarks: '办事顺利' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ status: 'reached', satisfaction: 5 });
    expect((await answer(ids[0]!, { reached: true, satisfaction: 5 })).statusCode).toBe(200);
    expect((await answer(ids[0]!, { reached: true, satisfaction: 2 })).statusCode).toBe(409);
    expect((await answer(ids[1]!, { reached: true, satisfaction: 4 })).statusCode).toBe(200);
    expect((await answer(ids[2]!, { reached: false, remarks: '无人接听' })).json()).toMatchObject({ status: 'not_reached', satisfaction: null });
    expect((await answer(ids[3]!, { reached: true, satisfaction: 4 }, auditor)).statusCode).toBe(403);
    const s = (await get(auditor, `/api/revisit-samples/${sampleId}`)).json();
    expect(s.results).toEqual({
      tasks: 5, pending: 2, reached: 2, notReached: 1, bySatisfaction: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 1 },
      meanSatisfaction: 4.5, satisfiedRate: 1, reachRate: 2 / 3,
    });
    expect((await get(op, `/api/revisit-tasks?sampleId=${sampleId}&status=pending`)).json().items).toHaveLength(2);
  });

  it('answers feed the revisit channel (回访抽测) of the campaign in the quarter they were given', async () => {
    const answeredAt = (await ta.c.db.selectFrom('revisit_tasks').select('answered_at').where('status', '=', 'reached').executeTakeFirstOrThrow()).answered_at!;
    const { year, quarter } = campaignQuarterOf(shanghaiDateOf(answeredAt), 11);
    const created = await post(sup, '/api/campaigns', { regionCode: '640181', year });
    const campaignId = created.json().campaign.id;
    await ta.app.inject({ method: 'PUT', url: `/api/campaigns/${campaignId}/objects`, headers: { cookie: sup }, payload: { objects: [{ orgId: w.mz.id, group: 'hall_government' }, { orgId: w.hall.id, group: 'center' }] } });
    const s = (await get(sup, `/api/campaigns/${campaignId}/scores`)).json();
    for (const o of s.objects) expect(o.quarters[quarter - 1].channels.revisit, o.name).toMatchObject({ n: 2, mean: 4.5, points: 18 });
  });

  it('bad input is a 4xx; another county and a clerk see none of it', async () => {
    expect((await draw(sup, { period: '2026-11', size: 0 })).statusCode).toBe(400);
    expect((await draw(sup, { period: '2026-11', size: 3, seed: 'not a seed' })).statusCode).toBe(400);
    expect((await draw(sup, { period: '2099-01', size: 3 })).json().error.field).toBe('period');
    expect((await draw(sup, { period: '2026-1', size: 3 })).json().error.field).toBe('period');
    expect((await draw(sup, { regionCode: '640199', period: '2026-11', size: 3 })).json().error.code).toBe('UNKNOWN_REFERENCE');
    expect((await draw(op, { period: '2026-11', size: 3 })).statusCode).toBe(403);
    expect((await draw(xq, { period: '2026-11', size: 3 })).statusCode).toBe(403);
    expect((await get(xq, '/api/revisit-samples')).json().items).toEqual([]);
    expect((await get(xq, '/api/revisit-tasks')).json().items).toEqual([]);
    expect((await get(xq, `/api/revisit-samples/${sampleId}`)).statusCode).toBe(403);
    const taskId = (await ta.c.db.selectFrom('revisit_tasks').select('id').where('status', '=', 'pending').executeTakeFirstOrThrow()).id;
    expect((await post(xq, `/api/revisit-tasks/${taskId}/answer`, { reached: false })).statusCode).toBe(403);
    expect((await get(clerk, '/api/revisit-tasks')).statusCode).toBe(403);
    expect((await post(op, '/api/revisit-tasks/99999999/answer', { reached: false })).statusCode).toBe(404);
  });
});
