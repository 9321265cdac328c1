import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

describe('migrations', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    // From an empty database, not from the copy of a migrated one that other test files start with.
    t = await createTestDatabase({ fresh: true });
  });
  afterAll(() => t.destroy());

  it('creates every table and is a no-op the second time', async () => {
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public' order by 1`.execute(t.db);
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['regions', 'organisations', 'cases', 'audit_log', 'jobs', 'schedules', 'users']),
    );
    expect(await migrateToLatest(t.db)).toEqual([]);
  });

  it('returns int8 as number and date as string on both drivers', async () => {
    const r = await sql<{ n: number; d: string }>`select 9007199254740::int8 as n, date '2026-10-01' as d`.execute(t.db);
    expect(r.rows[0]).toEqual({ n: 9007199254740, d: '2026-10-01' });
  });
});
