import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProvider } from './app/provider.tsx';
import { AppRouter } from './app/router.tsx';
import { initialLocale } from './i18n/i18n-provider.tsx';
import { applyStoredElderMode } from './lib/elder-mode.ts';
import './app/styles/base.css';
import './app/styles/console.css';

/**
 * The staff console (/console, console.html): React, React Router and Ant Design. The public pages
 * are another entry (main.tsx) built with Preact.
 */
// Before the first paint, so neither the language nor the type size flickers.
document.documentElement.lang = initialLocale();
applyStoredElderMode();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProvider>
      <AppRouter />
    </AppProvider>
  </StrictMode>,
);
