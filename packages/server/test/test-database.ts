import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { createDatabase, type Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';

export interface TestDatabase {
  db: Database;
  /** A second, independent connection pool to the same database, as another server instance would have. */
  connectAgain(): Database;
  destroy(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or a new database
 * on the PostgreSQL server named by DATABASE_URL (the suite's second run in CI), dropped afterwards.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = loadConfig().databaseUrl;
  if (!url) {
    const db = createDatabase({});
    await migrateToLatest(db);
    return { db, connectAgain: () => db, destroy: () => db.destroy() };
  }
  const name = `hcp_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = createDatabase({ databaseUrl: target.toString(), poolSize: 8 });
  await migrateToLatest(db);
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
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
