import { createBrowserRouter, RouterProvider } from 'react-router';
import { CONSOLE_NAV } from './console-nav.ts';
import { LandingRoute } from './routes/landing.tsx';
import { NotFoundRoute } from './routes/not-found.tsx';
import { RouteLoading } from './routes/route-loading.tsx';
import { CONSOLE_USER_ROUTE } from './routes/console/session.ts';

/**
 * The landing page is in the first chunk; everything under /console is loaded on demand, so Ant
 * Design is only downloaded by staff.
 */
const router = createBrowserRouter([
  { path: '/', Component: LandingRoute },
  // The window rating device (评价器): its own small chunk, no Ant Design.
  { path: '/device', lazy: () => import('./routes/device.tsx'), HydrateFallback: RouteLoading },
  // Citizen pages (evaluation links, window QR codes, the suggestion box): small chunks, no Ant Design.
  {
    lazy: () => import('./routes/citizen/layout.tsx'),
    HydrateFallback: RouteLoading,
    children: [
      { path: '/e/s', lazy: () => import('./routes/citizen/signed-link.tsx') },
      { path: '/e/:token', lazy: () => import('./routes/citizen/evaluate.tsx') },
      { path: '/q/:key', lazy: () => import('./routes/citizen/qr.tsx') },
      { path: '/suggest', lazy: () => import('./routes/citizen/suggest.tsx') },
    ],
  },
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
          { path: '*', lazy: () => import('./routes/console/not-found.tsx') },
        ],
      },
    ],
  },
  { path: '*', Component: NotFoundRoute },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
