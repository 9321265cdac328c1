import { useEffect, useState } from 'react';
import { useCitizenText } from '@/i18n/use-citizen-text.ts';
import { openSignedLink, type SignedLinkQuery } from '../api/open-signed-link.ts';
import { LinkProblem, linkProblemOf, type LinkProblemKind } from './link-problem.tsx';

/** The query of /e/s as a signed link, or null when a part is missing or malformed (a forged link). */
export function parseSignedLink(params: URLSearchParams): SignedLinkQuery | null {
  const [k, c, x, p, ch, sig] = ['k', 'c', 'x', 'p', 'ch', 'sig'].map((name) => params.get(name) ?? '');
  if (!k || !c || !sig || !/^[0-9]{1,12}$/.test(x!) || (ch !== 'pc' && ch !== 'mobile')) return null;
  return { k: k!, c: c!, x: Number(x), ch, sig: sig!, ...(p ? { p } : {}) };
}

// One request per link and page load: React may run an effect twice, and a link opens a session once.
const opened = new Map<string, ReturnType<typeof openSignedLink>>();

/**
 * /e/s — a service portal's signed link: exchanges it for a session once, then hands the token on
 * (the route replaces the address with /e/<token>, so a reload does not reuse the link).
 */
export function SignedLinkEntry({ params, onToken }: { params: URLSearchParams; onToken(token: string): void }) {
  const { t } = useCitizenText();
  const link = parseSignedLink(params);
  const [problem, setProblem] = useState<LinkProblemKind | null>(link ? null : 'invalid');
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    if (!link) return;
    let request = opened.get(link.sig);
    if (!request) opened.set(link.sig, (request = openSignedLink(link)));
    let live = true;
    request.then(
      (r) => live && onToken(r.token),
      (e: unknown) => {
        if (!live) return;
        const kind = linkProblemOf(e);
        if (kind) setProblem(kind);
        else {
          opened.delete(link.sig);
          setFailed(e instanceof Error ? e.message : String(e));
        }
      },
    );
    return () => {
      live = false;
    };
    // The link is the whole input; `onToken` is a new function each render.
  }, [params.toString()]);

  if (problem) return <LinkProblem kind={problem} />;
  if (failed) return <p className="cz-error" role="alert">{t('cz.failed', { message: failed })}</p>;
  return (
    <p className="cz-loading" role="status">
      {t('ev.signed.opening')}
    </p>
  );
}
