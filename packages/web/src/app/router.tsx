import { createBrowserRouter, redirect, RouterProvider } from 'react-router';
import { CONSOLE_NAV, CONSOLE_SUBPAGES } from './console-nav.ts';
import { RouteLoading } from './routes/route-loading.tsx';
import { CONSOLE_USER_ROUTE } from './routes/console/session.ts';

/**
 * The staff console's routes (console.html; the server serves it for /console and below). Each
 * page is loaded on demand. The public pages (/, /e, /q, /suggest, /device) are another app:
 * public-router.tsx, built with Preact.
 */
const router = createBrowserRouter([
  {
    path: '/console',
    lazy: () => import('./routes/console/root.tsx'),
    HydrateFallback: RouteLoading,
    children: [
      { path: 'login', lazy: () => import('./routes/console/login.tsx') },
      // A window's QR poster prints on its own, outside the console's menu and header.
      { path: 'windows/:id/poster', lazy: () => import('./routes/console/window-poster.tsx') },
      {
        id: CONSOLE_USER_ROUTE,
        lazy: () => import('./routes/console/layout.tsx'),
        children: [
          { index: true, lazy: () => import('./routes/console/home.tsx') },
          ...CONSOLE_NAV.filter((item) => item.page).map((item) => ({
            path: item.path,
            handle: { nav: item },
            lazy: item.page!,
          })),
          ...CONSOLE_SUBPAGES.map((sub) => ({
            path: sub.path,
            handle: { nav: CONSOLE_NAV.find((item) => item.path === sub.parent) },
            lazy: sub.page,
          })),
          { path: '*', lazy: () => import('./routes/console/not-found.tsx') },
        ],
      },
    ],
  },
  // Only /console is served with this app; anything else goes back to it.
  { path: '*', loader: () => redirect('/console'), HydrateFallback: RouteLoading },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
