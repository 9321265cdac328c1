import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { createTestApp, loginAs, seedRegions, type TestApp } from '../../test/test-app.ts';

describe('HTTP basics: health, OpenAPI, metrics and bad input', () => {
  let ta: TestApp;
  let admin: string;
  beforeAll(async () => {
    ta = await createTestApp();
    await seedRegions(ta);
    admin = (await loginAs(ta, 'admin', 'sysadmin')).cookie;
  });
  afterAll(() => ta.close());

  it('serves health, the OpenAPI document of every route, docs and metrics', async () => {
    expect((await ta.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const doc = (await ta.app.inject('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/auth/login', '/api/regions', '/api/organisations/{id}', '/api/calendar/{regionCode}/deadline', '/api/audit/verify']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect((await ta.app.inject('/api/docs/')).statusCode).toBe(200);
    const metrics = await ta.app.inject('/metrics');
    expect(metrics.body).toContain('hcp_http_requests_total');
    expect(metrics.body).toContain('hcp_jobs_oldest_pending_seconds');
  });

  it('echoes or assigns a request id', async () => {
    const res = await ta.app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect((await ta.app.inject('/healthz')).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  const post = (url: string, payload: string | object, headers: Record<string, string> = {}) =>
    ta.app.inject({ method: 'POST', url, headers: { cookie: admin, 'content-type': 'application/json', ...headers }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });

  it.each([
    ['malformed JSON', '{"regionCode": "640181", ', 400, 'INVALID_JSON', 'body'],
    ['wrong type', { regionCode: 640181, kind: 'unit', name: 'x' }, 400, 'VALIDATION_FAILED', 'regionCode'],
    ['missing field', { regionCode: '640181', kind: 'unit' }, 400, 'VALIDATION_FAILED', 'name'],
    ['unknown field', { regionCode: '640181', kind: 'unit', name: 'x', colour: 'red' }, 400, 'VALIDATION_FAILED', 'colour'],
    ['over-long string', { regionCode: '640181', kind: 'unit', name: '局'.repeat(201) }, 400, 'VALIDATION_FAILED', 'name'],
    ['bad region code', { regionCode: '64018', kind: 'unit', name: 'x' }, 400, 'VALIDATION_FAILED', 'regionCode'],
    ['unknown region', { regionCode: '650000', kind: 'unit', name: 'x' }, 422, 'UNKNOWN_REFERENCE', 'regionCode'],
    ['unknown enum value', { regionCode: '640181', kind: 'bureau', name: 'x' }, 400, 'VALIDATION_FAILED', 'kind'],
  ])('%s → %i %s on field %s', async (_name, payload, status, code, field) => {
    const before = (await ta.c.db.selectFrom('organisations').select('id').execute()).length;
    const res = await post('/api/organisations', payload);
    expect(res.statusCode).toBe(status);
    expect(res.json().error).toMatchObject({ code, field });
    expect((await ta.c.db.selectFrom('organisations').select('id').execute()).length).toBe(before);
  });

  it('answers an unsupported content type, an oversized body and an unknown route with 4xx', async () => {
    const xml = await post('/api/organisations', '<org/>', { 'content-type': 'application/xml' });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const big = await post('/api/regions', JSON.stringify({ code: '640181', name: 'x'.repeat(3 * 1024 * 1024) }));
    expect(big.statusCode).toBe(413);
    const missing = await ta.app.inject('/api/nothing-here');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
  });

  it('rejects query strings of the wrong type with the field name', async () => {
    const res = await ta.app.inject({ url: '/api/organisations?limit=lots', headers: { cookie: admin } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('limit');
    const id = await ta.app.inject({ url: '/api/organisations/99999999999', headers: { cookie: admin } });
    expect(id.statusCode).toBe(400);
  });
});

describe('the built web app: the console and the public pages are two pages', () => {
  let ta: TestApp;
  let web: string;
  beforeAll(async () => {
    ta = await createTestApp();
    web = fs.mkdtempSync(path.join(os.tmpdir(), 'hcp-web-dist-'));
    fs.writeFileSync(path.join(web, 'index.html'), '<title>public</title>');
    fs.writeFileSync(path.join(web, 'console.html'), '<title>console</title>');
  });
  afterAll(async () => {
    await ta.close();
    fs.rmSync(web, { recursive: true, force: true });
  });

  it('serves console.html under /console, index.html for every other deep link, and JSON 404s under /api', async () => {
    const app = await buildApp({ container: ta.c, webDistDir: web });
    try {
      for (const url of ['/console', '/console/', '/console/login?next=%2Fconsole%2Fcases', '/console/windows/7/poster']) {
        const res = await app.inject(url);
        expect([url, res.statusCode, res.headers['content-type'], res.body]).toEqual([url, 200, expect.stringContaining('text/html'), '<title>console</title>']);
      }
      for (const url of ['/', '/e/AbCdEfGhIjKl', '/e/s?k=hk_x&c=1', '/q/window01', '/suggest', '/device', '/consoles', '/no/such/page']) {
        const res = await app.inject(url);
        expect([url, res.statusCode, res.body]).toEqual([url, 200, '<title>public</title>']);
      }
      const api = await app.inject('/api/no-such-route');
      expect([api.statusCode, api.json().error.code]).toEqual([404, 'NOT_FOUND']);
    } finally {
      await app.close();
    }
  });
});
