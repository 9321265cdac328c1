import { parseArgs } from 'node:util';
import { loadConfig, ConfigError, type Role } from '../config.ts';
import { createLogger, openContainer, serve } from '../runtime.ts';
import { demoLifeSummary, seedDemo, type DemoSummary } from '../seed/demo.ts';
import { systemCtx } from '../services/actor.ts';

const USAGE = `hcp — Haochaping 好差评

Usage:
  hcp serve [--role web|worker|scheduler ...] [--no-demo] [--demo-cases N]
                          run the server (all three roles by default); on the embedded database,
                          an empty database gets a small demo county unless --no-demo
  hcp seed --demo [--cases N] [--seed S]
                          add the demo county (灵武市) with N cases (default 5000), deterministic per seed
  hcp migrate             apply database migrations
  hcp pii reencrypt       after adding a new first key to HCP_ENCRYPTION_KEYS, rewrite all personal
                          data under it (old keys stay readable until this has run)
  hcp audit verify        check the audit log's hash chain; exit 1 at the first broken link
  hcp stats rebuild       recompute the statistics rollups from evaluations, cases and work orders
                          (after a bulk load that bypassed the triggers; writers wait meanwhile)
  hcp help                this text

Environment: DATABASE_URL (PostgreSQL; embedded PGlite in HCP_DATA_DIR when unset), PORT,
HCP_ADMIN_PASSWORD, HCP_ENCRYPTION_KEYS, HCP_BLIND_INDEX_KEY, HCP_PII_CIPHER, LOG_LEVEL.`;

function wholeNumber(raw: string, flag: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 5_000_000) throw new ConfigError(`${flag} must be a whole number from 0 to 5000000`);
  return n;
}

function printDemo(s: DemoSummary) {
  process.stdout.write(
    `\n  Demo county 灵武市: ${s.regions} regions, ${s.organisations} organisations, ${s.staff} staff, ${s.items} service items, ${s.cases} cases, ${s.evaluations.active} ratings and ${s.evaluations.default} default ratings.\n` +
      demoLifeSummary(s).map((line) => `  ${line}\n`).join('') +
      `  Demo accounts (password "${s.demoPassword}"): ${s.users.map((u) => `${u.username} (${u.role})`).join(', ')}\n` +
      `  Integration API key of 灵武市一体化审批系统 (shown once): ${s.integrationKey}\n\n`,
  );
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  const logger = createLogger(config);
  switch (command) {
    case 'serve': {
      const { values } = parseArgs({ args: rest, options: { role: { type: 'string', multiple: true }, 'no-demo': { type: 'boolean' }, 'demo-cases': { type: 'string', default: '1500' } } });
      const roles = (values.role?.flatMap((r) => r.split(',')) ?? ['web', 'worker', 'scheduler']) as Role[];
      const bad = roles.find((r) => !['web', 'worker', 'scheduler'].includes(r));
      if (bad) throw new ConfigError(`unknown role "${bad}" (web, worker, scheduler)`);
      const c = await openContainer(config, logger);
      const admin = await c.services.auth.bootstrapAdmin(config.adminPassword);
      if (admin.created) {
        const how = admin.generated ? `password: ${admin.password}  (generated, shown once; set HCP_ADMIN_PASSWORD to choose one)` : 'password: from HCP_ADMIN_PASSWORD';
        process.stdout.write(`\n  First start. Log in at http://localhost:${config.port}/ as "${admin.username}", ${how}\n\n`);
      }
      if (!config.databaseUrl && !values['no-demo'] && (await c.repos.orgs.count()) === 0) {
        const summary = await seedDemo(c, { cases: wholeNumber(values['demo-cases'], '--demo-cases'), seed: 2026, log: (m) => logger.info(`demo seed: ${m}`) });
        printDemo(summary);
      }
      const running = await serve(config, roles, logger, c);
      const shutdown = async (signal: string) => {
        logger.info({ signal }, 'shutting down');
        await running.stop();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
      return new Promise<number>(() => undefined);
    }
    case 'seed': {
      const { values } = parseArgs({ args: rest, options: { demo: { type: 'boolean' }, cases: { type: 'string', default: '5000' }, seed: { type: 'string', default: '2026' } } });
      if (!values.demo) throw new ConfigError('hcp seed needs --demo (the only data set there is)');
      const cases = wholeNumber(values.cases, '--cases');
      const seed = wholeNumber(values.seed, '--seed');
      const c = await openContainer(config, logger);
      const started = Date.now();
      const summary = await seedDemo(c, { cases, seed, log: (m) => logger.info(`demo seed: ${m}`) });
      await c.db.destroy();
      printDemo(summary);
      process.stdout.write(`  seeded in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      return 0;
    }
    case 'migrate': {
      const c = await openContainer(config, logger);
      await c.db.destroy();
      return 0;
    }
    case 'pii': {
      if (rest[0] !== 'reencrypt') break;
      const c = await openContainer(config, logger);
      const counts = await c.services.keyRotation.reencryptAll(systemCtx('cli'));
      await c.db.destroy();
      process.stdout.write(`re-encrypted under the active key: ${Object.entries(counts).map(([t, n]) => `${n} ${t}`).join(', ')}\n`);
      return 0;
    }
    case 'audit': {
      if (rest[0] !== 'verify') break;
      const c = await openContainer(config, logger);
      const result = await c.repos.audit.verify();
      await c.db.destroy();
      if (result.brokenAt === null) {
        process.stdout.write(`audit log intact: ${result.checked} records verified\n`);
        return 0;
      }
      process.stdout.write(`audit log BROKEN at record ${result.brokenAt}: ${result.reason} (${result.checked} records before it verified)\n`);
      return 1;
    }
    case 'stats': {
      if (rest[0] !== 'rebuild') break;
      const c = await openContainer(config, logger);
      const result = await c.services.statistics.rebuild(systemCtx('cli'));
      await c.db.destroy();
      process.stdout.write(`statistics rebuilt in ${result.seconds.toFixed(1)} s: ${Object.entries(result.rows).map(([t, n]) => `${n} ${t}`).join(', ')}\n`);
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
  }
  process.stderr.write(`unknown command: ${argv.join(' ')}\n\n${USAGE}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError) {
      process.stderr.write(`configuration error: ${err.message}\n`);
      process.exit(78);
    }
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
