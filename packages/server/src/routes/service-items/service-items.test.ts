import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DONGCHENG, LINGWU, XINGQING, countRows, seedMasterData, type MasterData } from '../../../test/master-data-fixtures.ts';
import { createTestApp, loginAs, system, type TestApp } from '../../../test/test-app.ts';

describe('service items', () => {
  let ta: TestApp;
  let m: MasterData;
  let county: { cookie: string };
  let clerk: { cookie: string };
  const req = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: object) =>
    ta.app.inject({ method, url: `/api${url}`, headers: { cookie }, ...(payload ? { payload } : {}) });
  const content = () => ({ name: '居民身份证换领', legalBasis: '《中华人民共和国居民身份证法》第十一条', itemType: 'confirmation' as const, promisedDays: 15, statutoryDays: 60, fee: '20元', ownerUnitId: m.lwUnit.id, regionCode: '640181' });

  beforeAll(async () => {
    ta = await createTestApp();
    m = await seedMasterData(ta);
    county = await loginAs(ta, 'lw.sup', 'supervisor', { scopeRegionCode: LINGWU });
    clerk = await loginAs(ta, 'lw.clerk', 'clerk', { scopeRegionCode: LINGWU });
  });
  afterAll(() => ta.close());

  it('creates version 1 and finds it by code, owner, region, type and name', async () => {
    const res = await req('POST', '/service-items', county.cookie, { code: '11640181MB0001-001', ...content() });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ code: '11640181MB0001-001', version: 1, itemType: 'confirmation', promisedDays: 15, statutoryDays: 60, ownerUnitId: m.lwUnit.id, ownerName: '灵武市公安局', regionCode: LINGWU, supersededAt: null });
    for (const q of [`ownerUnitId=${m.lwUnit.id}`, 'regionCode=640181', 'itemType=confirmation', 'q=身份证', 'q=MB0001']) {
      const list = await req('GET', `/service-items?${q}`, clerk.cookie);
      expect(list.json().items.map((i: { code: string }) => i.code), q).toEqual(['11640181MB0001-001']);
    }
    expect((await req('GET', '/service-items?itemType=licensing', clerk.cookie)).json().items).toEqual([]);
    const found = await ta.c.repos.serviceItems.findCurrentByCode('11640181MB0001-001');
    expect(found).toMatchObject({ version: 1, owner_path: m.lwUnit.path });
  });

  it('a change makes a new version and keeps the old one; unchanged content makes none', async () => {
    const code = 'LW-HJ-002';
    const v1 = (await req('POST', '/service-items', county.cookie, { code, ...content(), name: '户口迁入' })).json();
    const same = await req('PUT', `/service-items/${code}`, county.cookie, { ...content(), name: '户口迁入' });
    expect(same.statusCode).toBe(200);
    expect(same.json()).toMatchObject({ changed: false, item: { id: v1.id, version: 1 } });
    const changed = await req('PUT', `/service-items/${code}`, county.cookie, { ...content(), name: '户口迁入', promisedDays: 5 });
    expect(changed.json()).toMatchObject({ changed: true, item: { version: 2, promisedDays: 5 } });
    const again = await req('PUT', `/service-items/${code}`, county.cookie, { ...content(), name: '户口迁入', promisedDays: 5 });
    expect(again.json()).toMatchObject({ changed: false, item: { version: 2 } });
    const versions = (await req('GET', `/service-items/${code}/versions`, clerk.cookie)).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions[1]).toMatchObject({ id: v1.id, promisedDays: 15 });
    expect(versions[1].supersededAt).not.toBeNull();
    expect(versions[0].supersededAt).toBeNull();
    expect((await req('GET', `/service-items/${code}`, clerk.cookie)).json()).toMatchObject({ version: 2, id: changed.json().item.id });
    const rows = await ta.t.db.selectFrom('service_items').select(['id', 'version']).where('item_code', '=', code).execute();
    expect(rows).toHaveLength(2);
    expect((await ta.app.inject({ method: 'GET', url: `/api/service-items?q=${code}`, headers: { cookie: clerk.cookie } })).json().items).toHaveLength(1);
    const audit = await ta.c.repos.audit.list({ limit: 5, targetType: 'service_item', targetId: code });
    expect(audit.map((a) => a.action)).toEqual(['item.version', 'item.create']);
  });

  it('rejects bad input and wrong references with the field named', async () => {
    const base = { code: 'LW-BAD-1', ...content() };
    const cases: [object, number, string][] = [
      [{ ...base, owner: 'x' }, 400, 'owner'],
      [{ ...base, itemType: '行政许可' }, 400, 'itemType'],
      [{ ...base, promisedDays: '5' }, 400, 'promisedDays'],
      [{ ...base, promisedDays: -1 }, 400, 'promisedDays'],
      [{ ...base, code: 'has space' }, 400, 'code'],
      [{ ...base, name: '名'.repeat(201) }, 400, 'name'],
      [{ ...base, fee: 'f'.repeat(201) }, 400, 'fee'],
      [{ ...base, regionCode: '64018' }, 400, 'regionCode'],
      [{ ...base, regionCode: '640181999' }, 422, 'regionCode'],
      [{ ...base, ownerUnitId: m.lwHall.id }, 400, 'ownerUnitId'],
      [{ ...base, ownerUnitId: 999999 }, 422, 'ownerUnitId'],
      [{ ...base, promisedDays: 90, statutoryDays: 60 }, 400, 'promisedDays'],
    ];
    for (const [payload, status, field] of cases) {
      const res = await req('POST', '/service-items', county.cookie, payload);
      expect({ status: res.statusCode, field: res.json().error.field }).toEqual({ status, field });
    }
    expect((await req('POST', '/service-items', county.cookie, { ...base, code: 'LW-DUP' })).statusCode).toBe(201);
    const dup = await req('POST', '/service-items', county.cookie, { ...base, code: 'LW-DUP' });
    expect({ status: dup.statusCode, field: dup.json().error.field }).toEqual({ status: 409, field: 'code' });
    expect((await req('PUT', '/service-items/NOPE', county.cookie, content())).statusCode).toBe(404);
    const putExtra = await req('PUT', '/service-items/LW-DUP', county.cookie, { ...content(), code: 'X' });
    expect(putExtra.json().error.field).toBe('code');
    expect((await req('POST', '/service-items', clerk.cookie, { ...base, code: 'LW-CLERK' })).statusCode).toBe(403);
  });

  it('a county user cannot see or change items of another county or province', async () => {
    await ta.c.services.serviceItems.create(system, 'XQ-ITEM', { ...content(), name: '兴庆事项', ownerUnitId: m.xqUnit.id, regionCode: XINGQING });
    await ta.c.services.serviceItems.create(system, 'DC-ITEM', { ...content(), name: '东城事项', ownerUnitId: m.dcUnit.id, regionCode: DONGCHENG });
    const before = await countRows(ta, 'service_items');
    const list = await req('GET', '/service-items?limit=500', county.cookie);
    const codes = list.json().items.map((i: { code: string }) => i.code);
    expect(codes.length).toBeGreaterThan(0);
    for (const code of ['XQ-ITEM', 'DC-ITEM']) {
      expect(codes).not.toContain(code);
      expect((await req('GET', `/service-items/${code}`, county.cookie)).statusCode).toBe(403);
      expect((await req('GET', `/service-items/${code}/versions`, county.cookie)).statusCode).toBe(403);
      expect((await req('PUT', `/service-items/${code}`, county.cookie, content())).statusCode).toBe(403);
    }
    expect((await req('GET', `/service-items?ownerUnitId=${m.xqUnit.id}`, county.cookie)).json().items).toEqual([]);
    // Neither may an item be given to a unit, or a region, outside the scope.
    const foreignOwner = await req('POST', '/service-items', county.cookie, { code: 'LW-X1', ...content(), ownerUnitId: m.xqUnit.id, regionCode: XINGQING });
    expect(foreignOwner.statusCode).toBe(403);
    const foreignRegion = await req('POST', '/service-items', county.cookie, { code: 'LW-X2', ...content(), regionCode: '110101' });
    expect(foreignRegion.statusCode).toBe(403);
    expect(await countRows(ta, 'service_items')).toBe(before);
  });
});
