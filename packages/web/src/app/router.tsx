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
  {
    path: '/console',
    lazy: () => import('./routes/console/root.tsx'),
    HydrateFallback: RouteLoading,
    children: [
      { path: 'login', lazy: () => import('./routes/console/login.tsx') },
      {
        id: CONSOLE_USER_ROUTE,
        lazy: () => import('./routes/console/layout.tsx'),
        children: [
          { index: true, lazy: () => import('./routes/console/home.tsx') },
          ...CONSOLE_NAV.filter((item) => item.path !== '').map((item) => ({
            path: item.path,
            handle: { nav: item },
            lazy: () => import('./routes/console/todo.tsx'),
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
