import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCase, pushCase, seedCaseWorld } from '../../test/case-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { createContainer } from '../container.ts';
import { PiiCipher } from '../security/pii-cipher.ts';
import { systemCtx } from './actor.ts';

describe('key rotation of personal data', () => {
  let ta: TestApp;
  beforeAll(async () => {
    ta = await createTestApp();
    const w = await seedCaseWorld(ta);
    for (let i = 0; i < 7; i++) expect((await pushCase(ta, w.lwKey, aCase(`ROT-${i}`))).statusCode).toBe(201);
  });
  afterAll(() => ta.close());

  it('rewrites every ciphertext under the new key; afterwards the old key can go', async () => {
    // What ta.c's cipher uses: the test keyring, with key id t1.
    const ring = (ta.c.cipher as unknown as { ring: { keys: Map<string, Buffer>; blindIndexKey: Buffer } }).ring;
    const t2 = randomBytes(32);
    const both = new PiiCipher({ keys: new Map([...ring.keys, ['t2', t2]]), activeKeyId: 't2', blindIndexKey: ring.blindIndexKey, cipher: 'sm4' });
    const c2 = createContainer({ db: ta.c.db, cipher: both, auth: { sessionTtlMinutes: 60, loginMaxFailures: 3, loginLockMinutes: 15 } });
    const counts = await c2.services.keyRotation.reencryptAll(systemCtx('test'), 3);
    expect(counts).toEqual({ cases: 7, integrations: 2, sms_inbound: 0, sms_messages: 0, evaluations: 0, suggestions: 0 });
    const rows = await ta.c.db.selectFrom('cases').select(['applicant_name_enc', 'applicant_id_enc', 'applicant_phone_enc', 'applicant_phone_bidx']).execute();
    for (const r of rows) for (const v of [r.applicant_name_enc, r.applicant_id_enc, r.applicant_phone_enc]) expect(v).toMatch(/^s1\.t2\./);
    expect(await c2.services.keyRotation.reencryptAll(systemCtx('test'))).toEqual({ cases: 0, integrations: 0, sms_inbound: 0, sms_messages: 0, evaluations: 0, suggestions: 0 });

    const onlyNew = new PiiCipher({ keys: new Map([['t2', t2]]), activeKeyId: 't2', blindIndexKey: ring.blindIndexKey, cipher: 'sm4' });
    expect(onlyNew.decrypt(rows[0]!.applicant_phone_enc!)).toBe('13812341234');
    // Blind indexes do not depend on the encryption key, so lookups keep working.
    expect(rows[0]!.applicant_phone_bidx).toBe(onlyNew.blindIndex('phone', '13812341234'));
  });
});
