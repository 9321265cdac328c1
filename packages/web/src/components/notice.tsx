import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A whole-page message of the citizen pages (link used, expired, thank you): a heading that takes
 * the focus when it appears, so screen readers announce it, a text and optional actions.
 */
export function Notice({ title, tone = 'info', children, actions }: { title: string; tone?: 'info' | 'success' | 'warning'; children?: ReactNode; actions?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className={`cz-notice cz-notice-${tone}`} aria-labelledby="cz-notice-title">
      <h1 id="cz-notice-title" tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {children}
      {actions ? <div className="cz-actions">{actions}</div> : null}
    </section>
  );
}
