import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { isPublicPath, navigate } from '@/lib/navigation.ts';

/**
 * A link of the public pages: a real <a href>, followed without a page load when it stays on the
 * public pages and is a plain left click (a new tab, a download or the console load as usual).
 */
export function Link({ to, replace, onClick, ...rest }: Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string; replace?: boolean }) {
  const follow = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    if ((rest.target && rest.target !== '_self') || rest.download !== undefined || !isPublicPath(to)) return;
    e.preventDefault();
    navigate(to, { replace: !!replace });
  };
  return <a href={to} {...rest} onClick={follow} />;
}
