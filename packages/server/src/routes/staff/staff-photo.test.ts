import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceAuth, pairedDevice, seedDeviceWorld, type DeviceWorld } from '../../../test/device-fixtures.ts';
import { multipartFile } from '../../../test/multipart.ts';
import { createTestApp, loginAs, type TestApp } from '../../../test/test-app.ts';
import { STAFF_PHOTO_MAX_BYTES } from '../../services/staff.service.ts';

/** A real 1×1 PNG, and the first bytes of a JPEG and a WebP: their type is read from these. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 1)]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x20, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(40, 2)]);

describe('staff photos', () => {
  let ta: TestApp;
  let w: DeviceWorld;
  let lingwu: string;
  let xingqing: string;
  const upload = (cookie: string, staffId: number, name: string, bytes: Buffer, contentType = 'image/png') => {
    const body = multipartFile(name, bytes, { contentType });
    return ta.app.inject({ method: 'PUT', url: `/api/staff/${staffId}/photo`, headers: { cookie, ...body.headers }, payload: body.payload });
  };

  beforeAll(async () => {
    ta = await createTestApp();
    w = await seedDeviceWorld(ta);
    lingwu = (await loginAs(ta, 'lw.sup', 'supervisor', { scopeRegionCode: '640181' })).cookie;
    xingqing = (await loginAs(ta, 'xq.sup', 'supervisor', { scopeRegionCode: '640104' })).cookie;
  });
  afterAll(() => ta.close());

  it('stores an uploaded photo, serves it cached at its own address, and the device shows it', async () => {
    const res = await upload(lingwu, w.staffId, 'me.png', PNG);
    expect(res.statusCode).toBe(200);
    const photo = res.json().photo;
    expect(photo).toMatchObject({ contentType: 'image/png', sizeBytes: PNG.length });
    expect(photo.url).toMatch(new RegExp(`^/api/public/staff-photos/${w.staffId}/[0-9a-f]{64}$`));
    const served = await ta.app.inject({ method: 'GET', url: photo.url });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['cache-control']).toContain('immutable');
    expect(served.rawPayload.equals(PNG)).toBe(true);
    const device = await pairedDevice(ta, w.admin, w.window.id);
    const state = await ta.app.inject({ method: 'GET', url: '/api/device/state', headers: deviceAuth(device.token) });
    expect(JSON.stringify(state.json())).toContain(photo.url);
  });

  it('replacing a photo retires the old address; deleting falls back to the typed address; both audited', async () => {
    const first = (await upload(lingwu, w.staffId, 'a.jpg', JPEG, 'image/jpeg')).json().photo;
    const second = await upload(lingwu, w.staffId, 'b.webp', WEBP, 'image/webp');
    expect(second.json().photo.contentType).toBe('image/webp');
    expect((await ta.app.inject({ method: 'GET', url: first.url })).statusCode).toBe(404);
    expect((await ta.app.inject({ method: 'GET', url: second.json().photo.url })).statusCode).toBe(200);
    const deleted = await ta.app.inject({ method: 'DELETE', url: `/api/staff/${w.staffId}/photo`, headers: { cookie: lingwu } });
    expect(deleted.json()).toMatchObject({ photo: null, photoUrl: '/photos/E001.jpg' });
    expect((await ta.app.inject({ method: 'GET', url: second.json().photo.url })).statusCode).toBe(404);
    const again = await ta.app.inject({ method: 'DELETE', url: `/api/staff/${w.staffId}/photo`, headers: { cookie: lingwu } });
    expect(again.statusCode).toBe(404);
    const audit = await ta.c.repos.audit.list({ limit: 10, targetType: 'staff', targetId: String(w.staffId) });
    expect(audit.map((a) => a.action).slice(0, 4)).toEqual(['staff.photo.delete', 'staff.photo.upload', 'staff.photo.upload', 'staff.photo.upload']);
  });

  it('refuses another type by its bytes (415), a file too large (413), and stores nothing', async () => {
    const svgAsPng = await upload(lingwu, w.staffId, 'x.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/png');
    expect(svgAsPng.statusCode).toBe(415);
    expect(svgAsPng.json().error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'file' });
    const pdf = await upload(lingwu, w.staffId, 'x.pdf', Buffer.from('%PDF-1.4\n'), 'application/pdf');
    expect(pdf.statusCode).toBe(415);
    const big = await upload(lingwu, w.staffId, 'big.png', Buffer.concat([PNG, Buffer.alloc(STAFF_PHOTO_MAX_BYTES)]));
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: 'file' });
    expect((await ta.app.inject({ method: 'GET', url: `/api/staff/${w.staffId}`, headers: { cookie: lingwu } })).json().photo).toBeNull();
  });

  it('refuses staff outside the caller’s scope (403) and callers without staff.write', async () => {
    const other = await upload(xingqing, w.staffId, 'me.png', PNG);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('OUT_OF_SCOPE');
    const clerk = (await loginAs(ta, 'lw.clerk', 'clerk', { scopeRegionCode: '640181' })).cookie;
    expect((await upload(clerk, w.staffId, 'me.png', PNG)).statusCode).toBe(403);
    expect((await ta.app.inject({ method: 'DELETE', url: `/api/staff/${w.staffId}/photo`, headers: { cookie: xingqing } })).statusCode).toBe(403);
    expect(await ta.c.db.selectFrom('staff_photos').select('staff_id').execute()).toEqual([]);
  });
});
