import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCase, LINGWU, pushCase, seedCaseWorld, type CaseWorld } from '../../../test/case-fixtures.ts';
import { createTestApp, loginAs, type TestApp } from '../../../test/test-app.ts';

describe('case push API for approval systems', () => {
  let ta: TestApp;
  let w: CaseWorld;
  let supervisor: string;
  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedCaseWorld(ta);
    supervisor = (await loginAs(ta, 'lw.sup', 'supervisor', { scopeRegionCode: LINGWU })).cookie;
  });
  afterAll(() => ta.close());

  const push = (body: unknown, key = w.lwKey) => pushCase(ta, key, body);
  const addStage = (caseNo: string, body: unknown, key = w.lwKey) =>
    ta.app.inject({ method: 'POST', url: `/api/integration/cases/${caseNo}/stages`, headers: { authorization: `Bearer ${key}` }, payload: body as object });
  const batch = (cases: unknown[], key = w.lwKey) =>
    ta.app.inject({ method: 'POST', url: '/api/integration/cases/batch', headers: { authorization: `Bearer ${key}` }, payload: { cases } });
  const rows = (caseNo: string) => ta.t.db.selectFrom('cases').selectAll().where('case_no', 'like', caseNo).execute();

  it('creates a case and staff read it back masked, linked to the current item version', async () => {
    const res = await push(aCase('LW-2026-0001', { windowId: w.window.id, staffEmployeeNo: 'E001' }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ caseNo: 'LW-2026-0001', created: true, stage: 'received', stagesAdded: 1, promisedDeadline: null });
    const read = await ta.app.inject({ method: 'GET', url: `/api/cases/${res.json().id}`, headers: { cookie: supervisor } });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({
      caseNo: 'LW-2026-0001',
      itemId: w.lwItemVersionId,
      itemCode: 'LW-ITEM-1',
      unitId: w.mz.id,
      windowId: w.window.id,
      staffId: w.staffId,
      regionCode: LINGWU,
      caseType: 2,
      applicant: { type: 1, name: '张**', idNumber: '6401**********1234', phone: '138****1234' },
      stages: [{ stage: 'received', at: '2026-11-02T01:00:00.000Z' }],
    });
  });

  it('stores personal data only encrypted, with blind indexes and masked forms', async () => {
    const [row] = await rows('LW-2026-0001');
    const raw = JSON.stringify(row);
    for (const plain of ['张三丰', '640181199003071234', '13812341234']) expect(raw).not.toContain(plain);
    expect(row!.applicant_name_enc).toMatch(/^a1\./);
    expect(row!.applicant_phone_bidx).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.applicant_phone_bidx).toBe(ta.c.cipher.blindIndex('phone', '+86 138-1234-1234'));
    const audit = await ta.t.db.selectFrom('audit_log').select('detail').where('action', '=', 'case.push').execute();
    expect(JSON.stringify(audit)).not.toContain('13812341234');
  });

  it('a repeated push is not a duplicate: one row, created:false, changed fields and new stages applied', async () => {
    const again = await push(aCase('LW-2026-0001', { windowId: w.window.id, staffEmployeeNo: 'E001' }));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: false, stagesAdded: 0, stage: 'received' });
    const more = await push(aCase('LW-2026-0001', {
      channel: 'online',
      applicant: { type: 1, name: '张三丰', phone: '13900001111' },
      stages: [{ stage: 'received', at: '2026-11-02T09:00:00+08:00' }, { stage: 'accepted', at: '2026-11-02T09:30:00+08:00' }],
    }));
    expect(more.json()).toMatchObject({ created: false, stagesAdded: 1, stage: 'accepted' });
    const all = await rows('LW-2026-0001');
    expect(all).toHaveLength(1);
    // The omitted idNumber and windowId are kept, the new phone replaces the old one.
    expect(all[0]).toMatchObject({ channel: 'online', stage: 'accepted', window_id: w.window.id, applicant_id_masked: '6401**********1234', applicant_phone_masked: '139****1111' });
    const stages = await ta.t.db.selectFrom('case_stages').select('stage').where('case_id', '=', all[0]!.id).execute();
    expect(stages.map((s) => s.stage).sort()).toEqual(['accepted', 'received']);
  });

  it('five concurrent first pushes of one case make one row', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => push(aCase('LW-2026-RACE'))));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(results.filter((r) => r.json().created)).toHaveLength(1);
    const all = await rows('LW-2026-RACE');
    expect(all).toHaveLength(1);
    const stages = await ta.t.db.selectFrom('case_stages').select('stage').where('case_id', '=', all[0]!.id).execute();
    expect(stages).toHaveLength(1);
  });

  it('takes stages out of order but refuses times against the order, conflicts and stages after the end', async () => {
    await push(aCase('LW-2026-0002', { stages: [{ stage: 'accepted', at: '2026-11-03T10:00:00+08:00' }] }));
    const late = await addStage('LW-2026-0002', { stage: 'received', at: '2026-11-03T09:00:00+08:00' });
    expect(late.statusCode).toBe(201);
    expect(late.json()).toMatchObject({ added: true, stage: 'accepted' });
    const backwards = await addStage('LW-2026-0002', { stage: 'completed', at: '2026-11-03T08:00:00+08:00' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.field).toBe('at');
    const same = await addStage('LW-2026-0002', { stage: 'accepted', at: '2026-11-03T02:00:00Z' });
    expect(same.statusCode).toBe(200);
    expect(same.json().added).toBe(false);
    const moved = await addStage('LW-2026-0002', { stage: 'accepted', at: '2026-11-03T11:00:00+08:00' });
    expect(moved.statusCode).toBe(409);
    expect(moved.json().error).toMatchObject({ code: 'CONFLICT', field: 'at' });
    const refused = await push(aCase('LW-2026-0002', { stages: [{ stage: 'refused', at: '2026-11-03T12:00:00+08:00' }] }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.field).toBe('stages.0.stage');
    await addStage('LW-2026-0002', { stage: 'withdrawn', at: '2026-11-04T09:00:00+08:00' });
    const after = await addStage('LW-2026-0002', { stage: 'processing', at: '2026-11-05T09:00:00+08:00' });
    expect(after.statusCode).toBe(400);
    expect(after.json().error.field).toBe('stage');
    expect((await rows('LW-2026-0002'))[0]!.stage).toBe('withdrawn');
    expect((await addStage('LW-2026-NONE', { stage: 'accepted', at: '2026-11-03T11:00:00+08:00' })).statusCode).toBe(404);
  });

  it('refuses a stage time in the future with the field', async () => {
    const future = new Date(Date.now() + 60 * 60_000).toISOString();
    const res = await push(aCase('LW-2026-0003', { stages: [{ stage: 'received', at: future }] }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'stages.0.at' });
    expect(await rows('LW-2026-0003')).toHaveLength(0);
  });

  it('refuses an unknown item (422) and a unit outside the key (403), also for an existing case', async () => {
    const unknown = await push(aCase('LW-2026-0004', { itemCode: 'NO-SUCH-ITEM' }));
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error).toMatchObject({ code: 'UNKNOWN_REFERENCE', field: 'itemCode' });
    const noUnit = await push(aCase('LW-2026-0004', { unitCode: 'NO-SUCH-UNIT' }));
    expect(noUnit.json().error).toMatchObject({ code: 'UNKNOWN_REFERENCE', field: 'unitCode' });
    const other = await push(aCase('LW-2026-0004', { itemCode: 'LW-ITEM-2', unitCode: 'LW-GAJ' }));
    expect(other.statusCode).toBe(403);
    expect(other.json().error).toMatchObject({ code: 'OUT_OF_SCOPE', field: 'unitCode' });
    // Another system cannot take over a Lingwu case by pushing its number with its own unit.
    const hijack = await push(aCase('LW-2026-0001', { itemCode: 'XQ-ITEM-1', unitCode: 'XQ-SCJ' }), w.xqKey);
    expect(hijack.statusCode).toBe(403);
    expect((await rows('LW-2026-0001'))[0]!.unit_id).toBe(w.mz.id);
    const foreignStage = await addStage('LW-2026-0001', { stage: 'processing', at: '2026-11-04T09:00:00+08:00' }, w.xqKey);
    expect(foreignStage.statusCode).toBe(403);
    const staffElsewhere = await push(aCase('LW-2026-0004', { staffEmployeeNo: 'E999' }));
    expect(staffElsewhere.json().error).toMatchObject({ code: 'UNKNOWN_REFERENCE', field: 'staffEmployeeNo' });
  });

  it('answers bad input with 400 and the field, and no key with 401', async () => {
    const cases: [unknown, string][] = [
      [{ ...aCase('LW-2026-0005'), extra: 1 }, 'extra'],
      [aCase('LW-2026-0005', { channel: 5 }), 'channel'],
      [aCase('LW-2026-0005', { applicant: { type: 7, name: '张三' } }), 'applicant.type'],
      [aCase('LW-2026-0005', { applicant: { type: 1, name: '张三', phone: 'call me' } }), 'applicant.phone'],
      [aCase('X'.repeat(51)), 'caseNo'],
      [aCase('LW 2026'), 'caseNo'],
      [aCase('LW-2026-0005', { stages: [] }), 'stages'],
      [aCase('LW-2026-0005', { stages: [{ stage: 'approved', at: '2026-11-02T09:00:00+08:00' }] }), 'stages.0.stage'],
      [aCase('LW-2026-0005', { stages: [{ stage: 'received', at: '2026-11-02 09:00' }] }), 'stages.0.at'],
      [aCase('LW-2026-0005', { stages: [{ stage: 'received', at: '2026-11-02T23:59:60Z' }] }), 'stages.0.at'],
      [aCase('LW-2026-0005', { stages: [{ stage: 'received', at: '1990-11-02T09:00:00+08:00' }] }), 'stages.0.at'],
      [aCase('LW-2026-0005', { staffId: w.staffId, staffEmployeeNo: 'E001' }), 'staffId'],
      [aCase('LW-2026-0005', { stages: [{ stage: 'received', at: '2026-11-02T09:00:00+08:00' }, { stage: 'received', at: '2026-11-02T10:00:00+08:00' }] }), 'stages.1.at'],
    ];
    for (const [body, field] of cases) {
      const res = await push(body);
      expect(res.statusCode, field).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, field).toBeLessThan(500);
      expect(res.json().error.field, JSON.stringify(res.json())).toBe(field);
    }
    expect(await rows('LW-2026-0005')).toHaveLength(0);
    const anonymous = await ta.app.inject({ method: 'POST', url: '/api/integration/cases', payload: aCase('LW-2026-0005') });
    expect(anonymous.statusCode).toBe(401);
    const wrongKey = await pushCase(ta, 'hk_nope.secret', aCase('LW-2026-0005'));
    expect(wrongKey.statusCode).toBe(401);
    const staff = await ta.app.inject({ method: 'POST', url: '/api/integration/cases', headers: { cookie: supervisor }, payload: aCase('LW-2026-0005') });
    expect(staff.statusCode).toBe(401);
  });

  it('a batch with two bad items is rejected whole, listing both indexes', async () => {
    const res = await batch([
      aCase('B-0001'),
      aCase('B-0002', { itemCode: 'NO-SUCH-ITEM' }),
      aCase('B-0003'),
      aCase('B-0004', { channel: 'fax' }),
    ]);
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.error.code).toBe('IMPORT_FAILED');
    expect(body.items.map((i: { index: number }) => i.index)).toEqual([1, 3]);
    expect(body.items[0]).toMatchObject({ caseNo: 'B-0002', error: { code: 'UNKNOWN_REFERENCE', field: 'itemCode' } });
    expect(body.items[1]).toMatchObject({ caseNo: 'B-0004', error: { code: 'VALIDATION_FAILED', field: 'channel' } });
    expect(body.error.details.map((d: { field: string }) => d.field)).toEqual(['cases.1.itemCode', 'cases.3.channel']);
    expect(await rows('B-%')).toHaveLength(0);
  });

  it('applies a valid batch, then treats it again as updates; a stage conflict rejects it', async () => {
    const cases = [aCase('B-0001'), aCase('B-0002', { stages: [{ stage: 'accepted', at: '2026-11-05T10:00:00+08:00' }] }), aCase('B-0003')];
    const first = await batch(cases);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ created: 3, updated: 0 });
    const again = await batch(cases);
    expect(again.json()).toMatchObject({ created: 0, updated: 3, items: [{ index: 0, caseNo: 'B-0001', created: false }, { index: 1 }, { index: 2 }] });
    const conflicting = await batch([aCase('B-0005'), aCase('B-0002', { stages: [{ stage: 'accepted', at: '2026-11-05T11:00:00+08:00' }] }), aCase('B-0001')]);
    expect(conflicting.statusCode).toBe(422);
    expect(conflicting.json().items).toMatchObject([{ index: 1, error: { code: 'CONFLICT', field: 'stages.0.at' } }]);
    expect(await rows('B-0005')).toHaveLength(0);
    const junk = await batch([null, aCase('B-0007'), 'x']);
    expect(junk.statusCode).toBe(422);
    expect(junk.json().items).toMatchObject([{ index: 0, caseNo: null, error: { code: 'VALIDATION_FAILED' } }, { index: 2 }]);
    expect(junk.json().error.details.map((d: { field: string }) => d.field)).toEqual(['cases.0', 'cases.2']);
    const duplicate = await batch([aCase('B-0006'), aCase('B-0006')]);
    expect(duplicate.json().items).toMatchObject([{ index: 1, error: { field: 'caseNo' } }]);
    const tooMany = await batch(Array.from({ length: 1001 }, (_, i) => aCase(`B-X${i}`)));
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.field).toBe('cases');
  });

  it('counts the promised deadline in working days over National Day 2026', async () => {
    const res = await push(aCase('LW-2026-0930', { stages: [{ stage: 'received', at: '2026-09-30T09:00:00+08:00' }, { stage: 'accepted', at: '2026-09-30T10:00:00+08:00' }] }));
    expect(res.statusCode).toBe(201);
    // Oct 1–7 off, then Oct 8, 9, 10 (make-up Saturday), 12 and 13: the end of Oct 13 in Shanghai.
    expect(res.json().promisedDeadline).toBe('2026-10-13T16:00:00.000Z');
    const done = await addStage('LW-2026-0930', { stage: 'completed', at: '2026-10-12T15:00:00+08:00' });
    expect(done.json()).toMatchObject({ added: true, stage: 'completed', promisedDeadline: '2026-10-13T16:00:00.000Z' });
    const [row] = await rows('LW-2026-0930');
    expect(row!.completed_at!.toISOString()).toBe('2026-10-12T07:00:00.000Z');
    expect(row!.accepted_at!.toISOString()).toBe('2026-09-30T02:00:00.000Z');
  });
});
