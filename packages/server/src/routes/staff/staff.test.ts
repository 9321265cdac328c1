import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINGWU, seedMasterData, type MasterData } from '../../../test/master-data-fixtures.ts';
import { createTestApp, loginAs, system, type TestApp } from '../../../test/test-app.ts';

describe('staff', () => {
  let ta: TestApp;
  let m: MasterData;
  let county: { cookie: string };
  let unitAdmin: { cookie: string };
  let clerk: { cookie: string };
  const req = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, cookie: string, payload?: object) =>
    ta.app.inject({ method, url: `/api${url}`, headers: { cookie }, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    ta = await createTestApp();
    m = await seedMasterData(ta);
    county = await loginAs(ta, 'lw.sup', 'supervisor', { scopeRegionCode: LINGWU });
    unitAdmin = await loginAs(ta, 'lw.ga.admin', 'unit_admin', { scopeOrgId: m.lwUnit.id });
    clerk = await loginAs(ta, 'lw.clerk', 'clerk', { scopeRegionCode: LINGWU });
  });
  afterAll(() => ta.close());

  it('adds a staff member to a unit, with windows, and finds them by unit, window and name', async () => {
    const res = await req('POST', '/staff', county.cookie, { unitId: m.lwUnit.id, employeeNo: 'GA-001', name: '马晓燕', title: '户籍民警', photoUrl: '/photos/ga-001.jpg', windowIds: [m.lwA01.id, m.lwA01.id] });
    expect(res.statusCode).toBe(201);
    const s = res.json();
    expect(s).toMatchObject({ unitId: m.lwUnit.id, unitName: '灵武市公安局', employeeNo: 'GA-001', name: '马晓燕', active: true, windowIds: [m.lwA01.id] });
    for (const q of [`unitId=${m.lwUnit.id}`, `windowId=${m.lwA01.id}`, 'q=晓燕', 'q=GA-001']) {
      const list = await req('GET', `/staff?${q}`, clerk.cookie);
      expect(list.json().items.map((i: { id: number }) => i.id), q).toEqual([s.id]);
    }
    expect((await req('GET', `/staff?windowId=${m.lwA02.id}`, clerk.cookie)).json().items).toEqual([]);
    const patched = await req('PATCH', `/staff/${s.id}`, county.cookie, { title: null, name: '马晓雁' });
    expect(patched.json()).toMatchObject({ title: null, name: '马晓雁' });
    const moved = await req('PUT', `/staff/${s.id}/windows`, county.cookie, { windowIds: [m.lwA02.id] });
    expect(moved.json().windowIds).toEqual([m.lwA02.id]);
    expect((await req('GET', `/staff/${s.id}`, clerk.cookie)).json().windowIds).toEqual([m.lwA02.id]);
    const audit = await ta.c.repos.audit.list({ limit: 5, targetType: 'staff', targetId: String(s.id) });
    expect(audit.map((a) => a.action)).toEqual(['staff.windows', 'staff.update', 'staff.create']);
  });

  it('keeps employee numbers unique within a unit', async () => {
    const body = { unitId: m.lwUnit.id, employeeNo: 'GA-002', name: '李建国' };
    expect((await req('POST', '/staff', county.cookie, body)).statusCode).toBe(201);
    const dup = await req('POST', '/staff', county.cookie, body);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.field).toBe('employeeNo');
  });

  it('rejects bad input and wrong references with the field named', async () => {
    const base = { unitId: m.lwUnit.id, employeeNo: 'GA-100', name: '王磊' };
    const cases: [object, number, string][] = [
      [{ ...base, nickname: 'x' }, 400, 'nickname'],
      [{ ...base, employeeNo: 100 }, 400, 'employeeNo'],
      [{ ...base, name: '王'.repeat(51) }, 400, 'name'],
      [{ ...base, photoUrl: 'javascript:alert(1)' }, 400, 'photoUrl'],
      [{ ...base, windowIds: ['A01'] }, 400, 'windowIds.0'],
      [{ ...base, unitId: m.lwHall.id }, 400, 'unitId'],
      [{ ...base, unitId: 999999 }, 422, 'unitId'],
      [{ ...base, windowIds: [m.lwA01.id, m.lwUnit.id] }, 400, 'windowIds.1'],
      [{ ...base, windowIds: [999999] }, 422, 'windowIds.0'],
    ];
    for (const [payload, status, field] of cases) {
      const res = await req('POST', '/staff', county.cookie, payload);
      expect({ status: res.statusCode, field: res.json().error.field }).toEqual({ status, field });
    }
    const s = (await req('POST', '/staff', county.cookie, base)).json();
    const put = await req('PUT', `/staff/${s.id}/windows`, county.cookie, { windowIds: [m.lwHall.id] });
    expect({ status: put.statusCode, field: put.json().error.field }).toEqual({ status: 400, field: 'windowIds.0' });
    const extra = await req('PUT', `/staff/${s.id}/windows`, county.cookie, { windowIds: [], replace: true });
    expect(extra.json().error.field).toBe('replace');
  });

  it('a unit administrator manages the staff of their own unit only', async () => {
    const own = await req('POST', '/staff', unitAdmin.cookie, { unitId: m.lwUnit.id, employeeNo: 'GA-200', name: '张伟', windowIds: [m.lwA01.id] });
    expect(own.statusCode).toBe(201);
    const other = await req('POST', '/staff', unitAdmin.cookie, { unitId: m.xqUnit.id, employeeNo: 'X-1', name: '赵六' });
    expect(other.statusCode).toBe(403);
    const list = await req('GET', '/staff?limit=500', unitAdmin.cookie);
    expect(list.json().items.every((i: { unitId: number }) => i.unitId === m.lwUnit.id)).toBe(true);
    expect((await req('POST', '/staff', clerk.cookie, { unitId: m.lwUnit.id, employeeNo: 'GA-201', name: '无权' })).statusCode).toBe(403);
  });

  it('a window outside the unit\'s region cannot be assigned', async () => {
    const s = (await req('POST', '/staff', county.cookie, { unitId: m.lwUnit.id, employeeNo: 'GA-300', name: '刘洋' })).json();
    const res = await req('PUT', `/staff/${s.id}/windows`, county.cookie, { windowIds: [m.xqA01.id] });
    expect({ status: res.statusCode, field: res.json().error.field }).toEqual({ status: 400, field: 'windowIds.0' });
  });

  it('a county user cannot see or change staff of another county or province', async () => {
    const xq = await ta.c.services.staff.create(system, { unitId: m.xqUnit.id, employeeNo: 'XQ-1', name: '兴庆一号', windowIds: [m.xqA01.id] });
    const dc = await ta.c.services.staff.create(system, { unitId: m.dcUnit.id, employeeNo: 'DC-1', name: '东城一号' });
    const list = await req('GET', '/staff?limit=500', county.cookie);
    const ids = list.json().items.map((i: { id: number }) => i.id);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of [xq.id, dc.id]) {
      expect(ids).not.toContain(id);
      expect((await req('GET', `/staff/${id}`, county.cookie)).statusCode).toBe(403);
      expect((await req('PATCH', `/staff/${id}`, county.cookie, { name: '改名' })).statusCode).toBe(403);
      expect((await req('PUT', `/staff/${id}/windows`, county.cookie, { windowIds: [] })).statusCode).toBe(403);
    }
    expect((await req('GET', `/staff?unitId=${m.xqUnit.id}`, county.cookie)).json().items).toEqual([]);
    expect((await req('GET', `/staff?windowId=${m.xqA01.id}`, county.cookie)).json().items).toEqual([]);
    expect((await ta.c.services.staff.get(system, xq.id)).windowIds).toEqual([m.xqA01.id]);
  });
});
