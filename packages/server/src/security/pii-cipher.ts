import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type CipherName = 'aes-256-gcm' | 'sm4';

export interface Keyring {
  /** Key id → 32-byte master key. */
  keys: Map<string, Buffer>;
  /** The key new ciphertexts are made with; older keys stay for reading until rotated out. */
  activeKeyId: string;
  blindIndexKey: Buffer;
  cipher: CipherName;
}

export class DecryptionError extends Error {}

// Ciphertext: "<cipher tag>.<key id>.<base64url payload>", so every value names how and with which
// key it was made and keys can rotate without rewriting old rows.
const TAG = { 'aes-256-gcm': 'a1', sm4: 's1' } as const;

function sm4Keys(master: Buffer) {
  return {
    enc: createHmac('sm3', master).update('hcp-sm4-enc').digest().subarray(0, 16),
    mac: createHmac('sm3', master).update('hcp-sm4-mac').digest(),
  };
}

/**
 * Field encryption for personal data: AES-256-GCM by default, or SM4-CTR with HMAC-SM3
 * (encrypt-then-MAC) for deployments bound to the national 国密 algorithms.
 */
export class PiiCipher {
  constructor(private readonly ring: Keyring) {
    if (!ring.keys.has(ring.activeKeyId)) throw new Error(`active key ${ring.activeKeyId} is not in the keyring`);
  }

  encrypt(plain: string): string {
    const keyId = this.ring.activeKeyId;
    const master = this.ring.keys.get(keyId)!;
    const data = Buffer.from(plain, 'utf8');
    if (this.ring.cipher === 'sm4') {
      const { enc, mac } = sm4Keys(master);
      const iv = randomBytes(16);
      const c = createCipheriv('sm4-ctr', enc, iv);
      const body = Buffer.concat([c.update(data), c.final()]);
      const tag = createHmac('sm3', mac).update(keyId).update(iv).update(body).digest();
      return `${TAG.sm4}.${keyId}.${Buffer.concat([iv, body, tag]).toString('base64url')}`;
    }
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', master, iv);
    c.setAAD(Buffer.from(keyId));
    const body = Buffer.concat([c.update(data), c.final()]);
    return `${TAG['aes-256-gcm']}.${keyId}.${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url')}`;
  }

  decrypt(value: string): string {
    const [tag, keyId, payload] = value.split('.');
    const master = keyId ? this.ring.keys.get(keyId) : undefined;
    if (!tag || !payload || !master) throw new DecryptionError(`no key for ciphertext (key id ${keyId ?? '?'})`);
    const raw = Buffer.from(payload, 'base64url');
    if (tag === TAG.sm4) {
      const { enc, mac } = sm4Keys(master);
      const iv = raw.subarray(0, 16);
      const body = raw.subarray(16, raw.length - 32);
      const expected = createHmac('sm3', mac).update(keyId!).update(iv).update(body).digest();
      if (!timingSafeEqual(expected, raw.subarray(raw.length - 32))) throw new DecryptionError('ciphertext was altered');
      const d = createDecipheriv('sm4-ctr', enc, iv);
      return Buffer.concat([d.update(body), d.final()]).toString('utf8');
    }
    if (tag === TAG['aes-256-gcm']) {
      const d = createDecipheriv('aes-256-gcm', master, raw.subarray(0, 12));
      d.setAAD(Buffer.from(keyId!));
      d.setAuthTag(raw.subarray(12, 28));
      try {
        return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
      } catch {
        throw new DecryptionError('ciphertext was altered');
      }
    }
    throw new DecryptionError(`unknown cipher tag ${tag}`);
  }

  encryptOptional(plain: string | null | undefined): string | null {
    return plain === null || plain === undefined || plain === '' ? null : this.encrypt(plain);
  }

  /** Keyed hash for equality lookups (盲索引) without decrypting every row. */
  blindIndex(kind: 'phone' | 'id', value: string): string {
    const normal = kind === 'phone' ? value.replace(/[^0-9]/g, '').replace(/^86(?=1\d{10}$)/, '') : value.trim().toUpperCase();
    return createHmac('sha256', this.ring.blindIndexKey).update(`${kind}:${normal}`).digest('hex');
  }

  /** How every ciphertext made now begins; anything else is due for re-encryption. */
  currentPrefix(): string {
    return `${TAG[this.ring.cipher]}.${this.ring.activeKeyId}.`;
  }

  /** Whether a ciphertext was made with another key or cipher than the active ones. */
  needsRotation(value: string): boolean {
    return !value.startsWith(this.currentPrefix());
  }
}
