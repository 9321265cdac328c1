import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { aCase, LINGWU, pushCase, seedCaseWorld, XINGQING, type CaseWorld } from '../../../test/case-fixtures.ts';
import { createTestApp, loginAs, type TestApp } from '../../../test/test-app.ts';

describe('cases for staff: scoped, masked, audited unmasking', () => {
  let ta: TestApp;
  let w: CaseWorld;
  let supervisor: string;
  let clerk: string;
  let xqSupervisor: string;
  let unitAdmin: string;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedCaseWorld(ta);
    supervisor = (await loginAs(ta, 'lw.sup', 'supervisor', { scopeRegionCode: LINGWU })).cookie;
    clerk = (await loginAs(ta, 'lw.clerk', 'clerk', { scopeRegionCode: LINGWU })).cookie;
    xqSupervisor = (await loginAs(ta, 'xq.sup', 'supervisor', { scopeRegionCode: XINGQING })).cookie;
    unitAdmin = (await loginAs(ta, 'ga.admin', 'unit_admin', { scopeOrgId: w.ga.id })).cookie;
    const seed: [string, Record<string, unknown>][] = [
      ['LW-A', { applicant: { type: 1, name: '李四', idNumber: '64018119900307123x', phone: '13812341234' } }],
      ['LW-B', { channel: 'online', applicant: { type: 1, name: '王五', phone: '13900002222' }, stages: [{ stage: 'accepted', at: '2026-11-02T10:00:00+08:00' }, { stage: 'completed', at: '2026-11-04T10:00:00+08:00' }] }],
      ['LW-C', { applicant: { type: 2, name: '灵武市羊绒制品有限公司', idNumber: '91640181MA76XXXX1K' } }],
    ];
    for (const [caseNo, over] of seed) {
      const res = await pushCase(ta, w.lwKey, aCase(caseNo, over));
      ids[caseNo] = res.json().id;
    }
    const xq = await pushCase(ta, w.xqKey, aCase('XQ-A', { itemCode: 'XQ-ITEM-1', unitCode: 'XQ-SCJ' }));
    ids['XQ-A'] = xq.json().id;
  });
  afterAll(() => ta.close());

  const list = (cookie: string, query = '') => ta.app.inject({ method: 'GET', url: `/api/cases${query}`, headers: { cookie } });
  const caseNos = (res: { json(): { items: { caseNo: string }[] } }) => res.json().items.map((i) => i.caseNo).sort();
  const unmask = (cookie: string, id: number, payload: unknown) => ta.app.inject({ method: 'POST', url: `/api/cases/${id}/unmask`, headers: { cookie }, payload: payload as object });

  it('lists only cases in the data scope, masked', async () => {
    const res = await list(supervisor);
    expect(res.statusCode).toBe(200);
    expect(caseNos(res)).toEqual(['LW-A', 'LW-B', 'LW-C']);
    const a = res.json().items.find((i: { caseNo: string }) => i.caseNo === 'LW-A');
    expect(a.applicant).toEqual({ type: 1, name: '李*', idNumber: '6401**********123x', phone: '138****1234' });
    expect(JSON.stringify(res.json())).not.toMatch(/_enc|_bidx|13812341234/);
    // An organisation's name is not personal data, its credit code is still masked.
    const c = res.json().items.find((i: { caseNo: string }) => i.caseNo === 'LW-C');
    expect(c.applicant).toMatchObject({ type: 2, name: '灵武市羊绒制品有限公司', idNumber: '9164**********XX1K' });
    expect(caseNos(await list(xqSupervisor))).toEqual(['XQ-A']);
    // A unit administrator of 公安局 sees none of 民政局's cases.
    expect(caseNos(await list(unitAdmin))).toEqual([]);
  });

  it('a supervisor of another county gets neither the list entry nor the case', async () => {
    expect(caseNos(await list(xqSupervisor, '?caseNo=LW-A'))).toEqual([]);
    const one = await ta.app.inject({ method: 'GET', url: `/api/cases/${ids['LW-A']}`, headers: { cookie: xqSupervisor } });
    expect(one.statusCode).toBe(403);
    expect(one.json().error.code).toBe('OUT_OF_SCOPE');
    const missing = await ta.app.inject({ method: 'GET', url: '/api/cases/999999', headers: { cookie: supervisor } });
    expect(missing.statusCode).toBe(404);
  });

  it('finds a case by phone or certificate number through the blind index, never decrypting rows', async () => {
    const decrypt = vi.spyOn(ta.c.cipher, 'decrypt');
    expect(caseNos(await list(supervisor, `?phone=${encodeURIComponent('+86 138-1234-1234')}`))).toEqual(['LW-A']);
    expect(caseNos(await list(supervisor, '?phone=13900002222'))).toEqual(['LW-B']);
    expect(caseNos(await list(supervisor, '?phone=13800000000'))).toEqual([]);
    expect(caseNos(await list(supervisor, '?idNumber=64018119900307123X'))).toEqual(['LW-A']);
    // The Xingqing case has the same phone, but is out of this supervisor's scope.
    expect(caseNos(await list(xqSupervisor, '?phone=13812341234'))).toEqual(['XQ-A']);
    expect(decrypt).not.toHaveBeenCalled();
    decrypt.mockRestore();
    const bad = await list(supervisor, '?phone=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('phone');
  });

  it('filters by unit, item, stage, channel and completion time', async () => {
    expect(caseNos(await list(supervisor, '?stage=completed'))).toEqual(['LW-B']);
    expect(caseNos(await list(supervisor, '?channel=offline'))).toEqual(['LW-A', 'LW-C']);
    expect(caseNos(await list(supervisor, `?unitId=${w.mz.id}&itemCode=LW-ITEM-1`))).toEqual(['LW-A', 'LW-B', 'LW-C']);
    expect(caseNos(await list(supervisor, `?completedFrom=${encodeURIComponent('2026-11-04T00:00:00+08:00')}&completedTo=${encodeURIComponent('2026-11-05T00:00:00+08:00')}`))).toEqual(['LW-B']);
    expect(caseNos(await list(supervisor, `?completedFrom=${encodeURIComponent('2026-11-05T00:00:00+08:00')}`))).toEqual([]);
    expect(caseNos(await list(supervisor, '?limit=1&offset=1'))).toHaveLength(1);
    const badStage = await list(supervisor, '?stage=finished');
    expect(badStage.statusCode).toBe(400);
    expect(badStage.json().error.field).toBe('stage');
    const unknown = await list(supervisor, '?name=李四');
    expect(unknown.json().error.field).toBe('name');
    const reversed = await list(supervisor, `?completedFrom=${encodeURIComponent('2026-11-05T00:00:00Z')}&completedTo=${encodeURIComponent('2026-11-01T00:00:00Z')}`);
    expect(reversed.json().error.field).toBe('completedTo');
    const leap = await list(supervisor, `?completedFrom=${encodeURIComponent('2026-12-31T23:59:60Z')}`);
    expect(leap.statusCode).toBe(400);
    expect(leap.json().error.field).toBe('completedFrom');
  });

  it('unmasks for a supervisor with a reason and records who, what and why', async () => {
    const res = await unmask(supervisor, ids['LW-A']!, { fields: ['phone', 'name'], reason: '12345 回访核实联系方式' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: ids['LW-A'], caseNo: 'LW-A', fields: { phone: '13812341234', name: '李四' } });
    const [record] = await ta.c.repos.audit.list({ limit: 5, action: 'pii.unmask' });
    expect(record).toMatchObject({ actorType: 'user', targetType: 'case', targetId: String(ids['LW-A']), detail: { fields: ['phone', 'name'], reason: '12345 回访核实联系方式' } });
    expect(record!.actorId).toMatch(/^user:/);
    // Only what was asked for: no certificate number in the answer.
    expect(res.json().fields.idNumber).toBeUndefined();
    const none = await unmask(supervisor, ids['LW-B']!, { fields: ['idNumber'], reason: '核对身份信息' });
    expect(none.json().fields).toEqual({ idNumber: null });
  });

  it('refuses unmasking without the permission, without a reason, or out of scope, and records no refusal', async () => {
    const before = (await ta.c.repos.audit.list({ limit: 100, action: 'pii.unmask' })).length;
    const byClerk = await unmask(clerk, ids['LW-A']!, { fields: ['phone'], reason: '想看一下号码' });
    expect(byClerk.statusCode).toBe(403);
    expect(byClerk.json().error.code).toBe('FORBIDDEN');
    const empty = await unmask(supervisor, ids['LW-A']!, { fields: ['phone'], reason: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.field).toBe('reason');
    const blank = await unmask(supervisor, ids['LW-A']!, { fields: ['phone'], reason: '      ' });
    expect(blank.json().error.field).toBe('reason');
    const noFields = await unmask(supervisor, ids['LW-A']!, { fields: [], reason: '回访核实' });
    expect(noFields.json().error.field).toBe('fields');
    const badField = await unmask(supervisor, ids['LW-A']!, { fields: ['address'], reason: '回访核实' });
    expect(badField.json().error.field).toBe('fields.0');
    const elsewhere = await unmask(xqSupervisor, ids['LW-A']!, { fields: ['phone'], reason: '回访核实联系方式' });
    expect(elsewhere.statusCode).toBe(403);
    expect((await ta.c.repos.audit.list({ limit: 100, action: 'pii.unmask' })).length).toBe(before);
  });

  it('shows a case with its stages and its promised deadline', async () => {
    const res = await ta.app.inject({ method: 'GET', url: `/api/cases/${ids['LW-B']}`, headers: { cookie: clerk } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      caseNo: 'LW-B',
      stage: 'completed',
      acceptedAt: '2026-11-02T02:00:00.000Z',
      completedAt: '2026-11-04T02:00:00.000Z',
      // Accepted Mon 2 Nov, 5 working days: Tue 3 … Mon 9 Nov, ending at midnight Shanghai.
      promisedDeadline: '2026-11-09T16:00:00.000Z',
      stages: [{ stage: 'accepted', at: '2026-11-02T02:00:00.000Z' }, { stage: 'completed', at: '2026-11-04T02:00:00.000Z' }],
    });
    const anonymous = await ta.app.inject({ method: 'GET', url: `/api/cases/${ids['LW-B']}` });
    expect(anonymous.statusCode).toBe(401);
  });
});
