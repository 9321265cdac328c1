import { defineConfig, type Plugin } from 'vite';

/**
 * The public pages (index.html: landing, citizen evaluation, window QR, suggestion box, rating
 * device) built with Preact in place of React DOM: the pages are written against React's API
 * (function components and hooks) and `preact/compat` provides it at a fraction of the size, so a
 * citizen's phone downloads little (issue 7: ≤ 40,000 bytes gzipped JS+CSS for /e/:token; measure
 * with `npm run size -w @hcp/web`). The console (console.html) is built by vite.config.ts with
 * React, React Router and Ant Design. `npm run build` runs that build first, then this one into
 * the same dist/.
 */
export default defineConfig({
  resolve: {
    tsconfigPaths: true,
    alias: [
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react\/jsx-runtime$/, replacement: 'preact/compat/jsx-runtime' },
      { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/compat/jsx-dev-runtime' },
      { find: /^react$/, replacement: 'preact/compat' },
    ],
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  plugins: [publicPackagesOnly()],
  build: {
    outDir: 'dist',
    // The console's build is already there.
    emptyOutDir: false,
    // What scripts/page-weight.ts reads to tell which files a page loads.
    manifest: '.vite/public-manifest.json',
    rolldownOptions: { input: 'index.html' },
  },
});

/** Packages the public pages may use: React's API (served by Preact) and the domain rules. */
const ALLOWED = /^(react|react-dom|react-dom\/client|react\/jsx-(dev-)?runtime|preact(\/.+)?|@hcp\/domain(\/.+)?)$/;

/**
 * Fails the build when code of the public pages imports any other package (Ant Design, React
 * Router, …): one careless import from a shared file would otherwise double a citizen's download.
 */
function publicPackagesOnly(): Plugin {
  return {
    name: 'hcp-public-packages-only',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || importer.includes('/node_modules/') || /^(\0|\.|\/|@\/|vite\/|[A-Za-z]:)/.test(source)) return null;
      if (!ALLOWED.test(source)) this.error(`${importer} imports "${source}": the public pages are built without it (see vite.public.config.ts)`);
      return null;
    },
  };
}
