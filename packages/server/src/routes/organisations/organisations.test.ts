import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, seedRegions, system, type TestApp } from '../../../test/test-app.ts';

describe('organisation tree and data scope', () => {
  let ta: TestApp;
  let lingwuSup: string;
  let xingqingSup: string;
  let hall: number;
  let lwUnit: number;
  let xqUnit: number;
  beforeAll(async () => {
    ta = await createTestApp();
    await seedRegions(ta);
    const s = ta.c.services.organisations;
    lwUnit = (await s.create(system, { regionCode: '640181000000', kind: 'unit', name: '灵武市市场监督管理局', code: 'LW-SCJG' })).id;
    hall = (await s.create(system, { regionCode: '640181000000', kind: 'hall', name: '灵武市政务服务中心A厅', code: 'A' })).id;
    xqUnit = (await s.create(system, { regionCode: '640104000000', kind: 'unit', name: '兴庆区税务局', code: 'XQ-SW' })).id;
    lingwuSup = (await loginAs(ta, 'lw.sup', 'supervisor', { scopeRegionCode: '640181' })).cookie;
    xingqingSup = (await loginAs(ta, 'xq.sup', 'supervisor', { scopeRegionCode: '640104' })).cookie;
  });
  afterAll(() => ta.close());

  it('builds the tree with paths and refuses impossible nesting', async () => {
    const w = await ta.app.inject({ method: 'POST', url: '/api/organisations', headers: { cookie: lingwuSup }, payload: { regionCode: '640181', parentId: hall, kind: 'window', name: 'A01 综合窗口', code: 'A01' } });
    expect(w.statusCode).toBe(201);
    expect(w.json().path).toBe(`/${hall}/${w.json().id}/`);
    const orphanWindow = await ta.app.inject({ method: 'POST', url: '/api/organisations', headers: { cookie: lingwuSup }, payload: { regionCode: '640181', kind: 'window', name: '无厅窗口' } });
    expect(orphanWindow.statusCode).toBe(400);
    expect(orphanWindow.json().error.field).toBe('parentId');
    const hallUnderUnit = await ta.app.inject({ method: 'POST', url: '/api/organisations', headers: { cookie: lingwuSup }, payload: { regionCode: '640181', parentId: lwUnit, kind: 'hall', name: 'x' } });
    expect(hallUnderUnit.statusCode).toBe(400);
    const dup = await ta.app.inject({ method: 'POST', url: '/api/organisations', headers: { cookie: lingwuSup }, payload: { regionCode: '640181', parentId: hall, kind: 'window', name: '重复', code: 'A01' } });
    expect(dup.statusCode).toBe(409);
    const under = await ta.app.inject({ url: `/api/organisations?under=${hall}`, headers: { cookie: lingwuSup } });
    expect(under.json().items.map((o: { kind: string }) => o.kind).sort()).toEqual(['hall', 'window']);
  });

  it('two simultaneous creations of the same window code: one is created, the other is a 409, never a 500', async () => {
    const make = () => ta.app.inject({ method: 'POST', url: '/api/organisations', headers: { cookie: lingwuSup }, payload: { regionCode: '640181', parentId: hall, kind: 'window', name: '并发窗口', code: 'A99' } });
    const statuses = (await Promise.all([make(), make(), make(), make()])).map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, 409, 409, 409]);
  });

  it('a county supervisor cannot read or change another county’s organisations through any route', async () => {
    const list = await ta.app.inject({ url: '/api/organisations?limit=500', headers: { cookie: xingqingSup } });
    expect(list.json().items.map((o: { id: number }) => o.id)).toEqual([xqUnit]);
    expect((await ta.app.inject({ url: `/api/organisations/${lwUnit}`, headers: { cookie: xingqingSup } })).statusCode).toBe(403);
    const patch = await ta.app.inject({ method: 'PATCH', url: `/api/organisations/${lwUnit}`, headers: { cookie: xingqingSup }, payload: { name: '改名' } });
    expect(patch.statusCode).toBe(403);
    const create = await ta.app.inject({ method: 'POST', url: '/api/organisations', headers: { cookie: xingqingSup }, payload: { regionCode: '640181', parentId: hall, kind: 'window', name: '越权窗口' } });
    expect(create.statusCode).toBe(403);
    const under = await ta.app.inject({ url: `/api/organisations?under=${hall}`, headers: { cookie: xingqingSup } });
    expect(under.statusCode).toBe(403);
    expect((await ta.c.repos.orgs.find(lwUnit))!.name).toBe('灵武市市场监督管理局');
  });

  it('a unit admin scoped to one unit sees only that unit’s subtree', async () => {
    const sub = await ta.c.services.organisations.create(system, { regionCode: '640181000000', parentId: lwUnit, kind: 'unit', name: '登记注册科' });
    const ua = (await loginAs(ta, 'ua.scjg', 'unit_admin', { scopeOrgId: lwUnit })).cookie;
    const list = await ta.app.inject({ url: '/api/organisations', headers: { cookie: ua } });
    expect(list.json().items.map((o: { id: number }) => o.id).sort()).toEqual([lwUnit, sub.id].sort());
    expect((await ta.app.inject({ url: `/api/organisations/${hall}`, headers: { cookie: ua } })).statusCode).toBe(403);
    // Organisation writes belong to the management office, not to unit administrators.
    const patch = await ta.app.inject({ method: 'PATCH', url: `/api/organisations/${sub.id}`, headers: { cookie: ua }, payload: { name: 'x' } });
    expect(patch.statusCode).toBe(403);
  });

  it('regions: only a system administrator changes them; names are public to staff', async () => {
    const denied = await ta.app.inject({ method: 'POST', url: '/api/regions', headers: { cookie: lingwuSup }, payload: { code: '640181101', name: '新镇', parentCode: '640181' } });
    expect(denied.statusCode).toBe(403);
    const children = await ta.app.inject({ url: '/api/regions?parentCode=640181', headers: { cookie: lingwuSup } });
    expect(children.json().items).toEqual([{ code: '640181100000', name: '东塔镇', level: 4, parentCode: '640181000000', children: 0 }]);
    const one = await ta.app.inject({ url: '/api/regions/640181100', headers: { cookie: lingwuSup } });
    expect(one.json().path).toEqual(['640000000000', '640100000000', '640181000000', '640181100000']);
  });
});
