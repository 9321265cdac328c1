import type { StaffRole } from '@hcp/domain';
import { createContainer, type Container } from '../src/container.ts';
import { buildApp, type App } from '../src/http/app.ts';
import { ephemeralKeyring } from '../src/security/key-store.ts';
import { PiiCipher } from '../src/security/pii-cipher.ts';
import { systemCtx } from '../src/services/actor.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export interface TestApp {
  app: App;
  c: Container;
  t: TestDatabase;
  close(): Promise<void>;
}

/** A migrated database, the real services and the real HTTP app, driven through fastify.inject. */
export async function createTestApp(): Promise<TestApp> {
  const t = await createTestDatabase();
  const c = createContainer({ db: t.db, cipher: new PiiCipher(ephemeralKeyring()), auth: { sessionTtlMinutes: 60, loginMaxFailures: 3, loginLockMinutes: 15 } });
  const app = await buildApp({ container: c });
  await app.ready();
  return {
    app,
    c,
    t,
    async close() {
      await app.close();
      await t.destroy();
    },
  };
}

export const PASSWORD = 'correct-horse-battery';
const system = systemCtx('test');

/** Creates a user directly through the service and returns a session cookie header for it. */
export async function loginAs(
  ta: TestApp,
  username: string,
  role: StaffRole,
  scope: { scopeRegionCode?: string | null; scopeOrgId?: number | null } = {},
): Promise<{ cookie: string; userId: number }> {
  const userId = await ta.c.services.auth.createUser(system, { username, displayName: username, password: PASSWORD, role, ...scope });
  const res = await ta.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
  const cookie = res.cookies.find((k) => k.name === 'hcp_session')!;
  return { cookie: `hcp_session=${cookie.value}`, userId };
}

/** Two provinces' worth of regions for scope tests: 宁夏 › 银川市 › 灵武市 / 兴庆区, and 北京 › 东城区. */
export async function seedRegions(ta: TestApp) {
  await ta.c.services.regions.save(system, [
    { code: '640000', name: '宁夏回族自治区' },
    { code: '640100', name: '银川市', parentCode: '640000' },
    { code: '640181', name: '灵武市', parentCode: '640100' },
    { code: '640104', name: '兴庆区', parentCode: '640100' },
    { code: '640181100', name: '东塔镇', parentCode: '640181' },
    { code: '110000', name: '北京市' },
    { code: '110101', name: '东城区', parentCode: '110000' },
  ]);
}

export { system };
