/**
 * Vitest global setup: migrates one database per test run, which every test file's database then
 * starts as a copy of (createTestDatabase, and the browser tests' servers) instead of running all
 * migrations again. On PostgreSQL it is a template database on the DATABASE_URL server; on PGlite a
 * data directory in a temporary folder, with its dump. Both are removed when the run ends.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../src/config.ts';
import { createDatabase, dumpEmbeddedDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';

/**
 * Where the migrated database of this run is: a template database on the PostgreSQL server, or a
 * PGlite data directory on disk (as `hcp serve` opens it, for the browser tests) and its dump (for
 * in-memory databases).
 */
export type TestDatabaseTemplate = { kind: 'postgres'; database: string } | { kind: 'pglite'; dataDir: string; dumpFile: string };

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabaseTemplate: TestDatabaseTemplate;
  }
}

/** Runs `sql` on the server of `url` (connected to its own database, never to a template). */
export async function onServer(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function postgresTemplate(url: string): Promise<{ template: TestDatabaseTemplate; remove(): Promise<void> }> {
  const database = `hcp_tpl_${randomBytes(6).toString('hex')}`;
  const remove = () => onServer(url, `drop database if exists ${database} with (force)`);
  await onServer(url, `create database ${database}`);
  const target = new URL(url);
  target.pathname = `/${database}`;
  try {
    const db = createDatabase({ databaseUrl: target.toString(), poolSize: 1 });
    try {
      await migrateToLatest(db);
    } finally {
      // No session may stay connected to a template: CREATE DATABASE … TEMPLATE would refuse to copy it.
      await db.destroy();
    }
  } catch (e) {
    await remove();
    throw e;
  }
  return { template: { kind: 'postgres', database }, remove };
}

async function pgliteTemplate(): Promise<{ template: TestDatabaseTemplate; remove(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hcp-test-template-'));
  const remove = async () => fs.rmSync(dir, { recursive: true, force: true });
  const template: TestDatabaseTemplate = { kind: 'pglite', dataDir: path.join(dir, 'pglite'), dumpFile: path.join(dir, 'pgdata.tar') };
  try {
    const db = createDatabase({ dataDir: template.dataDir });
    try {
      await migrateToLatest(db);
      fs.writeFileSync(template.dumpFile, new Uint8Array(await (await dumpEmbeddedDatabase(db)).arrayBuffer()));
    } finally {
      await db.destroy();
    }
  } catch (e) {
    await remove();
    throw e;
  }
  return { template, remove };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = loadConfig().databaseUrl;
  const { template, remove } = url ? await postgresTemplate(url) : await pgliteTemplate();
  project.provide('testDatabaseTemplate', template);
  return remove;
}
