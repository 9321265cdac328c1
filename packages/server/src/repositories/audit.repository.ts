import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';

export type Executor = Database | Transaction<DB>;

export interface AuditEntry {
  actorType: 'user' | 'integration' | 'system' | 'anonymous';
  actorId: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | number | null;
  requestId?: string | null;
  detail?: Record<string, unknown>;
}

export interface AuditRecord {
  seq: number;
  at: Date;
  actorType: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  requestId: string | null;
  detail: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);
/** Any constant: it only has to be the same for every writer of the chain. */
const CHAIN_LOCK = 72_610_001;

/** JSON with object keys sorted, so the hash does not depend on how jsonb reorders them. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function auditHash(prevHash: string, r: Omit<AuditRecord, 'seq' | 'prevHash' | 'hash'>): string {
  const body = canonical([r.at.toISOString(), r.actorType, r.actorId, r.action, r.targetType, r.targetId, r.requestId, r.detail]);
  return createHash('sha256').update(prevHash).update('|').update(body).digest('hex');
}

/** The append-only, hash-chained audit log (审计日志). */
export class AuditRepository {
  constructor(private readonly db: Database) {}

  /**
   * Appends within the caller's transaction, so the record commits with the write it describes.
   * Appends are serialised by a transaction-scoped advisory lock: each needs the previous hash.
   */
  async append(trx: Transaction<DB>, entry: AuditEntry): Promise<void> {
    await this.appendMany(trx, [entry]);
  }

  /** append() of several records in their order, with one lock, one read of the last hash and one insert. */
  async appendMany(trx: Transaction<DB>, entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);
    const last = await trx.selectFrom('audit_log').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
    let prevHash = last?.hash ?? GENESIS_HASH;
    // A JavaScript Date has milliseconds, so the stored timestamp reads back exactly as hashed.
    const at = new Date();
    const rows = entries.map((entry) => {
      const record = {
        at,
        actorType: entry.actorType,
        actorId: entry.actorId,
        action: entry.action,
        targetType: entry.targetType ?? null,
        targetId: entry.targetId === undefined || entry.targetId === null ? null : String(entry.targetId),
        requestId: entry.requestId ?? null,
        detail: JSON.parse(JSON.stringify(entry.detail ?? {})) as Record<string, unknown>,
      };
      const hash = auditHash(prevHash, record);
      const row = {
        at,
        actor_type: record.actorType,
        actor_id: record.actorId,
        action: record.action,
        target_type: record.targetType,
        target_id: record.targetId,
        request_id: record.requestId,
        detail: JSON.stringify(record.detail),
        prev_hash: prevHash,
        hash,
      };
      prevHash = hash;
      return row;
    });
    // Inserted in list order, so seq follows the chain.
    await trx.insertInto('audit_log').values(rows).execute();
  }

  /** A write of its own, for events that change nothing else (an unmasked read, a failed login). */
  async record(entry: AuditEntry): Promise<void> {
    await this.db.transaction().execute((trx) => this.append(trx, entry));
  }

  async list(filter: { beforeSeq?: number; limit: number; action?: string; actorId?: string; targetType?: string; targetId?: string }) {
    let q = this.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(filter.limit);
    if (filter.beforeSeq !== undefined) q = q.where('seq', '<', filter.beforeSeq);
    if (filter.action) q = q.where('action', '=', filter.action);
    if (filter.actorId) q = q.where('actor_id', '=', filter.actorId);
    if (filter.targetType) q = q.where('target_type', '=', filter.targetType);
    if (filter.targetId) q = q.where('target_id', '=', filter.targetId);
    return (await q.execute()).map(toRecord);
  }

  /** Walks the chain in order and returns the first record whose link or content does not match. */
  async verify(): Promise<{ checked: number; brokenAt: number | null; reason?: string }> {
    let prev = GENESIS_HASH;
    let after = 0;
    let checked = 0;
    for (;;) {
      const rows = await this.db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(2000).execute();
      if (rows.length === 0) return { checked, brokenAt: null };
      for (const row of rows) {
        const r = toRecord(row);
        if (r.prevHash !== prev) return { checked, brokenAt: r.seq, reason: 'link to the previous record does not match' };
        if (auditHash(prev, r) !== r.hash) return { checked, brokenAt: r.seq, reason: 'record content does not match its hash' };
        prev = r.hash;
        after = r.seq;
        checked++;
      }
    }
  }
}

function toRecord(row: {
  seq: number; at: Date; actor_type: string; actor_id: string | null; action: string; target_type: string | null;
  target_id: string | null; request_id: string | null; detail: Record<string, unknown>; prev_hash: string; hash: string;
}): AuditRecord {
  return {
    seq: row.seq,
    at: row.at,
    actorType: row.actor_type,
    actorId: row.actor_id,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    requestId: row.request_id,
    detail: row.detail,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
