/** A random key for one submission, made of characters every API accepts ([A-Za-z0-9-]). */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  // getRandomValues works on plain http too, where crypto.randomUUID does not exist.
  crypto.getRandomValues(bytes);
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

const PREFIX = 'hcp.idem.';

/**
 * The idempotency key of one pending submission, kept in sessionStorage under `scope` so that a
 * double tap, a network retry or a reload of the page sends the same key and the server stores the
 * submission once. `forgetIdempotencyKey` after a success lets the next submission get a new key.
 */
export function stickyIdempotencyKey(scope: string): string {
  try {
    const kept = window.sessionStorage.getItem(PREFIX + scope);
    if (kept) return kept;
    const key = newIdempotencyKey();
    window.sessionStorage.setItem(PREFIX + scope, key);
    return key;
  } catch {
    // Storage disabled: a key per page view still covers double taps and retries on this page.
    return (memory[scope] ??= newIdempotencyKey());
  }
}

export function forgetIdempotencyKey(scope: string): void {
  delete memory[scope];
  try {
    window.sessionStorage.removeItem(PREFIX + scope);
  } catch {
    // nothing stored
  }
}

const memory: Record<string, string> = {};
