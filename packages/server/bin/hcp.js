#!/usr/bin/env node
/* global process */
// The `hcp` command. Sources are TypeScript run through tsx, so a fresh clone needs no build step.
//
// `hcp serve` is the one long-running command: it runs from one ES module that esbuild (tsx's own
// compiler) bundles from the sources at every start, in well under a second. Running the sources
// through tsx instead keeps its module loader thread and caches alive for the life of the process,
// about 100 MB of resident memory (issue 7, server.rss_mb_idle). Dependencies stay in node_modules.
// If the bundle cannot be made, the server runs through tsx as every other command does.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const here = import.meta.dirname;

/** Bundles src/cli/main.ts into dist/hcp-serve.mjs (beside src/, so paths relative to a module stay right). */
async function bundle() {
  try {
    const esbuild = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'))('esbuild');
    const out = path.join(here, '../dist/hcp-serve.mjs');
    const tmp = `${out}.${process.pid}.tmp`;
    await esbuild.build({
      entryPoints: [path.join(here, '../src/cli/main.ts')],
      outfile: tmp,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20.19',
      // Packages load from node_modules as usual; only the workspace's TypeScript is bundled.
      packages: 'external',
      alias: { '@hcp/domain': path.join(here, '../../domain/src/index.ts') },
      keepNames: true,
      // For `node --enable-source-maps` when debugging; not read otherwise.
      sourcemap: 'linked',
      logLevel: 'silent',
    });
    // Atomic, for two instances starting at once in one checkout.
    fs.renameSync(`${tmp}.map`, `${out}.map`);
    fs.renameSync(tmp, out);
    return out;
  } catch (err) {
    process.stderr.write(`hcp: running the server through tsx (${err instanceof Error ? err.message.split('\n')[0] : String(err)})\n`);
    return undefined;
  }
}

const serveBundle = process.argv[2] === 'serve' ? await bundle() : undefined;
if (serveBundle) {
  await import(pathToFileURL(serveBundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
