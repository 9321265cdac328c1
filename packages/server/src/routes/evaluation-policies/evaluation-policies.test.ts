import { NATIONAL_DEFAULT_POLICY as P, type EvaluationPolicy } from '@hcp/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCase, pushCase, seedCaseWorld, type CaseWorld } from '../../../test/case-fixtures.ts';
import { createTestApp, loginAs, system, type TestApp } from '../../../test/test-app.ts';

describe('evaluation policy administration', () => {
  let ta: TestApp;
  let w: CaseWorld;
  let admin: string;
  let lwSup: string;
  let lwClerk: string;
  let xqSup: string;
  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedCaseWorld(ta);
    admin = (await loginAs(ta, 'admin', 'sysadmin')).cookie;
    lwSup = (await loginAs(ta, 'lw.sup', 'supervisor', { scopeRegionCode: '640181' })).cookie;
    lwClerk = (await loginAs(ta, 'lw.clerk', 'clerk', { scopeOrgId: w.mz.id })).cookie;
    xqSup = (await loginAs(ta, 'xq.sup', 'supervisor', { scopeRegionCode: '640104' })).cookie;
  });
  afterAll(() => ta.close());

  const get = (cookie: string, url: string) => ta.app.inject({ method: 'GET', url, headers: { cookie } });
  const save = (cookie: string, region: string, policy: unknown, note?: string) =>
    ta.app.inject({ method: 'POST', url: `/api/evaluation-policies/${region}`, headers: { cookie }, payload: { policy, ...(note ? { note } : {}) } });

  it('every staff member reads the policy in force: the national one until a region has its own', async () => {
    const national = await get(lwClerk, '/api/evaluation-policies/national');
    expect(national.statusCode).toBe(200);
    expect(national.json()).toMatchObject({ regionCode: '000000000000', version: 1, sourceRegionCode: '000000000000', inherited: false, note: '国家默认评价规则' });
    expect(national.json().policy).toEqual(P);
    const lingwu = await get(lwClerk, '/api/evaluation-policies/640181');
    expect(lingwu.json()).toMatchObject({ regionCode: '640181000000', sourceRegionCode: '000000000000', inherited: true, id: national.json().id });
    expect((await get(lwClerk, '/api/evaluation-policies/640181/versions')).json()).toEqual({ items: [] });
  });

  it('a supervisor saves a new version for their county and gets what changed against the one in force', async () => {
    const policy: EvaluationPolicy = {
      ...P,
      tags: [...P.tags.filter((t) => t.code !== '104'), { code: '206', level: 2, zh: '排队时间长', en: 'Long queue' }],
      content: { ...P.content, offline: [...P.content.offline, { code: 'environment', zh: '大厅环境', en: 'Hall environment' }] },
      defaultAfterWorkingDays: 7,
    };
    const res = await save(lwSup, '640181', policy, '灵武市规则：7 个工作日');
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ regionCode: '640181000000', version: 1, basedOn: { regionCode: '000000000000', version: 1 } });
    expect(body.diff.unchanged).toBe(false);
    expect(body.diff.tags.added.map((t: { code: string }) => t.code)).toEqual(['206']);
    expect(body.diff.tags.removed.map((t: { code: string }) => t.code)).toEqual(['104']);
    expect(body.diff.indicators.offline.added.map((t: { code: string }) => t.code)).toEqual(['environment']);
    expect(body.diff.settings).toEqual([{ field: 'defaultAfterWorkingDays', before: 5, after: 7 }]);

    const inForce = (await get(lwClerk, '/api/evaluation-policies/640181')).json();
    expect(inForce).toMatchObject({ id: body.id, version: 1, sourceRegionCode: '640181000000', inherited: false, note: '灵武市规则：7 个工作日' });
    // A township below inherits its county's version; the neighbour county keeps the national one.
    expect((await get(lwSup, '/api/evaluation-policies/640181100')).json()).toMatchObject({ id: body.id, inherited: true });
    expect((await get(xqSup, '/api/evaluation-policies/640104')).json().sourceRegionCode).toBe('000000000000');

    const second = await save(lwSup, '640181', { ...policy, textMaxLength: 300 });
    expect(second.json()).toMatchObject({ version: 2, basedOn: { id: body.id, regionCode: '640181000000', version: 1 }, diff: { settings: [{ field: 'textMaxLength', before: 150, after: 300 }] } });
    const versions = (await get(lwSup, '/api/evaluation-policies/640181/versions')).json().items;
    expect(versions.map((v: { version: number; author: string; note: string | null }) => [v.version, v.author, v.note])).toEqual([[2, 'lw.sup', null], [1, 'lw.sup', '灵武市规则：7 个工作日']]);
    const audit = await ta.c.db.selectFrom('audit_log').select(['action', 'target_id']).where('action', '=', 'evaluation_policy.save').execute();
    expect(audit).toHaveLength(2);
  });

  it('evaluations keep pointing to the version they were made with', async () => {
    const pushed = await pushCase(ta, w.lwKey, aCase('POL-1', { stages: [{ stage: 'received', at: '2026-11-02T09:00:00+08:00' }, { stage: 'completed', at: '2026-11-03T10:00:00+08:00' }] }));
    const r = await ta.c.services.evaluations.record(system, { caseId: pushed.json().id, channel: 'device', level: 2, tags: ['206'] });
    expect(r.policyVersion).toBe(2);
    const before = await ta.c.repos.evaluations.find(r.id);
    await save(lwSup, '640181', { ...P, textMaxLength: 200 });
    const after = await ta.c.repos.evaluations.find(r.id);
    expect(after!.policy_id).toBe(before!.policy_id);
    expect((await ta.c.repos.evaluations.policyById(after!.policy_id))!.version).toBe(2);
  });

  it('only a system administrator changes the national policy', async () => {
    expect((await save(lwSup, 'national', { ...P, textMaxLength: 200 })).statusCode).toBe(403);
    const ok = await save(admin, 'national', { ...P, textMaxLength: 200 }, '全国调整');
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ regionCode: '000000000000', version: 2, basedOn: { version: 1 } });
    // Regions without their own version follow at once.
    expect((await get(xqSup, '/api/evaluation-policies/640104')).json().policy.textMaxLength).toBe(200);
  });

  it('refuses other counties, roles without policy.write and unknown regions', async () => {
    const other = await save(lwSup, '640104', { ...P, textMaxLength: 222 });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('OUT_OF_SCOPE');
    // Reading is open to all staff: evaluation rules are published.
    expect((await get(lwSup, '/api/evaluation-policies/640104')).statusCode).toBe(200);
    const clerk = await save(lwClerk, '640181', { ...P, textMaxLength: 222 });
    expect(clerk.statusCode).toBe(403);
    expect(clerk.json().error.code).toBe('FORBIDDEN');
    expect((await save(admin, '640181999', { ...P, textMaxLength: 222 })).statusCode).toBe(404);
    expect((await get(lwSup, '/api/evaluation-policies/64018')).statusCode).toBe(400);
  });

  it('answers every inconsistency with its field, and malformed policies with the field too', async () => {
    const bad = await save(lwSup, '640181', { ...P, defaultLevel: 2, reminderWorkingDaysBefore: 9, tags: [...P.tags, { code: '599', level: 4, zh: 'x', en: 'x' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toEqual(['policy.defaultLevel', `policy.tags.${P.tags.length}.code`, 'policy.reminderWorkingDaysBefore']);

    const { tags: _, ...missing } = P;
    const noTags = await save(lwSup, '640181', missing);
    expect(noTags.statusCode).toBe(400);
    expect(noTags.json().error.field).toBe('policy.tags');
    const extra = await save(lwSup, '640181', { ...P, surprise: 1 });
    expect(extra.json().error.field).toBe('policy.surprise');
    const wrongType = await save(lwSup, '640181', { ...P, defaultLevel: 6 });
    expect(wrongType.json().error.field).toBe('policy.defaultLevel');
    const badTag = await save(lwSup, '640181', { ...P, tags: [{ code: 'abc', level: 5, zh: 'x', en: 'x' }] });
    expect(badTag.json().error.field).toBe('policy.tags.0.code');

    const current = (await get(lwSup, '/api/evaluation-policies/640181')).json().policy;
    const same = await save(lwSup, '640181', current);
    expect(same.statusCode).toBe(400);
    expect(same.json().error.field).toBe('policy');
  });
});
