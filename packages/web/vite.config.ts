import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// `npm run dev -w @hcp/web` proxies the API to a server started with `npm run hcp -- serve` on port 3000.
const api = 'http://localhost:3000';

/** Packages the console's first screen needs; every other package is only reached from a console page. */
const SHELL_PACKAGES = /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser)[\\/]/;
/** Packages one console page alone uses (the window poster's QR code, the dashboard's ECharts): they stay in that page's chunk instead of the one every page loads. */
const ONE_PAGE_PACKAGES = /[\\/]node_modules[\\/](qrcode-generator|echarts|zrender)[\\/]/;

/**
 * The staff console (console.html, /console): React, React Router and Ant Design. The public pages
 * (index.html) are built by vite.public.config.ts with Preact; `npm run build` runs both. In
 * development this server serves both pages, the public ones on React.
 */
export default defineConfig({
  plugins: [react(), consoleShellInDev()],
  resolve: { tsconfigPaths: true },
  server: { proxy: { '/api': api, '/healthz': api } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      input: 'console.html',
      output: {
        // Ant Design and its helpers in one chunk that only the console's pages load, instead of dozens.
        codeSplitting: {
          includeDependenciesRecursively: false,
          groups: [{ name: 'antd', test: (id: string) => id.includes('node_modules') && !SHELL_PACKAGES.test(id) && !ONE_PAGE_PACKAGES.test(id) }],
        },
      },
    },
    chunkSizeWarningLimit: 1500,
  },
});

/** In `vite` (dev), /console and below get console.html, as the server does with the build. */
function consoleShellInDev(): Plugin {
  return {
    name: 'hcp-console-shell-in-dev',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (req.method === 'GET' && req.url && /^\/console(\/|\?|$)/.test(req.url) && req.headers.accept?.includes('text/html')) req.url = '/console.html';
        next();
      });
    },
  };
}
