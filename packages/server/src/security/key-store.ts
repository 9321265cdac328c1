import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import type { Keyring } from './pii-cipher.ts';

interface KeyFile {
  encryptionKeys: { id: string; key: string }[];
  blindIndexKey: string;
}

function parseKeys(spec: string): { id: string; key: Buffer }[] {
  return spec.split(',').map((pair) => {
    const [id, b64] = pair.trim().split(':');
    const key = b64 ? Buffer.from(b64, 'base64') : Buffer.alloc(0);
    if (!id || !/^[A-Za-z0-9_-]{1,16}$/.test(id) || key.length !== 32) {
      throw new Error('HCP_ENCRYPTION_KEYS must be "id:base64-of-32-bytes[,id:…]" (id of letters and digits)');
    }
    return { id, key };
  });
}

/**
 * The keyring comes from HCP_ENCRYPTION_KEYS / HCP_BLIND_INDEX_KEY when set (production). Otherwise a
 * key file in the data directory is created on first start, readable by its owner only, so a
 * laptop install encrypts from day one without any setup.
 */
export function loadKeyring(config: Config): { ring: Keyring; source: 'env' | 'file'; created: boolean } {
  if (config.encryptionKeys) {
    const keys = parseKeys(config.encryptionKeys);
    const blind = Buffer.from(config.blindIndexKey ?? '', 'base64');
    if (blind.length < 32) throw new Error('HCP_BLIND_INDEX_KEY must be set (base64 of at least 32 bytes) with HCP_ENCRYPTION_KEYS');
    return {
      ring: { keys: new Map(keys.map((k) => [k.id, k.key])), activeKeyId: keys[0]!.id, blindIndexKey: blind, cipher: config.piiCipher },
      source: 'env',
      created: false,
    };
  }
  const file = path.join(config.dataDir, 'keys.json');
  let created = false;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    const content: KeyFile = {
      encryptionKeys: [{ id: 'k1', key: randomBytes(32).toString('base64') }],
      blindIndexKey: randomBytes(32).toString('base64'),
    };
    fs.writeFileSync(file, JSON.stringify(content, null, 2), { mode: 0o600, flag: 'wx' });
    created = true;
  }
  const content = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile;
  return {
    ring: {
      keys: new Map(content.encryptionKeys.map((k) => [k.id, Buffer.from(k.key, 'base64')])),
      activeKeyId: content.encryptionKeys[0]!.id,
      blindIndexKey: Buffer.from(content.blindIndexKey, 'base64'),
      cipher: config.piiCipher,
    },
    source: 'file',
    created,
  };
}

/** A throwaway keyring for tests and benchmarks. */
export function ephemeralKeyring(cipher: Keyring['cipher'] = 'aes-256-gcm'): Keyring {
  return { keys: new Map([['t1', randomBytes(32)]]), activeKeyId: 't1', blindIndexKey: randomBytes(32), cipher };
}
