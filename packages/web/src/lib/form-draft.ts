import dayjs from 'dayjs';
import type { FormInstance } from 'antd';
import { createContext, useContext, useEffect, useRef, useState } from 'react';
import { onUnauthenticated } from './api-client.ts';

/**
 * The logged-in user's id, under which the console's forms keep their drafts (the console layout
 * provides it); null, outside the console, keeps none.
 */
export const DraftOwner = createContext<number | null>(null);

/** What a form keeps over the end of a session: its values and the record they are for. */
export interface FormDraft {
  values: unknown;
  context: unknown;
}

const keyOf = (owner: number, name: string) => `hcp-draft:${owner}:${window.location.pathname}${window.location.search}:${name}`;

/** The open form dialogs and mounted page forms, by draft key: what each holds now, or null when it holds nothing to keep. */
const openForms = new Map<string, () => FormDraft | null>();

// A 401 sends the console to login: every open form keeps what was typed before the page goes.
onUnauthenticated(() => {
  for (const [key, snapshot] of openForms) {
    const draft = snapshot();
    if (draft) write(key, draft);
  }
});

/** Dates (dayjs) survive JSON as { $day }; a File or anything else without own fields becomes {}. */
function encode(v: unknown): unknown {
  if (dayjs.isDayjs(v)) return { $day: v.toISOString() };
  if (Array.isArray(v)) return v.map(encode);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)]));
  return v;
}

function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.$day === 'string' && Object.keys(o).length === 1) return dayjs(o.$day);
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, decode(x)]));
  }
  return v;
}

// sessionStorage: the draft stays in this tab only and goes with it. Storage may be disabled or full:
// then nothing is kept, as before.
function write(key: string, draft: FormDraft): void {
  try {
    window.sessionStorage.setItem(key, JSON.stringify({ values: encode(draft.values), context: encode(draft.context) }));
  } catch {
    // Not kept.
  }
}

function read(key: string): FormDraft | null {
  try {
    const raw = window.sessionStorage.getItem(key);
    if (!raw) return null;
    const d = JSON.parse(raw) as FormDraft;
    return { values: decode(d.values), context: decode(d.context) };
  } catch {
    return null;
  }
}

function remove(key: string): void {
  try {
    window.sessionStorage.removeItem(key);
  } catch {
    // Nothing was kept.
  }
}

/**
 * Keeps what was typed into a form dialog when the session ends: while the dialog is open, a 401
 * (the session expired or was ended elsewhere) writes its values and the record it is about to
 * sessionStorage, under the user, the page and the dialog's `name`. When the dialog mounts again on
 * that page for that user — after logging in and coming back — `restore` opens it with them. Closing
 * the dialog (saved, or cancelled) forgets the draft.
 */
export function useFormDraft(name: string, open: boolean, snapshot: () => FormDraft, restore: ((draft: FormDraft) => void) | undefined): void {
  const owner = useContext(DraftOwner);
  const latest = useRef({ snapshot, restore });
  useEffect(() => {
    latest.current = { snapshot, restore };
  });
  const wasOpen = useRef(open);
  const tried = useRef(false);

  useEffect(() => {
    if (owner === null || tried.current) return;
    tried.current = true;
    if (open || !latest.current.restore) return;
    const draft = read(keyOf(owner, name));
    if (draft) latest.current.restore(draft);
  }, [owner, name, open]);

  useEffect(() => {
    if (owner === null) return;
    const key = keyOf(owner, name);
    if (wasOpen.current && !open) remove(key);
    wasOpen.current = open;
    if (!open) return;
    openForms.set(key, () => latest.current.snapshot());
    return () => {
      openForms.delete(key);
    };
  }, [owner, name, open]);
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(encode(a)) === JSON.stringify(encode(b));

/**
 * The record of the draft a page form (usePageFormDraft `name`) keeps on this page for this user,
 * as it was when the page mounted: the page shows that record again (its region, its case) so the
 * form mounts for it and takes its values back. Null when nothing is kept.
 */
export function useKeptDraftContext<C>(name: string): C | null {
  const owner = useContext(DraftOwner);
  const [context] = useState(() => (owner === null ? null : ((read(keyOf(owner, name))?.context ?? null) as C | null)));
  return context;
}

/**
 * Keeps what was typed into a form on a page (not a dialog) when the session ends: while the form is
 * mounted, a 401 writes its values — if they differ from those it started with — and `context`, the
 * record they are for, to sessionStorage under the user, the page and `name`. When the form mounts
 * again on that page for that user and the same record — after logging in and coming back — it takes
 * the values back; a draft for another record is dropped. `keep` picks what may be kept: leave out
 * files and anything that must not sit in the browser's storage. Call `discard()` after a successful
 * save and on an explicit cancel or reset: it forgets the draft, and what the form holds then counts
 * as its starting values.
 */
export function usePageFormDraft<V>(name: string, form: FormInstance<V>, options: { context?: unknown; keep?: (values: V) => unknown } = {}): { discard(): void } {
  const owner = useContext(DraftOwner);
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const start = useRef<unknown>(null);
  const contextKey = JSON.stringify(encode(options.context ?? null));
  const kept = () => {
    const values = form.getFieldsValue(true) as V;
    return latest.current.keep ? latest.current.keep(values) : values;
  };

  useEffect(() => {
    if (owner === null) return;
    const key = keyOf(owner, name);
    start.current = kept();
    const draft = read(key);
    if (draft && JSON.stringify(encode(draft.context)) === contextKey) form.setFieldsValue(draft.values as Parameters<FormInstance<V>['setFieldsValue']>[0]);
    else if (draft) remove(key);
    openForms.set(key, () => {
      const values = kept();
      return sameJson(values, start.current) ? null : { values, context: latest.current.context ?? null };
    });
    return () => {
      openForms.delete(key);
    };
  }, [owner, name, form, contextKey]);

  return {
    discard() {
      if (owner === null) return;
      remove(keyOf(owner, name));
      start.current = kept();
    },
  };
}
