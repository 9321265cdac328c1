import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DONGCHENG, LINGWU, masterDataCounts, seedMasterData, type MasterData } from '../../../test/master-data-fixtures.ts';
import { csv, multipartFile, xlsx } from '../../../test/multipart.ts';
import { createTestApp, loginAs, system, type TestApp } from '../../../test/test-app.ts';

type RowError = { row: number; column?: string; reason: string };

describe('imports: platforms, staff and service items', () => {
  let ta: TestApp;
  let m: MasterData;
  let county: { cookie: string };
  let unitAdmin: { cookie: string };
  const send = async (cookie: string, kind: string, filename: string, content: Buffer | string) => {
    const body = multipartFile(filename, content);
    return ta.app.inject({ method: 'POST', url: `/api/imports/${kind}`, payload: body.payload, headers: { cookie, ...body.headers } });
  };
  const cells = (res: { json(): { error: { details: RowError[] } } }) => res.json().error.details.map((d) => `${d.row}:${d.column}`);
  const staffOf = (unitId: number, employeeNo: string) => ta.t.db.selectFrom('staff').selectAll().where('org_id', '=', unitId).where('employee_no', '=', employeeNo).executeTakeFirst();

  beforeAll(async () => {
    ta = await createTestApp();
    m = await seedMasterData(ta);
    county = await loginAs(ta, 'lw.sup', 'supervisor', { scopeRegionCode: LINGWU });
    unitAdmin = await loginAs(ta, 'lw.ga.admin', 'unit_admin', { scopeOrgId: m.lwUnit.id });
  });
  afterAll(() => ta.close());

  describe('platforms', () => {
    const header = ['行政区划代码(region_code)', '平台类型(kind)', '平台编码(code)', '平台名称(name)', '网址(url)', '是否启用(active)'];

    it('imports CSV and XLSX, and updates on re-import', async () => {
      const file = csv([header, ['640181', '自助终端', 'T01', '自助终端1号', '', '是'], ['640181100', 'hotline', '12345', '东塔镇热线', 'https://12345.nx.gov.cn', '']]);
      expect((await send(county.cookie, 'platforms', 'p.csv', file)).json()).toMatchObject({ inserted: 2, updated: 0 });
      const x = await xlsx([['region_code', 'kind', 'code', 'name'], ['640181', 'mini_program', 'MP1', '灵武小程序'], ['640181', 'terminal', 'T01', '自助终端一号']]);
      expect((await send(county.cookie, 'platforms', 'p.xlsx', x)).json()).toMatchObject({ inserted: 1, updated: 1 });
      const t01 = await ta.c.repos.platforms.findByCode(LINGWU, 'T01');
      expect(t01).toMatchObject({ name: '自助终端一号', kind: 'terminal' });
      expect((await send(county.cookie, 'platforms', 'p.xlsx', x)).json()).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    });

    it('rejects broken rows, including rows outside the data scope, and writes nothing', async () => {
      const file = csv([header, ['640181', 'fax', 'F1', '传真', '', ''], ['640181', 'app', 'A1', '', 'ftp://x', 'maybe'], ['110101', 'app', 'A2', '北京App', '', ''], ['640181', 'app', 'A3', 'ok', '', ''], ['640181', 'app', 'A3', 'dup', '', '']]);
      const before = await masterDataCounts(ta);
      const res = await send(county.cookie, 'platforms', 'bad.csv', file);
      expect(res.statusCode).toBe(422);
      expect(cells(res)).toEqual(['2:kind', '3:name', '3:url', '3:active', '4:region_code', '6:code']);
      expect(res.json().error.details[4].reason).toBe('outside your data scope');
      expect(await masterDataCounts(ta)).toEqual(before);
    });
  });

  describe('staff', () => {
    const header = ['unit_code', 'unit_region_code', 'employee_no', 'name', 'title', 'window_codes'];

    it('imports CSV with units and windows by code, XLSX with units by id, and updates on re-import', async () => {
      const file = csv([header, ['LW-GAJ', '640181', 'GA-101', '马兰花', '民警', 'A01;A02'], ['LW-GAJ', '', 'GA-102', '杨柳', '', 'A02'], ['LW-GAJ', '', 'GA-103', '何平', '', '']]);
      const res = await send(county.cookie, 'staff', 's.csv', file);
      expect(res.json()).toMatchObject({ inserted: 3 });
      const s101 = (await staffOf(m.lwUnit.id, 'GA-101'))!;
      expect((await ta.c.services.staff.get(system, s101.id)).windowIds).toEqual([m.lwA01.id, m.lwA02.id]);
      const x = await xlsx([['单位ID', '工号', '姓名', '职务', '是否在岗'], [m.lwUnit.id, 'GA-101', '马兰花', '副所长', '是'], [m.lwUnit.id, 'GA-104', '周强', null, '否']]);
      const again = await send(unitAdmin.cookie, 'staff', 's.xlsx', x);
      expect(again.json()).toMatchObject({ inserted: 1, updated: 1, unchanged: 0 });
      expect(await staffOf(m.lwUnit.id, 'GA-101')).toMatchObject({ id: s101.id, title: '副所长' });
      expect(await staffOf(m.lwUnit.id, 'GA-104')).toMatchObject({ active: false });
      // Windows were not in the XLSX, so they stay as they were.
      expect((await ta.c.services.staff.get(system, s101.id)).windowIds).toEqual([m.lwA01.id, m.lwA02.id]);
      const moved = await send(county.cookie, 'staff', 's.csv', file.replace('A01;A02', 'A02').replace('民警', '副所长'));
      expect(moved.json()).toMatchObject({ inserted: 0, updated: 1, unchanged: 2 });
      expect((await ta.c.services.staff.get(system, s101.id)).windowIds).toEqual([m.lwA02.id]);
    });

    it('rejects broken rows and writes nothing', async () => {
      const file = csv([
        header,
        ['NO-SUCH', '', 'X-1', '甲', '', ''],
        ['LW-GAJ', '', 'X-2', '乙', '', 'A01,Z99'],
        ['XQ-GAJ', '', 'X-3', '丙', '', ''],
        ['LW-GAJ', '', 'X-4', '丁'.repeat(51), '', ''],
        ['', '', 'X-5', '戊', '', ''],
        ['LW-GAJ', '', 'X-6', '己', '', ''],
        ['LW-GAJ', '', 'X-6', '庚', '', ''],
      ]);
      const before = await masterDataCounts(ta);
      const res = await send(county.cookie, 'staff', 'bad.csv', file);
      expect(res.statusCode).toBe(422);
      expect(cells(res)).toEqual(['2:unit_code', '3:window_codes', '4:unit_code', '5:name', '6:unit_code', '8:employee_no']);
      expect(await masterDataCounts(ta)).toEqual(before);
      // A unit administrator may not import staff of another unit in the same county.
      await ta.c.services.organisations.create(system, { regionCode: LINGWU, kind: 'unit', code: 'LW-MZJ', name: '灵武市民政局' });
      const other = await send(unitAdmin.cookie, 'staff', 'o.csv', csv([header, ['LW-MZJ', '', 'M-1', '民政一号', '', '']]));
      expect(other.json().error.details).toEqual([{ row: 2, column: 'unit_code', reason: 'outside your data scope' }]);
    });

    it('needs the region when a unit code is used in two regions', async () => {
      await ta.c.services.organisations.create(system, { regionCode: DONGCHENG, kind: 'unit', code: 'LW-GAJ', name: '同名编码' });
      const admin = await loginAs(ta, 'root', 'sysadmin');
      const res = await send(admin.cookie, 'staff', 'amb.csv', csv([['unit_code', 'employee_no', 'name'], ['LW-GAJ', 'Y-1', '某人']]));
      expect(res.json().error.details[0]).toMatchObject({ row: 2, column: 'unit_code' });
      expect(res.json().error.details[0].reason).toContain('give the region or the id');
    });
  });

  describe('service items', () => {
    const header = ['事项编码(item_code)', '事项名称(name)', '事项类型(item_type)', '承诺办结时限(工作日)(promised_days)', '法定办结时限(工作日)(statutory_days)', '实施主体编码(owner_unit_code)', '行政区划代码(region_code)', '收费标准(fee)'];
    const versions = (code: string) => ta.t.db.selectFrom('service_items').select(['version', 'promised_days', 'superseded_at']).where('item_code', '=', code).orderBy('version').execute();

    it('imports CSV and XLSX; a changed row makes a new version, an unchanged one none', async () => {
      const file = csv([header, ['IMP-001', '居住证签注', '行政确认', '1', '15', 'LW-GAJ', '640181', '不收费'], ['IMP-002', '犬只登记', 'licensing', '3', '', 'LW-GAJ', '640181', '']]);
      expect((await send(county.cookie, 'service-items', 'i.csv', file)).json()).toMatchObject({ inserted: 2 });
      expect((await send(county.cookie, 'service-items', 'i.csv', file)).json()).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
      const x = await xlsx([['item_code', 'name', 'item_type', 'promised_days', 'owner_unit_id', 'region_code'], ['IMP-001', '居住证签注', 'confirmation', 2, m.lwUnit.id, '640181'], ['IMP-003', '新事项', '公共服务', 0, m.lwUnit.id, 640181]]);
      expect((await send(county.cookie, 'service-items', 'i.xlsx', x)).json()).toMatchObject({ inserted: 1, updated: 1, unchanged: 0 });
      const v = await versions('IMP-001');
      expect(v.map((r) => [r.version, r.promised_days])).toEqual([[1, 1], [2, 2]]);
      expect(v[0]!.superseded_at).not.toBeNull();
      expect(v[1]!.superseded_at).toBeNull();
      // Columns left out (fee, statutory days) kept the values of version 1.
      expect(await ta.c.repos.serviceItems.findCurrentByCode('IMP-001')).toMatchObject({ fee: '不收费', statutory_days: 15, owner_path: m.lwUnit.path });
    });

    it('rejects broken rows and writes nothing', async () => {
      const file = csv([
        header,
        ['BAD 1', '空格编码', 'licensing', '1', '', 'LW-GAJ', '640181', ''],
        ['IMP-010', '类型错', '许可', '1', '', 'LW-GAJ', '640181', ''],
        ['IMP-011', '时限错', 'licensing', 'five', '', 'LW-GAJ', '640181', ''],
        ['IMP-012', '超法定', 'licensing', '30', '20', 'LW-GAJ', '640181', ''],
        ['IMP-013', '无主体', 'licensing', '1', '', 'NOPE', '640181', ''],
        ['IMP-014', '越界', 'licensing', '1', '', 'XQ-GAJ', '640104', ''],
        ['IMP-015', '大厅', 'licensing', '1', '', 'LW-A', '640181', ''],
        ['IMP-016', '好', 'licensing', '1', '', 'LW-GAJ', '640181', ''],
        ['IMP-016', '重复', 'licensing', '1', '', 'LW-GAJ', '640181', ''],
      ]);
      const before = await masterDataCounts(ta);
      const res = await send(county.cookie, 'service-items', 'bad.csv', file);
      expect(res.statusCode).toBe(422);
      expect(cells(res)).toEqual(['2:item_code', '3:item_type', '4:promised_days', '5:promised_days', '6:owner_unit_code', '7:owner_unit_code', '8:owner_unit_code', '10:item_code']);
      expect(await masterDataCounts(ta)).toEqual(before);
    });

    it('will not take over an item whose current version is outside the scope', async () => {
      await ta.c.services.serviceItems.create(system, 'XQ-OWN', { name: '兴庆事项', itemType: 'public_service', promisedDays: 1, ownerUnitId: m.xqUnit.id, regionCode: '640104000000' });
      const res = await send(county.cookie, 'service-items', 'take.csv', csv([header, ['XQ-OWN', '抢过来', 'public_service', '1', '', 'LW-GAJ', '640181', '']]));
      expect(res.json().error.details).toEqual([{ row: 2, column: 'item_code', reason: 'the current version is outside your data scope' }]);
      expect(await versions('XQ-OWN')).toHaveLength(1);
    });
  });
});
