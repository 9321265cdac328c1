/** One problem in an error answer: a field of the body, or a row and column of an imported file. */
export interface ApiErrorDetail {
  field?: string;
  row?: number;
  column?: string;
  reason: string;
}

/** The server's error body: `{ error: { code, message, field?, details? } }` (see packages/server/src/errors.ts). */
export interface ApiErrorBody {
  error: { code: string; message: string; field?: string; details?: ApiErrorDetail[] };
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
    readonly details: ApiErrorDetail[] = [],
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
  /** Sent as JSON, or as multipart/form-data when it is a FormData. */
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  signal?: AbortSignal;
  /**
   * The caller handles a 401 itself (the session check, the login call), so the
   * `onUnauthenticated` listeners are not told.
   */
  handles401?: boolean;
  /** Extra request headers, e.g. the rating device's `Authorization: Device <token>`. */
  headers?: Record<string, string>;
}

/**
 * Calls the API under /api with the session cookie, sends and parses JSON, and throws `ApiError`
 * for any answer that is not 2xx.
 * @example
 * const { user } = await apiRequest<{ user: User }>('/auth/me');
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options, 'application/json');
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
  throw failed(response, data, options);
}

/**
 * Downloads a file from the API with the session cookie (templates, exports) and hands it to the
 * browser as a download, named as the server's content-disposition says.
 */
export async function apiDownload(path: string, options: Pick<RequestOptions, 'query' | 'signal'> = {}): Promise<void> {
  const response = await send(path, options, '*/*');
  if (!response.ok) {
    const text = await response.text();
    let data: unknown = undefined;
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
    throw failed(response, data, options);
  }
  const blob = await response.blob();
  const name = /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? path.split('/').pop() ?? 'download';
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function send(path: string, options: RequestOptions, accept: string): Promise<Response> {
  const url = new URL(`/api${path}`, window.location.origin);
  for (const [k, v] of Object.entries(options.query ?? {})) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
  }
  const hasBody = options.body !== undefined;
  const multipart = options.body instanceof FormData;
  try {
    return await fetch(url, {
      method: options.method ?? (hasBody ? 'POST' : 'GET'),
      credentials: 'same-origin',
      // For FormData the browser sets multipart/form-data with its boundary itself.
      headers: { accept, ...(hasBody && !multipart ? { 'content-type': 'application/json' } : {}), ...options.headers },
      ...(hasBody ? { body: multipart ? (options.body as FormData) : JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK_ERROR', e instanceof Error ? e.message : String(e));
  }
}

function failed(response: Response, data: unknown, options: RequestOptions): ApiError {
  const error = isErrorBody(data)
    ? new ApiError(response.status, data.error.code, data.error.message, data.error.field, data.error.details ?? [])
    : new ApiError(response.status, `HTTP_${response.status}`, response.statusText || `HTTP ${response.status}`);
  if (response.status === 401 && !options.handles401) for (const listener of unauthenticatedListeners) listener(error);
  return error;
}
