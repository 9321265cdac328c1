import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCase, pushCase, type CaseWorld } from '../../../test/case-fixtures.ts';
import { completedCase, seedCaseWorld } from '../../../test/evaluation-fixtures.ts';
import { createTestApp, loginAs, type TestApp } from '../../../test/test-app.ts';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(200)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** multipart/form-data with the rating as JSON in "evaluation" and an optional file. */
function entryUpload(evaluation: object | string, file?: { content: Buffer; field?: string; filename?: string; contentType?: string }) {
  const boundary = `----hcp-eval-${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="evaluation"\r\n\r\n${typeof evaluation === 'string' ? evaluation : JSON.stringify(evaluation)}\r\n`),
  ];
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'scan'}"; filename="${file.filename ?? 'form.png'}"\r\nContent-Type: ${file.contentType ?? 'image/png'}\r\n\r\n`), file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('ratings entered by staff (phone, paper form, e-mail, WeChat)', () => {
  let ta: TestApp;
  let w: CaseWorld;
  let lwOp: { cookie: string; userId: number };
  let lwSup: string;
  let lwClerk: string;
  let lwUnitAdmin: string;
  let xqOp: string;
  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedCaseWorld(ta);
    lwOp = await loginAs(ta, 'lw.op', 'operator', { scopeRegionCode: '640181' });
    lwSup = (await loginAs(ta, 'lw.sup', 'supervisor', { scopeRegionCode: '640181' })).cookie;
    lwClerk = (await loginAs(ta, 'lw.clerk', 'clerk', { scopeOrgId: w.mz.id })).cookie;
    lwUnitAdmin = (await loginAs(ta, 'lw.ua', 'unit_admin', { scopeOrgId: w.mz.id })).cookie;
    xqOp = (await loginAs(ta, 'xq.op', 'operator', { scopeRegionCode: '640104' })).cookie;
  });
  afterAll(() => ta.close());

  const enter = (cookie: string, body: object) => ta.app.inject({ method: 'POST', url: '/api/evaluations', headers: { cookie }, payload: body });
  const upload = (cookie: string, up: ReturnType<typeof entryUpload>) => ta.app.inject({ method: 'POST', url: '/api/evaluations', headers: { cookie, ...up.headers }, payload: up.payload });
  const errorOf = (res: { statusCode: number; json(): { error: { code: string; field?: string } } }) => `${res.statusCode} ${res.json().error.code}:${res.json().error.field ?? ''}`;

  it('an operator enters a 12345 phone rating by case number; it records who entered it, as an active rating', async () => {
    await completedCase(ta, w, 'EN-PHONE');
    const res = await enter(lwOp.cookie, { caseNo: 'EN-PHONE', channel: 'phone', level: 2, tags: ['201'], text: '电话回访：等待时间长', realName: true, scores: { attitude: 3 } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ caseNo: 'EN-PHONE', round: 1, kind: 'active', level: 2, bad: true, policyVersion: 1, scanStored: false });
    const row = await ta.c.repos.evaluations.find(res.json().id);
    expect(row).toMatchObject({ channel: 'phone', entered_by: lwOp.userId, real_name: true, kind: 'active', scan_ref: null });
    const audit = await ta.c.db.selectFrom('audit_log').select(['actor_id']).where('action', '=', 'evaluation.record').where('target_id', '=', String(res.json().id)).execute();
    expect(audit).toEqual([{ actor_id: `user:${lwOp.userId}` }]);
  });

  it('a paper form with its scan (multipart): the scan is stored with the rating and read back only with a reason', async () => {
    const caseId = await completedCase(ta, w, 'EN-PAPER');
    const res = await upload(lwOp.cookie, entryUpload({ caseId, channel: 'paper', level: 5, tags: ['502'] }, { content: PNG }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ scanStored: true, level: 5 });
    const id = res.json().id as number;
    expect((await ta.c.repos.evaluations.find(id))!.scan_ref).toMatch(/^sha256:[0-9a-f]{64}$/);

    const scan = await ta.app.inject({ method: 'GET', url: `/api/evaluations/${id}/scan?reason=${encodeURIComponent('核实书面评价表')}`, headers: { cookie: lwSup } });
    expect(scan.statusCode).toBe(200);
    expect(scan.headers['content-type']).toBe('image/png');
    expect(scan.rawPayload.equals(PNG)).toBe(true);
    const audit = await ta.c.db.selectFrom('audit_log').select(['detail']).where('action', '=', 'evaluation.scan.read').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ reason: '核实书面评价表' });

    expect((await ta.app.inject({ method: 'GET', url: `/api/evaluations/${id}/scan?reason=${encodeURIComponent('想看看是谁')}`, headers: { cookie: lwClerk } })).statusCode).toBe(403);
    expect((await ta.app.inject({ method: 'GET', url: `/api/evaluations/${id}/scan`, headers: { cookie: lwSup } })).statusCode).toBe(400);
  });

  it('a PDF scan is accepted too; a paper form archived elsewhere is referenced by scanRef', async () => {
    const pdfCase = await completedCase(ta, w, 'EN-PDF');
    const pdf = await upload(lwSup, entryUpload({ caseId: pdfCase, channel: 'paper', level: 4 }, { content: PDF, filename: 'form.pdf', contentType: 'application/pdf' }));
    expect(pdf.statusCode).toBe(201);
    await completedCase(ta, w, 'EN-REF');
    const ref = await enter(lwOp.cookie, { caseNo: 'EN-REF', channel: 'paper', level: 4, scanRef: '灵武市档案室 2026-PF-0012' });
    expect(ref.statusCode).toBe(201);
    const scan = await ta.app.inject({ method: 'GET', url: `/api/evaluations/${ref.json().id}/scan?reason=${encodeURIComponent('核实书面评价表')}`, headers: { cookie: lwSup } });
    expect(scan.statusCode).toBe(404);
    expect(scan.json().error.message).toContain('2026-PF-0012');
  });

  it('a retry with the same idempotency key answers the first result and stores one rating', async () => {
    await completedCase(ta, w, 'EN-RETRY');
    const body = { caseNo: 'EN-RETRY', channel: 'wechat', level: 4, idempotencyKey: 'wechat-msg-000123' };
    const [a, b] = [await enter(lwOp.cookie, body), await enter(lwOp.cookie, body)];
    expect(b.json().id).toBe(a.json().id);
    expect(await ta.c.db.selectFrom('evaluations').innerJoin('cases', 'cases.id', 'evaluations.case_id').select('evaluations.id').where('cases.case_no', '=', 'EN-RETRY').execute()).toHaveLength(1);
  });

  it('refuses bad input with its field: unknown channel, level out of range, paper without a scan, a scan that is not a PDF or image', async () => {
    const caseId = await completedCase(ta, w, 'EN-BAD');
    expect(errorOf(await enter(lwOp.cookie, { caseId, channel: 'fax', level: 4 }))).toBe('400 VALIDATION_FAILED:channel');
    expect(errorOf(await enter(lwOp.cookie, { caseId, channel: 'device', level: 4 }))).toBe('400 VALIDATION_FAILED:channel');
    expect(errorOf(await enter(lwOp.cookie, { caseId, channel: 'phone', level: 6 }))).toBe('400 VALIDATION_FAILED:level');
    expect(errorOf(await enter(lwOp.cookie, { caseId, channel: 'phone', level: 0 }))).toBe('400 VALIDATION_FAILED:level');
    expect(errorOf(await enter(lwOp.cookie, { caseId, channel: 'paper', level: 4 }))).toBe('400 VALIDATION_FAILED:scan');
    expect(errorOf(await upload(lwOp.cookie, entryUpload({ caseId, channel: 'paper', level: 4 }, { content: Buffer.from('GIF89a....'), filename: 'form.png' })))).toBe('415 UNSUPPORTED_MEDIA_TYPE:scan');
    expect(errorOf(await upload(lwOp.cookie, entryUpload({ caseId, channel: 'paper', level: 4 }, { content: Buffer.from('MZ\x90\x00 this is an exe'), filename: 'form.pdf', contentType: 'application/pdf' })))).toBe('415 UNSUPPORTED_MEDIA_TYPE:scan');
    expect(errorOf(await upload(lwOp.cookie, entryUpload({ caseId, channel: 'paper', level: 4 }, { content: Buffer.alloc(0) })))).toBe('400 VALIDATION_FAILED:scan');
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
    expect(errorOf(await upload(lwOp.cookie, entryUpload({ caseId, channel: 'paper', level: 4 }, { content: big })))).toBe('413 PAYLOAD_TOO_LARGE:scan');
    expect(errorOf(await upload(lwOp.cookie, entryUpload({ caseId, channel: 'paper', level: 4 }, { content: PNG, field: 'file' })))).toBe('400 VALIDATION_FAILED:scan');
    expect(errorOf(await upload(lwOp.cookie, entryUpload('{not json', { content: PNG })))).toBe('400 INVALID_JSON:evaluation');
    expect(errorOf(await upload(lwOp.cookie, entryUpload({ caseId, channel: 'paper', level: 4, evaluator: '张三' }, { content: PNG })))).toBe('400 VALIDATION_FAILED:evaluator');
    expect(errorOf(await upload(lwOp.cookie, entryUpload({ caseId, channel: 'paper', level: 4, scanRef: 'A-1' }, { content: PNG })))).toBe('400 VALIDATION_FAILED:scanRef');
    expect(errorOf(await enter(lwOp.cookie, { caseId, caseNo: 'EN-BAD', channel: 'phone', level: 4 }))).toBe('400 VALIDATION_FAILED:caseId');
    expect(errorOf(await enter(lwOp.cookie, { channel: 'phone', level: 4 }))).toBe('400 VALIDATION_FAILED:caseId');
    expect(errorOf(await enter(lwOp.cookie, { caseId, channel: 'phone', level: 1 }))).toBe('400 VALIDATION_FAILED:tags');
    expect(errorOf(await enter(lwOp.cookie, { caseId, channel: 'phone', level: 5, tags: ['101'] }))).toBe('400 VALIDATION_FAILED:tags.0');
    expect(errorOf(await enter(lwOp.cookie, { caseId, channel: 'phone', level: 5, scores: { attitude: 9 } }))).toBe('400 VALIDATION_FAILED:scores.attitude');
    expect(errorOf(await enter(lwOp.cookie, { caseNo: 'NO-SUCH-CASE', channel: 'phone', level: 4 }))).toBe('404 NOT_FOUND:caseNo');
    const open = (await pushCase(ta, w.lwKey, aCase('EN-OPEN'))).json().id;
    expect(errorOf(await enter(lwOp.cookie, { caseId: open, channel: 'phone', level: 4 }))).toBe('409 EVALUATION_NOT_OPEN:caseId');
    expect(await ta.c.db.selectFrom('evaluations').select('id').where('case_id', '=', caseId).execute()).toEqual([]);
    expect(await ta.c.db.selectFrom('evaluation_scans').select('id').execute()).toHaveLength(2);
  });

  it('an operator of 640104 may not rate a 640181 case; unit staff may not rate at all', async () => {
    await completedCase(ta, w, 'EN-SCOPE');
    const other = await enter(xqOp, { caseNo: 'EN-SCOPE', channel: 'phone', level: 5 });
    expect(errorOf(other)).toBe('403 OUT_OF_SCOPE:');
    expect(errorOf(await enter(lwClerk, { caseNo: 'EN-SCOPE', channel: 'phone', level: 5 }))).toBe('403 FORBIDDEN:');
    expect(errorOf(await enter(lwUnitAdmin, { caseNo: 'EN-SCOPE', channel: 'phone', level: 5 }))).toBe('403 FORBIDDEN:');
    expect((await ta.app.inject({ method: 'POST', url: '/api/evaluations', payload: { caseNo: 'EN-SCOPE', channel: 'phone', level: 5 } })).statusCode).toBe(401);
    const ok = await enter(lwOp.cookie, { caseNo: 'EN-SCOPE', channel: 'email', level: 5 });
    expect(ok.statusCode).toBe(201);
    expect(errorOf(await enter(lwOp.cookie, { caseNo: 'EN-SCOPE', channel: 'phone', level: 5 }))).toBe('409 ALREADY_EVALUATED:caseId');
    expect((await enter(lwOp.cookie, { caseNo: 'EN-SCOPE', channel: 'phone', level: 4, followUp: true })).json().round).toBe(2);
  });
});
