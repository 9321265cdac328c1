import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './database.ts';
import * as foundation from './migrations/20261122T1200-foundation.ts';
import * as evaluations from './migrations/20261122T1400-evaluations.ts';

/** Every migration, in order. Names are timestamps so branches merge without renumbering. */
const migrations: Record<string, Migration> = {
  '20261122T1200-foundation': foundation,
  '20261122T1400-evaluations': evaluations,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Database): Promise<string[]> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'hcp_migrations', migrationLockTableName: 'hcp_migrations_lock' });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
