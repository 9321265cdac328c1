import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev -w @hcp/web` proxies the API to a server started with `npm run hcp -- serve` on port 3000.
const api = 'http://localhost:3000';

/** Packages the landing page itself needs; every other package is only reached from /console. */
const LANDING_PACKAGES = /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser)[\\/]/;
/** Packages one console page alone uses: they stay in that page's chunk instead of the one every page loads. */
const ONE_PAGE_PACKAGES = /[\\/]node_modules[\\/]qrcode-generator[\\/]/;

export default defineConfig({
  plugins: [react()],
  resolve: { tsconfigPaths: true },
  server: { proxy: { '/api': api, '/healthz': api } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Ant Design and its helpers in one chunk that only the console loads, instead of dozens.
        codeSplitting: {
          includeDependenciesRecursively: false,
          groups: [{ name: 'antd', test: (id: string) => id.includes('node_modules') && !LANDING_PACKAGES.test(id) && !ONE_PAGE_PACKAGES.test(id) }],
        },
      },
    },
    chunkSizeWarningLimit: 1500,
  },
});
