import path from 'node:path';

/** Roles of one process: web serves HTTP, worker drains jobs, scheduler fires schedules. */
export type Role = 'web' | 'worker' | 'scheduler';

export interface Config {
  /** postgres://… when set; otherwise the embedded PGlite database in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  logLevel: string;
  /** Fixed admin password for the first start; generated and printed when absent. */
  adminPassword: string | undefined;
  /** 'key-id:base64-32-bytes' pairs, the first is used to encrypt; read from HCP_ENCRYPTION_KEYS. */
  encryptionKeys: string | undefined;
  blindIndexKey: string | undefined;
  /** 'aes-256-gcm' (default) or 'sm4' (SM4-CTR + HMAC-SM3 for 国密 deployments). */
  piiCipher: 'aes-256-gcm' | 'sm4';
  sessionTtlMinutes: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  webDistDir: string;
  production: boolean;
  /** 'dev' keeps messages in a table the console shows; 'http' posts them to smsGatewayUrl. */
  smsGateway: 'dev' | 'http';
  smsGatewayUrl: string | undefined;
  smsGatewayToken: string | undefined;
  /** Behind a reverse proxy: trust its X-Forwarded-For for client addresses (rate limits per IP). */
  trustProxy: boolean;
  /** Where citizens reach this server, for links in SMS and on QR posters (HCP_PUBLIC_URL). */
  publicBaseUrl: string;
  /** Shared secret the SMS provider sends with delivery reports and replies. */
  smsWebhookToken: string | undefined;
}

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new ConfigError(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  return n;
}

/** Reads the environment once at boot; nothing else in the server reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const cipher = env.HCP_PII_CIPHER || 'aes-256-gcm';
  if (cipher !== 'aes-256-gcm' && cipher !== 'sm4') {
    throw new ConfigError(`HCP_PII_CIPHER must be aes-256-gcm or sm4, got "${cipher}"`);
  }
  const smsGateway = env.HCP_SMS_GATEWAY || 'dev';
  if (smsGateway !== 'dev' && smsGateway !== 'http') throw new ConfigError(`HCP_SMS_GATEWAY must be dev or http, got "${smsGateway}"`);
  if (smsGateway === 'http' && !/^https?:\/\//.test(env.HCP_SMS_GATEWAY_URL ?? '')) {
    throw new ConfigError('HCP_SMS_GATEWAY=http needs HCP_SMS_GATEWAY_URL (http:// or https://)');
  }
  const repoRoot = path.resolve(import.meta.dirname, '../../..');
  return {
    databaseUrl,
    dataDir: path.resolve(env.HCP_DATA_DIR || path.join(repoRoot, 'data')),
    port: int(env, 'PORT', 3000, 0),
    host: env.HOST || '0.0.0.0',
    logLevel: env.LOG_LEVEL || 'info',
    adminPassword: env.HCP_ADMIN_PASSWORD || undefined,
    encryptionKeys: env.HCP_ENCRYPTION_KEYS || undefined,
    blindIndexKey: env.HCP_BLIND_INDEX_KEY || undefined,
    piiCipher: cipher,
    sessionTtlMinutes: int(env, 'HCP_SESSION_TTL_MINUTES', 480),
    loginMaxFailures: int(env, 'HCP_LOGIN_MAX_FAILURES', 5),
    loginLockMinutes: int(env, 'HCP_LOGIN_LOCK_MINUTES', 15),
    webDistDir: path.resolve(env.HCP_WEB_DIST_DIR || path.join(repoRoot, 'packages/web/dist')),
    production: env.NODE_ENV === 'production',
    trustProxy: env.HCP_TRUST_PROXY === 'true' || env.HCP_TRUST_PROXY === '1',
    publicBaseUrl: (env.HCP_PUBLIC_URL || `http://localhost:${env.PORT || 3000}`).replace(/\/+$/, ''),
    smsGateway,
    smsGatewayUrl: env.HCP_SMS_GATEWAY_URL || undefined,
    smsGatewayToken: env.HCP_SMS_GATEWAY_TOKEN || undefined,
    smsWebhookToken: env.HCP_SMS_WEBHOOK_TOKEN || undefined,
  };
}
