import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContainer, type Container } from '../container.ts';
import { buildApp, type App } from '../http/app.ts';
import { Worker } from '../jobs/worker.ts';
import { createJobHandlers } from '../jobs/handlers.ts';
import { ephemeralKeyring } from '../security/key-store.ts';
import { PiiCipher } from '../security/pii-cipher.ts';
import { DevSmsGateway, HttpSmsGateway, type OutgoingSms, type SmsGateway } from '../sms/sms-gateway.ts';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.ts';
import { loginAs } from '../../test/test-app.ts';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A gateway whose behaviour each test sets: deliver, fail, or deliver and then "crash". */
class ScriptedGateway implements SmsGateway {
  readonly name = 'scripted';
  mode: 'ok' | 'down' | 'crash-after-send' = 'ok';
  constructor(private readonly dev: DevSmsGateway) {}
  async send(m: OutgoingSms) {
    if (this.mode === 'down') throw new Error('connect ECONNREFUSED');
    const r = await this.dev.send(m);
    if (this.mode === 'crash-after-send') throw new Error('process died before recording the send');
    return r;
  }
}

describe('SMS through the transactional outbox', () => {
  let t: TestDatabase;
  let c: Container;
  let gw: ScriptedGateway;
  let worker: Worker;
  let app: App;
  beforeAll(async () => {
    t = await createTestDatabase();
    c = createContainer({
      db: t.db,
      cipher: new PiiCipher(ephemeralKeyring()),
      auth: { sessionTtlMinutes: 60, loginMaxFailures: 3, loginLockMinutes: 15 },
      smsGateway: (repo) => (gw = new ScriptedGateway(new DevSmsGateway(repo))),
    });
    worker = new Worker({ instanceId: 'w', handlers: createJobHandlers(c, quiet), jobs: c.repos.jobs, logger: quiet });
    app = await buildApp({ container: c, smsWebhookToken: 'hook-secret-123' });
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  const queue = (phone: string, purpose: 'invitation' | 'otp' = 'invitation') =>
    c.db.transaction().execute((trx) => c.services.sms.queue(trx, { phone, body: '【好差评】请评价您的办件', purpose }));
  const dueNow = () => c.db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000) }).where('status', '=', 'pending').execute();
  const inbox = () => c.db.selectFrom('dev_sms_inbox').selectAll().execute();

  it('a message queued in a rolled-back transaction never exists; a committed one is sent once', async () => {
    await expect(c.db.transaction().execute(async (trx) => {
      await c.services.sms.queue(trx, { phone: '13900000001', body: 'x', purpose: 'invitation' });
      throw new Error('business change failed');
    })).rejects.toThrow();
    expect(await c.db.selectFrom('sms_messages').select('id').execute()).toEqual([]);
    const { messageId } = await queue('13900000002');
    await worker.drain();
    await worker.drain();
    const m = await c.repos.sms.find(messageId);
    expect(m).toMatchObject({ status: 'sent', phone_masked: '139****0002', attempts: 1 });
    expect(m!.phone_enc).not.toContain('13900000002');
    expect(await inbox()).toHaveLength(1);
  });

  it('a crash after the provider accepted does not send the message twice', async () => {
    gw.mode = 'crash-after-send';
    const { messageId } = await queue('13900000003');
    await worker.drain();
    expect((await c.repos.sms.find(messageId))!.status).toBe('queued');
    gw.mode = 'ok';
    await dueNow();
    await worker.drain();
    expect((await c.repos.sms.find(messageId))!.status).toBe('sent');
    expect((await inbox()).filter((r) => r.message_id === messageId)).toHaveLength(1);
  });

  it('a gateway down for an hour: retried with backoff, then sent', async () => {
    gw.mode = 'down';
    const { messageId } = await queue('13900000004');
    for (let i = 0; i < 10; i++) {
      await dueNow();
      await worker.drain();
    }
    const waiting = await c.repos.sms.find(messageId);
    expect(waiting).toMatchObject({ status: 'queued', attempts: 10, last_error: 'connect ECONNREFUSED' });
    const job = await c.db.selectFrom('jobs').selectAll().where('dedupe_key', '=', `sms:${messageId}`).executeTakeFirstOrThrow();
    expect(job.status).toBe('pending');
    expect(job.max_attempts).toBeGreaterThan(12);
    gw.mode = 'ok';
    await dueNow();
    await worker.drain();
    expect((await c.repos.sms.find(messageId))!.status).toBe('sent');
  });

  it('honours an opt-out for invitations, not for a code the person asked for', async () => {
    await c.services.sms.optOut('139-0000-0005', 'reply');
    expect((await queue('13900000005')).suppressed).toBe(true);
    expect((await queue('13900000005', 'otp')).suppressed).toBe(false);
  });

  it('takes delivery reports only with the webhook token', async () => {
    const { messageId } = await queue('13900000006');
    await worker.drain();
    const payload = { messageId: `dev-${messageId}`, status: 'delivered' };
    expect((await app.inject({ method: 'POST', url: '/api/sms/status', payload })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/sms/status', payload, headers: { 'x-hcp-webhook-token': 'wrong-secret-12' } })).statusCode).toBe(401);
    const ok = await app.inject({ method: 'POST', url: '/api/sms/status', payload, headers: { 'x-hcp-webhook-token': 'hook-secret-123' } });
    expect(ok.statusCode).toBe(200);
    expect((await c.repos.sms.find(messageId))!.status).toBe('delivered');
  });

  it('shows the outbox to supervisors, masked', async () => {
    const ta = { app, c, t, close: async () => undefined };
    await c.services.regions.save({ actor: { kind: 'system', name: 't' }, requestId: 't' }, [{ code: '640000', name: '宁夏回族自治区' }]);
    const sup = await loginAs(ta, 'sms.sup', 'supervisor', { scopeRegionCode: '640000' });
    const res = await app.inject({ url: '/api/sms/messages', headers: { cookie: sup.cookie } });
    expect(res.statusCode).toBe(200);
    expect(JSON.stringify(res.json())).not.toMatch(/139\d{8}/);
    const clerk = await loginAs(ta, 'sms.clerk', 'clerk', { scopeRegionCode: '640000' });
    expect((await app.inject({ url: '/api/sms/messages', headers: { cookie: clerk.cookie } })).statusCode).toBe(403);
  });

  it('the HTTP gateway sends our message id as idempotency key and fails on a non-2xx', async () => {
    const calls: { headers: Record<string, string>; body: string }[] = [];
    const fake = (async (_url: string, init: RequestInit) => {
      calls.push({ headers: init.headers as Record<string, string>, body: String(init.body) });
      return new Response(JSON.stringify({ messageId: 'p-1' }), { status: calls.length === 1 ? 503 : 200 });
    }) as unknown as typeof fetch;
    const http = new HttpSmsGateway('http://127.0.0.1:9/sms', 'tok', fake);
    const sms = { messageId: 77, phone: '13900000007', phoneMasked: '139****0007', body: 'hi' };
    await expect(http.send(sms)).rejects.toThrow('503');
    expect(await http.send(sms)).toEqual({ providerMessageId: 'p-1' });
    expect(calls[1]!.headers['idempotency-key']).toBe('hcp-77');
    expect(JSON.parse(calls[1]!.body)).toEqual({ id: 'hcp-77', to: '13900000007', text: 'hi' });
  });
});
