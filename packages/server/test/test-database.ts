import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { inject } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createDatabase, type Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { onServer, type TestDatabaseTemplate } from './global-setup.ts';

export interface TestDatabase {
  db: Database;
  /** A second, independent connection pool to the same database, as another server instance would have. */
  connectAgain(): Database;
  destroy(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Migrate an empty database here instead of copying the run's migrated one: for the migrations' own test. */
  fresh?: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The migrated database the global setup (global-setup.ts) made for this run, of the kind in use. */
function runTemplate<K extends TestDatabaseTemplate['kind']>(kind: K): Extract<TestDatabaseTemplate, { kind: K }> {
  const template = inject('testDatabaseTemplate');
  if (template?.kind !== kind) throw new Error(`no ${kind} test database template: run the tests with the repository’s vitest.config.ts, whose globalSetup makes it`);
  return template as Extract<TestDatabaseTemplate, { kind: K }>;
}

/**
 * Creates the database `name` on the PostgreSQL server of `url` as a copy of this run's migrated one.
 * CREATE DATABASE … TEMPLATE fails while another session is on the template; two copies started at
 * the same moment by two workers can briefly count as that. Only this error is retried.
 */
export async function createMigratedDatabase(url: string, name: string): Promise<void> {
  const { database } = runTemplate('postgres');
  for (let attempt = 1; ; attempt++) {
    try {
      await onServer(url, `create database ${name} template ${database}`);
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== '55006' || attempt === 20) throw e;
      await sleep(100 * attempt);
    }
  }
}

/** Copies this run's migrated PGlite data directory to `dataDir` (where `hcp serve` opens it: HCP_DATA_DIR/pglite). */
export function copyMigratedDataDir(dataDir: string): void {
  fs.cpSync(runTemplate('pglite').dataDir, dataDir, { recursive: true });
}

/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or a new database
 * on the PostgreSQL server named by DATABASE_URL (the suite's second run in CI), dropped afterwards.
 * Both start as a copy of the database the global setup migrated once for the whole run.
 */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const url = loadConfig().databaseUrl;
  if (!url) {
    const db = options.fresh ? createDatabase({}) : createDatabase({ loadDataDir: new Blob([fs.readFileSync(runTemplate('pglite').dumpFile)]) });
    if (options.fresh) await migrateToLatest(db);
    return { db, connectAgain: () => db, destroy: () => db.destroy() };
  }
  const name = `hcp_t_${randomBytes(6).toString('hex')}`;
  if (options.fresh) await onServer(url, `create database ${name}`);
  else await createMigratedDatabase(url, name);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = createDatabase({ databaseUrl: target.toString(), poolSize: 8 });
  if (options.fresh) await migrateToLatest(db);
  const others: Database[] = [];
  return {
    db,
    connectAgain() {
      const other = createDatabase({ databaseUrl: target.toString(), poolSize: 8 });
      others.push(other);
      return other;
    },
    async destroy() {
      for (const o of others) await o.destroy();
      await db.destroy();
      await onServer(url, `drop database if exists ${name} with (force)`);
    },
  };
}
