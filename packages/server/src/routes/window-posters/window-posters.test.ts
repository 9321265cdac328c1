import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseWorld } from '../../../test/case-fixtures.ts';
import { seedCaseWorld } from '../../../test/evaluation-fixtures.ts';
import { createTestApp, loginAs, type TestApp } from '../../../test/test-app.ts';
import { PDF_FONT_NAME } from '../../documents/pdf.ts';
import { qrModules } from '../../documents/window-poster.ts';

/** The text-drawing and path operators of a PDF's content streams, inflated. */
function contentStreams(pdf: Buffer): string {
  const text = pdf.toString('latin1');
  const out: string[] = [];
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    try {
      out.push(zlib.inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // not a deflated stream (or a font program): skip
    }
  }
  return out.join('\n');
}

describe('GET /api/organisations/:id/poster.pdf', () => {
  let ta: TestApp;
  let w: CaseWorld;
  let admin: { cookie: string };
  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedCaseWorld(ta);
    admin = await loginAs(ta, 'admin', 'sysadmin');
  });
  afterAll(() => ta.close());

  it('is an A4 PDF with the Chinese font embedded and the window link’s QR code drawn module by module', async () => {
    const res = await ta.app.inject({ url: `/api/organisations/${w.window.id}/poster.pdf`, headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="window-${w.window.id}-poster.pdf"`);
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw).toContain(PDF_FONT_NAME);
    expect(raw).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);

    // One filled square per dark module of the QR code of the window's public link.
    const link = (await ta.app.inject({ url: `/api/organisations/${w.window.id}/public-link`, headers: { cookie: admin.cookie } })).json<{ url: string }>();
    const dark = qrModules(link.url).flat().filter(Boolean).length;
    expect(dark).toBeGreaterThan(100);
    const squares = contentStreams(pdf).match(/ re\n/g)?.length ?? 0;
    // The white backing square is the one more.
    expect(squares).toBe(dark + 1);
  });

  it('is only for windows, and needs a session', async () => {
    expect((await ta.app.inject({ url: `/api/organisations/${w.mz.id}/poster.pdf`, headers: { cookie: admin.cookie } })).statusCode).toBe(404);
    expect((await ta.app.inject({ url: '/api/organisations/2147483647/poster.pdf', headers: { cookie: admin.cookie } })).statusCode).toBe(404);
    expect((await ta.app.inject({ url: '/api/organisations/abc/poster.pdf', headers: { cookie: admin.cookie } })).statusCode).toBe(400);
    expect((await ta.app.inject({ url: `/api/organisations/${w.window.id}/poster.pdf` })).statusCode).toBe(401);
  });
});
