/**
 * What each public page downloads, as built: the JS and CSS files of its chunks (from the Vite
 * manifest of vite.public.config.ts), each gzipped on its own as a server would send it.
 *
 *   npm run size -w @hcp/web          (after npm run build -w @hcp/web)
 *
 * prints a table and exits 1 when the citizen evaluation page (/e/:token) is over its budget
 * (issue 7: citizen_page.js_gzip_bytes ≤ 40,000). The benchmark and a test use `pageWeights`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const WEB_DIR = path.resolve(import.meta.dirname, '..');
export const DIST_DIR = path.join(WEB_DIR, 'dist');
export const PUBLIC_MANIFEST = '.vite/public-manifest.json';

/** The budget of the citizen evaluation page: gzipped JS+CSS bytes. */
export const CITIZEN_PAGE_BUDGET = 40_000;

/** Each public page and the route modules it loads besides the entry (see src/app/public-router.tsx). */
export const PUBLIC_PAGES: Record<string, string[]> = {
  '/': [],
  '/e/:token': ['src/app/routes/citizen/layout.tsx', 'src/app/routes/citizen/evaluate.tsx'],
  '/e/s': ['src/app/routes/citizen/layout.tsx', 'src/app/routes/citizen/signed-link.tsx'],
  '/e/f/:token': ['src/app/routes/citizen/layout.tsx', 'src/app/routes/citizen/feedback.tsx'],
  '/q/:key': ['src/app/routes/citizen/layout.tsx', 'src/app/routes/citizen/qr.tsx'],
  '/suggest': ['src/app/routes/citizen/layout.tsx', 'src/app/routes/citizen/suggest.tsx'],
  '/device': ['src/app/routes/device.tsx'],
  '/public': ['src/app/routes/citizen/layout.tsx', 'src/app/routes/public/home.tsx'],
  '/public/units/:id': ['src/app/routes/citizen/layout.tsx', 'src/app/routes/public/unit.tsx'],
  '/public/search': ['src/app/routes/citizen/layout.tsx', 'src/app/routes/public/search.tsx'],
  '/public/method': ['src/app/routes/citizen/layout.tsx', 'src/app/routes/public/method.tsx'],
};
export const CITIZEN_PAGE = '/e/:token';

interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface PageWeight {
  page: string;
  /** The files under dist/ the page loads, JS and CSS. */
  files: string[];
  bytes: number;
  gzipBytes: number;
}

function readManifest(distDir: string): Manifest {
  const file = path.join(distDir, PUBLIC_MANIFEST);
  if (!fs.existsSync(file)) throw new Error(`no ${file}: build the web app first (npm run build -w @hcp/web)`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
}

/**
 * The files of `key` and of every chunk it imports; with `dynamic`, also of the chunks it may load
 * later (the entry's dynamic imports are the other pages, so it is followed without).
 */
function collect(manifest: Manifest, key: string, dynamic: boolean, into: Set<string>, seen = new Set<string>()): void {
  if (seen.has(key)) return;
  seen.add(key);
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in the public build's manifest`);
  into.add(chunk.file);
  for (const css of chunk.css ?? []) into.add(css);
  for (const next of chunk.imports ?? []) collect(manifest, next, dynamic, into, seen);
  if (dynamic) for (const next of chunk.dynamicImports ?? []) collect(manifest, next, dynamic, into, seen);
}

/** The JS+CSS of each public page in `distDir`, raw and gzipped (zlib's default level, per file). */
export function pageWeights(distDir = DIST_DIR): PageWeight[] {
  const manifest = readManifest(distDir);
  const gzipped = new Map<string, [number, number]>();
  const size = (file: string) => {
    let s = gzipped.get(file);
    if (!s) {
      const body = fs.readFileSync(path.join(distDir, file));
      gzipped.set(file, (s = [body.length, gzipSync(body).length]));
    }
    return s;
  };
  return Object.entries(PUBLIC_PAGES).map(([page, modules]) => {
    const files = new Set<string>();
    // The entry first: what the pages import from it is there already, its other pages are not loaded.
    const seen = new Set<string>();
    collect(manifest, 'index.html', false, files, seen);
    for (const m of modules) collect(manifest, m, true, files, seen);
    const list = [...files].filter((f) => /\.(js|css)$/.test(f)).sort();
    return { page, files: list, bytes: list.reduce((n, f) => n + size(f)[0], 0), gzipBytes: list.reduce((n, f) => n + size(f)[1], 0) };
  });
}

/** citizen_page.js_gzip_bytes: the gzipped JS+CSS of the citizen evaluation page as built. */
export function citizenPageGzipBytes(distDir = DIST_DIR): number {
  return pageWeights(distDir).find((w) => w.page === CITIZEN_PAGE)!.gzipBytes;
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const weights = pageWeights(process.argv[2] ? path.resolve(process.argv[2]) : DIST_DIR);
  console.log('public page          files  JS+CSS bytes  gzipped');
  for (const w of weights) console.log(`${w.page.padEnd(19)}  ${String(w.files.length).padStart(5)}  ${String(w.bytes).padStart(12)}  ${String(w.gzipBytes).padStart(7)}`);
  const citizen = weights.find((w) => w.page === CITIZEN_PAGE)!;
  const ok = citizen.gzipBytes <= CITIZEN_PAGE_BUDGET;
  console.log(`citizen_page.js_gzip_bytes = ${citizen.gzipBytes} (budget ${CITIZEN_PAGE_BUDGET}): ${ok ? 'within' : 'OVER'}`);
  if (!ok) process.exitCode = 1;
}
