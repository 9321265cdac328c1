import { createContainer } from '../src/container.ts';
import { buildApp } from '../src/http/app.ts';
import { createJobHandlers } from '../src/jobs/handlers.ts';
import { Worker } from '../src/jobs/worker.ts';
import { ephemeralKeyring } from '../src/security/key-store.ts';
import { PiiCipher } from '../src/security/pii-cipher.ts';
import { systemCtx } from '../src/services/actor.ts';
import { aCase, pushCase, type CaseWorld } from './case-fixtures.ts';
import type { TestApp } from './test-app.ts';
import { createTestDatabase } from './test-database.ts';

export const PUBLIC_URL = 'https://hcp.example.gov.cn';
export const WEBHOOK_TOKEN = 'sms-hook-secret-1';
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const AUTH = { sessionTtlMinutes: 60, loginMaxFailures: 3, loginLockMinutes: 15 };

/** The test app with a public URL for links, the SMS webhook token, and a worker to drain jobs with. */
export async function createInvitationTestApp(): Promise<TestApp & { worker: Worker; anotherInstance: () => ReturnType<typeof createContainer> }> {
  const t = await createTestDatabase();
  const cipher = new PiiCipher(ephemeralKeyring());
  const c = createContainer({ db: t.db, cipher, auth: AUTH, publicBaseUrl: PUBLIC_URL });
  const app = await buildApp({ container: c, smsWebhookToken: WEBHOOK_TOKEN });
  await app.ready();
  const worker = new Worker({ instanceId: 'w1', handlers: createJobHandlers(c, quiet), jobs: c.repos.jobs, logger: quiet });
  return {
    app,
    c,
    t,
    worker,
    // A second server instance on its own connection pool (the same embedded database on PGlite).
    anotherInstance: () => createContainer({ db: t.connectAgain(), cipher, auth: AUTH, publicBaseUrl: PUBLIC_URL }),
    async close() {
      await app.close();
      await t.destroy();
    },
  };
}

export const at = (iso: string) => new Date(iso);
export const jobCtx = systemCtx('test-job');

/** A case of 灵武市民政局 completed at `completedAt` (received and accepted the day before), for the given phone. */
export async function caseCompletedAt(ta: TestApp, w: CaseWorld, caseNo: string, completedAt: Date, phone = '13812341234') {
  const dayBefore = new Date(completedAt.getTime() - 86_400_000).toISOString();
  const res = await pushCase(ta, w.lwKey, aCase(caseNo, {
    windowId: w.window.id,
    staffId: w.staffId,
    applicant: { type: 1, name: '张三丰', idNumber: '640181199003071234', phone },
    stages: [
      { stage: 'received', at: dayBefore },
      { stage: 'accepted', at: dayBefore },
      { stage: 'completed', at: completedAt.toISOString() },
    ],
  }));
  if (res.statusCode >= 300) throw new Error(`push failed: ${res.body}`);
  return res.json().id as number;
}

/** A case completed an hour ago: its evaluation is open now. */
export const recentlyCompleted = (ta: TestApp, w: CaseWorld, caseNo: string, phone?: string) => caseCompletedAt(ta, w, caseNo, new Date(Date.now() - 3_600_000), phone);

/** The token of the evaluation link in an SMS text. */
export function tokenIn(body: string): string {
  const m = body.match(new RegExp(`${PUBLIC_URL.replace(/[.]/g, '\\.')}/e/([A-Za-z0-9_-]+)`));
  if (!m) throw new Error(`no evaluation link in: ${body}`);
  return m[1]!;
}
