import fs from 'node:fs';
import path from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type Dialect } from 'kysely';
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
  poolSize?: number;
}

export function createPGlite(dataDir: string | undefined): PGlite {
  if (dataDir) fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  return new PGlite({
    ...(dataDir ? { dataDir } : {}),
    parsers: {
      [types.INT8]: (v: string) => Number(v),
      [types.NUMERIC]: (v: string) => Number(v),
      [types.DATE]: (v: string) => v,
    },
  });
}

/** The one place that picks the SQL dialect: PostgreSQL when a URL is set, PGlite otherwise. */
export function createDatabase(options: DatabaseOptions): Database {
  let dialect: Dialect;
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle client that loses its server must not crash the process; the pool replaces it.
    pool.on('error', () => undefined);
    dialect = new PostgresDialect({ pool });
  } else {
    dialect = new PGliteDialect(createPGlite(options.dataDir));
  }
  return new Kysely<DB>({ dialect });
}

export function databaseOptionsFrom(config: Config): DatabaseOptions {
  return { databaseUrl: config.databaseUrl, dataDir: path.join(config.dataDir, 'pglite') };
}
