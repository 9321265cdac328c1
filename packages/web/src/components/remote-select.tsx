import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '@/i18n/i18n-context.ts';

export interface RemoteOption<V extends string | number> {
  value: V;
  label: string;
}

export interface RemoteSelectProps<V extends string | number> {
  /** Set by Form.Item, so the item's label points at the input. */
  id?: string;
  value?: V | V[] | null;
  onChange?: (value: V | V[] | null) => void;
  multiple?: boolean;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: React.CSSProperties;
  'aria-label'?: string;
  /** Options for what the user typed ('' when the list opens). */
  search(q: string, signal: AbortSignal): Promise<RemoteOption<V>[]>;
  /** The label of a value that is set but not among the options loaded so far. */
  resolve(value: V): Promise<string>;
  /** Options always offered first, e.g. "national" in a region picker. */
  fixed?: RemoteOption<V>[];
}

/**
 * A select whose options come from the server as the user types (debounced), for picking one or
 * more regions or organisations out of thousands. Keyboard use is Ant Design's: type, arrows, Enter.
 */
export function RemoteSelect<V extends string | number>({ search, resolve, fixed = [], multiple, value, onChange, ...rest }: RemoteSelectProps<V>) {
  const { t } = useI18n();
  const [options, setOptions] = useState<RemoteOption<V>[]>([]);
  const [known, setKnown] = useState(new Map<V, string>());
  const [loading, setLoading] = useState(false);
  const [q, setQ] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  // Load options once the list is opened or the user typed, 250 ms after the last key.
  useEffect(() => {
    if (q === null) return;
    const controller = new AbortController();
    timer.current = setTimeout(() => {
      setLoading(true);
      search(q, controller.signal).then(
        (found) => {
          setOptions(found);
          setKnown((m) => new Map([...m, ...found.map((o) => [o.value, o.label] as const)]));
          setLoading(false);
        },
        () => !controller.signal.aborted && setLoading(false),
      );
    }, 250);
    return () => {
      clearTimeout(timer.current);
      controller.abort();
    };
    // `search` is a new function each render; what was typed says when to search again.
  }, [q]);

  // Labels for values set from outside (an edit form), so the select never shows a bare id.
  const values = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
  const missing = values.filter((v) => !known.has(v) && !fixed.some((f) => f.value === v));
  const missingKey = missing.join(',');
  useEffect(() => {
    let live = true;
    for (const v of missing) {
      resolve(v).then(
        (label) => live && setKnown((m) => new Map(m).set(v, label)),
        () => live && setKnown((m) => new Map(m).set(v, String(v))),
      );
    }
    return () => {
      live = false;
    };
  }, [missingKey]);

  const shown = [...fixed, ...options.filter((o) => !fixed.some((f) => f.value === o.value))];
  for (const v of values) if (!shown.some((o) => o.value === v)) shown.push({ value: v, label: known.get(v) ?? String(v) });

  return (
    <Select<V | V[]>
      {...rest}
      {...(multiple ? { mode: 'multiple' as const } : {})}
      value={value ?? (multiple ? [] : undefined)}
      onChange={(v) => onChange?.(v === undefined ? null : v)}
      showSearch={{ filterOption: false, onSearch: (text) => setQ(text) }}
      onOpenChange={(open) => open && q === null && setQ('')}
      loading={loading}
      notFoundContent={loading ? t('a11y.loading') : t('common.noMatch')}
      options={shown}
    />
  );
}
