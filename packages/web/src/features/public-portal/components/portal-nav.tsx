import { Link } from '@/components/link.tsx';
import { usePortalText } from '@/i18n/use-portal-text.ts';
import type { PortalMessageKey } from '@/i18n/portal-messages.ts';

export type PortalSection = 'home' | 'search' | 'method' | 'unit';

const LINKS: { section: PortalSection; to: string; label: PortalMessageKey }[] = [
  { section: 'home', to: '/public', label: 'pp.nav.home' },
  { section: 'search', to: '/public/search', label: 'pp.nav.search' },
  { section: 'method', to: '/public/method', label: 'pp.nav.method' },
];

/** The portal's own menu: results, search, ranking method, and the suggestion box. */
export function PortalNav({ current }: { current: PortalSection }) {
  const { t } = usePortalText();
  return (
    <nav className="pp-nav" aria-label={t('pp.nav')}>
      <ul>
        {LINKS.map((l) => (
          <li key={l.section}>
            <Link to={l.to} aria-current={current === l.section ? 'page' : undefined}>
              {t(l.label)}
            </Link>
          </li>
        ))}
        <li>
          <Link to="/suggest">{t('pp.nav.suggest')}</Link>
        </li>
      </ul>
    </nav>
  );
}

/** The pointer to the suggestion box at the foot of every portal page. */
export function SuggestFooter() {
  const { t } = usePortalText();
  return (
    <p className="pp-suggest">
      <Link className="cz-link" to="/suggest">
        {t('pp.suggest')}
      </Link>
    </p>
  );
}
