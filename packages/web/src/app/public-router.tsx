import { useEffect, useMemo, useState, type ComponentType, type ReactNode } from 'react';
import { useI18n } from '@/i18n/i18n-context.ts';
import { matchPath, useLocation } from '@/lib/navigation.ts';
import { Component as Landing } from './routes/landing.tsx';
import { RouteLoading } from './routes/route-loading.tsx';

/** A page module: what `import()` of a route file gives. */
interface PageModule {
  Component: ComponentType<{ params: Record<string, string> }>;
}
interface FrameModule {
  Component: ComponentType<{ children: ReactNode }>;
}

interface PublicRoute {
  path: string;
  page: () => Promise<PageModule>;
  /** Shown inside the citizen pages' frame (header with the language and 适老化 switches). */
  citizen?: boolean;
}

// The home page comes with the entry (see `loaded` below): no second round trip before it shows.
const HOME: PublicRoute = { path: '/', page: async () => ({ Component: Landing }) };

/**
 * The public pages, each its own chunk: this app is built with Preact instead of React DOM and
 * without React Router or Ant Design (vite.public.config.ts), so a citizen's phone downloads
 * little. The first route that matches wins, so fixed paths come before parameters.
 */
const PUBLIC_ROUTES: PublicRoute[] = [
  HOME,
  // The window rating device (评价器).
  { path: '/device', page: () => import('./routes/device.tsx') },
  // Citizen pages: evaluation links, window QR codes, the suggestion box.
  { path: '/e/s', citizen: true, page: () => import('./routes/citizen/signed-link.tsx') },
  { path: '/e/:token', citizen: true, page: () => import('./routes/citizen/evaluate.tsx') },
  // The evaluator's page of the work order their bad rating opened (整改反馈, 回访), from the feedback SMS.
  { path: '/e/f/:token', citizen: true, page: () => import('./routes/citizen/feedback.tsx') },
  { path: '/q/:key', citizen: true, page: () => import('./routes/citizen/qr.tsx') },
  { path: '/suggest', citizen: true, page: () => import('./routes/citizen/suggest.tsx') },
  // The public disclosure portal (公开): results, rankings and replies; each page its own chunk.
  { path: '/public', citizen: true, page: () => import('./routes/public/home.tsx') },
  { path: '/public/search', citizen: true, page: () => import('./routes/public/search.tsx') },
  { path: '/public/method', citizen: true, page: () => import('./routes/public/method.tsx') },
  { path: '/public/units/:id', citizen: true, page: () => import('./routes/public/unit.tsx') },
];
const NOT_FOUND: PublicRoute = { path: '*', page: () => import('./routes/not-found.tsx') };
const loadFrame = () => import('./routes/citizen/layout.tsx');

function resolve(pathname: string): { route: PublicRoute; params: Record<string, string> } {
  for (const route of PUBLIC_ROUTES) {
    const params = matchPath(route.path, pathname);
    if (params) return { route, params };
  }
  return { route: NOT_FOUND, params: {} };
}

interface Loaded {
  Page: PageModule['Component'];
  Frame: FrameModule['Component'] | null;
}
const loaded = new Map<PublicRoute, Loaded>([[HOME, { Page: Landing, Frame: null }]]);
let citizenFrame: FrameModule['Component'] | null = null;

async function load(route: PublicRoute): Promise<void> {
  const [page, frame] = await Promise.all([route.page(), route.citizen ? loadFrame() : null]);
  if (frame) citizenFrame = frame.Component;
  loaded.set(route, { Page: page.Component, Frame: frame?.Component ?? null });
}

/** The public app: the page of the current path, its code loaded on first use. */
export function PublicRouter() {
  const { pathname } = useLocation();
  const { route, params } = useMemo(() => resolve(pathname), [pathname]);
  const [failed, setFailed] = useState<{ route: PublicRoute; error: unknown } | null>(null);
  const [, setLoads] = useState(0);
  const ready = loaded.get(route);

  useEffect(() => {
    if (loaded.has(route)) return;
    let live = true;
    load(route).then(
      () => live && setLoads((n) => n + 1),
      (error: unknown) => live && setFailed({ route, error }),
    );
    return () => {
      live = false;
    };
  }, [route]);

  if (failed?.route === route) return <LoadFailed />;
  if (!ready) {
    // Between two citizen pages the frame stays while the next page's code arrives.
    const Frame = route.citizen ? citizenFrame : null;
    return Frame ? (
      <Frame>
        <RouteLoading />
      </Frame>
    ) : (
      <RouteLoading />
    );
  }
  const { Page, Frame } = ready;
  return Frame ? (
    <Frame>
      <Page params={params} />
    </Frame>
  ) : (
    <Page params={params} />
  );
}

/** A page's code did not arrive (offline, or a new version replaced the files): offer a reload. */
function LoadFailed() {
  const { t } = useI18n();
  return (
    <div className="route-loading" role="alert">
      <p>{t('page.error.title')}</p>
      <button type="button" onClick={() => window.location.reload()}>
        {t('page.retry')}
      </button>
    </div>
  );
}
