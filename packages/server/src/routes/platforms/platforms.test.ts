import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DONGCHENG, LINGWU, XINGQING, seedMasterData } from '../../../test/master-data-fixtures.ts';
import { createTestApp, loginAs, system, type TestApp } from '../../../test/test-app.ts';

describe('platforms', () => {
  let ta: TestApp;
  let county: { cookie: string };
  let clerk: { cookie: string };
  const post = (cookie: string, payload: object) => ta.app.inject({ method: 'POST', url: '/api/platforms', headers: { cookie }, payload });

  beforeAll(async () => {
    ta = await createTestApp();
    await seedMasterData(ta);
    county = await loginAs(ta, 'lw.sup', 'supervisor', { scopeRegionCode: LINGWU });
    clerk = await loginAs(ta, 'lw.clerk', 'clerk', { scopeRegionCode: LINGWU });
  });
  afterAll(() => ta.close());

  it('creates, lists, reads and changes a platform', async () => {
    const res = await post(county.cookie, { regionCode: '640181', kind: 'terminal', code: 'LW-T01', name: '灵武市自助终端1号', url: 'https://zw.lingwu.gov.cn/t01' });
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({ regionCode: LINGWU, kind: 'terminal', code: 'LW-T01', active: true });
    const list = await ta.app.inject({ method: 'GET', url: '/api/platforms?kind=terminal&q=自助', headers: { cookie: clerk.cookie } });
    expect(list.json().items.map((i: { id: number }) => i.id)).toEqual([p.id]);
    const got = await ta.app.inject({ method: 'GET', url: `/api/platforms/${p.id}`, headers: { cookie: clerk.cookie } });
    expect(got.json().name).toBe('灵武市自助终端1号');
    const patched = await ta.app.inject({ method: 'PATCH', url: `/api/platforms/${p.id}`, headers: { cookie: county.cookie }, payload: { name: '灵武市自助终端一号', url: null, active: false } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: '灵武市自助终端一号', url: null, active: false });
    const audit = await ta.c.repos.audit.list({ limit: 5, targetType: 'platform', targetId: String(p.id) });
    expect(audit.map((a) => a.action)).toEqual(['platform.update', 'platform.create']);
  });

  it('keeps codes unique within a region, not across regions', async () => {
    expect((await post(county.cookie, { regionCode: LINGWU, kind: 'app', code: 'APP', name: '我的宁夏' })).statusCode).toBe(201);
    const dup = await post(county.cookie, { regionCode: LINGWU, kind: 'app', code: 'APP', name: '另一个' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.field).toBe('code');
    expect((await post(county.cookie, { regionCode: '640181100', kind: 'app', code: 'APP', name: '东塔镇' })).statusCode).toBe(201);
  });

  it('rejects bad input with the field named', async () => {
    const base = { regionCode: LINGWU, kind: 'web_portal', code: 'WEB', name: '政务服务网' };
    const cases: [object, number, string][] = [
      [{ ...base, colour: 'red' }, 400, 'colour'],
      [{ ...base, kind: 'fax' }, 400, 'kind'],
      [{ ...base, active: 'yes' }, 400, 'active'],
      [{ ...base, name: 'x'.repeat(201) }, 400, 'name'],
      [{ ...base, code: 'c'.repeat(65) }, 400, 'code'],
      [{ ...base, url: 'javascript:alert(1)' }, 400, 'url'],
      [{ ...base, regionCode: '6401' }, 400, 'regionCode'],
      [{ ...base, regionCode: '640181999' }, 422, 'regionCode'],
    ];
    for (const [payload, status, field] of cases) {
      const res = await post(county.cookie, payload);
      expect({ status: res.statusCode, field: res.json().error.field }).toEqual({ status, field });
    }
    expect((await ta.app.inject({ method: 'PATCH', url: '/api/platforms/999999', headers: { cookie: county.cookie }, payload: { name: 'x' } })).statusCode).toBe(404);
    expect((await ta.app.inject({ method: 'GET', url: '/api/platforms/abc', headers: { cookie: county.cookie } })).json().error.field).toBe('id');
  });

  it('needs platform.write to create or change', async () => {
    const res = await post(clerk.cookie, { regionCode: LINGWU, kind: 'hotline', code: '12345', name: '12345热线' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });

  it('a county user cannot see or change platforms of another county or province', async () => {
    const others = [];
    for (const regionCode of [XINGQING, DONGCHENG]) {
      others.push((await ta.c.services.platforms.create(system, { regionCode, kind: 'hotline', code: 'HOTLINE', name: `热线 ${regionCode}` })).id);
    }
    const list = await ta.app.inject({ method: 'GET', url: '/api/platforms?limit=500', headers: { cookie: county.cookie } });
    const ids = list.json().items.map((i: { id: number }) => i.id);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of others) {
      expect(ids).not.toContain(id);
      expect((await ta.app.inject({ method: 'GET', url: `/api/platforms/${id}`, headers: { cookie: county.cookie } })).statusCode).toBe(403);
      const patch = await ta.app.inject({ method: 'PATCH', url: `/api/platforms/${id}`, headers: { cookie: county.cookie }, payload: { name: 'taken over' } });
      expect(patch.statusCode).toBe(403);
    }
    const filtered = await ta.app.inject({ method: 'GET', url: `/api/platforms?regionCode=${XINGQING}`, headers: { cookie: county.cookie } });
    expect(filtered.json().items).toEqual([]);
    const create = await post(county.cookie, { regionCode: '110101', kind: 'app', code: 'X', name: '越界' });
    expect(create.statusCode).toBe(403);
    expect(create.json().error.code).toBe('OUT_OF_SCOPE');
    expect((await ta.c.services.platforms.get(system, others[0]!)).name).toBe(`热线 ${XINGQING}`);
  });
});
