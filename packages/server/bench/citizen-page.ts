import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CITIZEN_PAGE, DIST_DIR, WEB_DIR, pageWeights } from '../../web/scripts/page-weight.ts';
import { log } from './env.ts';

/**
 * citizen_page.js_gzip_bytes: the gzipped JS+CSS of the citizen evaluation page (/e/:token) as
 * built: the web app is built (both of its builds, as `npm run build -w @hcp/web` does) into a
 * scratch directory, and packages/web/scripts/page-weight.ts reads the public build's manifest for
 * the files the page loads (its entry, its route modules and their imports), each gzipped.
 * With `useDist`, the existing packages/web/dist is measured instead.
 */
export function measureCitizenPage(tmp: string, useDist: boolean): { gzipBytes: number; files: string[]; bytes: number; outDir: string } {
  let outDir = DIST_DIR;
  if (!useDist) {
    outDir = path.join(tmp, 'web-dist');
    fs.mkdirSync(outDir, { recursive: true });
    log('citizen page: building the web app');
    const vite = path.join(WEB_DIR, 'node_modules/.bin/vite');
    const bin = fs.existsSync(vite) ? vite : path.resolve(WEB_DIR, '../../node_modules/.bin/vite');
    const scripts = JSON.parse(fs.readFileSync(path.join(WEB_DIR, 'package.json'), 'utf8')) as { scripts: { build: string } };
    // Each `vite build …` of the package's build script, into the scratch directory.
    for (const step of scripts.scripts.build.split('&&').map((s) => s.trim())) {
      const args = step.split(/\s+/);
      if (args[0] !== 'vite') throw new Error(`unexpected build step "${step}"`);
      execFileSync(bin, [...args.slice(1), '--outDir', outDir, '--logLevel', 'warn'], { cwd: WEB_DIR, stdio: ['ignore', 'ignore', 'inherit'] });
    }
  }
  const page = pageWeights(outDir).find((w) => w.page === CITIZEN_PAGE)!;
  return { gzipBytes: page.gzipBytes, files: page.files, bytes: page.bytes, outDir };
}
