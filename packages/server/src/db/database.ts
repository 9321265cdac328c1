import fs from 'node:fs';
import path from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { DB } from './schema.ts';

export type Database = Kysely<DB>;

// Both drivers return the same JavaScript types: int8 and numeric as numbers (ids and counts stay
// far below 2^53), and `date` as the 'YYYY-MM-DD' string it is, never a Date at local midnight.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
pg.types.setTypeParser(INT8, (v) => Number(v));
pg.types.setTypeParser(NUMERIC, (v) => Number(v));
pg.types.setTypeParser(DATE, (v) => v);

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** Directory of the embedded database; undefined means in memory. */
  dataDir?: string | undefined;
  /** Embedded only: start from this dump of another database (dumpEmbeddedDatabase) instead of an empty one. */
  loadDataDir?: Blob | undefined;
  poolSize?: number;
}

export function createPGlite(dataDir: string | undefined, loadDataDir?: Blob): PGlite {
  if (dataDir) fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  return new PGlite({
    ...(dataDir ? { dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    parsers: {
      [types.INT8]: (v: string) => Number(v),
      [types.NUMERIC]: (v: string) => Number(v),
      [types.DATE]: (v: string) => v,
    },
  });
}

const embedded = new WeakMap<Database, PGlite>();

/** The one place that picks the SQL dialect: PostgreSQL when a URL is set, PGlite otherwise. */
export function createDatabase(options: DatabaseOptions): Database {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle client that loses its server must not crash the process; the pool replaces it.
    pool.on('error', () => undefined);
    return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  }
  const pglite = createPGlite(options.dataDir, options.loadDataDir);
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  embedded.set(db, pglite);
  return db;
}

/**
 * The whole data directory of an embedded database as an uncompressed tarball, for `loadDataDir`:
 * the test suite migrates one database and starts every test file's database from its dump.
 */
export async function dumpEmbeddedDatabase(db: Database): Promise<Blob> {
  const pglite = embedded.get(db);
  if (!pglite) throw new Error('only an embedded (PGlite) database can be dumped');
  // Flushed to the data files, so a database loaded from the dump has no WAL to replay.
  await sql`checkpoint`.execute(db);
  return pglite.dumpDataDir('none');
}

export function databaseOptionsFrom(config: Config): DatabaseOptions {
  return { databaseUrl: config.databaseUrl, dataDir: path.join(config.dataDir, 'pglite') };
}
