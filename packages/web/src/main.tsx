import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProvider } from './app/provider.tsx';
import { PublicRouter } from './app/public-router.tsx';
import { initialLocale } from './i18n/i18n-provider.tsx';
import { applyStoredElderMode } from './lib/elder-mode.ts';
import './app/styles/base.css';

/**
 * The public pages (index.html): landing, citizen evaluation, window QR, suggestion box and the
 * rating device. `vite build -c vite.public.config.ts` builds them with Preact in place of React
 * DOM; the console is another entry (console-main.tsx, console.html).
 */
// Before the first paint, so neither the language nor the type size flickers.
document.documentElement.lang = initialLocale();
applyStoredElderMode();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProvider>
      <PublicRouter />
    </AppProvider>
  </StrictMode>,
);
