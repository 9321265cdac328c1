/** The server's error body: `{ error: { code, message, field? } }` (see packages/server/src/errors.ts). */
export interface ApiErrorBody {
  error: { code: string; message: string; field?: string; details?: { field?: string; reason: string }[] };
}

/**
 * A failed API call. `code` is the server's stable error code (LOGIN_FAILED, ACCOUNT_LOCKED, …),
 * or NETWORK_ERROR when no answer came, or HTTP_<status> when the answer was not the error shape.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isUnauthenticated = (e: unknown): e is ApiError => e instanceof ApiError && e.status === 401;

type Listener = (error: ApiError) => void;
const unauthenticatedListeners = new Set<Listener>();

/**
 * Calls `listener` whenever an API call answers 401 (the session ended or never was).
 * Returns the function that removes it.
 */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const e = (value as { error: unknown }).error;
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string';
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  signal?: AbortSignal;
  /**
   * The caller handles a 401 itself (the session check, the login call), so the
   * `onUnauthenticated` listeners are not told.
   */
  handles401?: boolean;
}

/**
 * Calls the API under /api with the session cookie, sends and parses JSON, and throws `ApiError`
 * for any answer that is not 2xx.
 * @example
 * const { user } = await apiRequest<{ user: User }>('/auth/me');
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const url = new URL(`/api${path}`, window.location.origin);
  for (const [k, v] of Object.entries(options.query ?? {})) {
    if (v !== undefined && v !== null) url.searchParams.set(k, String(v));
  }
  const hasBody = options.body !== undefined;
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? (hasBody ? 'POST' : 'GET'),
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(hasBody ? { 'content-type': 'application/json' } : {}) },
      ...(hasBody ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK_ERROR', e instanceof Error ? e.message : String(e));
  }
  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (response.ok) return data as T;
  const error = isErrorBody(data)
    ? new ApiError(response.status, data.error.code, data.error.message, data.error.field)
    : new ApiError(response.status, `HTTP_${response.status}`, response.statusText || `HTTP ${response.status}`);
  if (response.status === 401 && !options.handles401) for (const listener of unauthenticatedListeners) listener(error);
  throw error;
}
