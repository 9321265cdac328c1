import type { FormInstance } from 'antd';
import { ApiError } from './api-client.ts';

/** The form item a server field names: itself, its alias, or its first segment ("unitIds.0" → "unitIds"). */
function formNameOf(field: string, names: Set<string>, alias: Record<string, string>): string | undefined {
  const bare = field.replace(/^body\./, '');
  for (const candidate of [alias[bare], alias[bare.split('.')[0]!], bare, bare.split('.')[0]]) {
    if (candidate && names.has(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Shows the server's field errors (`error.field` and `details[].field`) beside the form items they
 * name. Returns false when none of them names an item, so the caller shows the error above the form.
 * @example
 * catch (e) { if (!applyServerErrors(form, e)) setError(errorMessage(e, t)); }
 */
export function applyServerErrors(form: FormInstance, error: unknown, alias: Record<string, string> = {}): boolean {
  if (!(error instanceof ApiError)) return false;
  const names = new Set(form.getFieldsError().map((f) => f.name.join('.')));
  const byItem = new Map<string, string[]>();
  const add = (field: string | undefined, reason: string) => {
    const name = field ? formNameOf(field, names, alias) : undefined;
    if (name) byItem.set(name, [...(byItem.get(name) ?? []), reason]);
  };
  for (const d of error.details) add(d.field, d.reason);
  if (byItem.size === 0) add(error.field, error.message);
  if (byItem.size === 0) return false;
  form.setFields([...byItem].map(([name, errors]) => ({ name, errors: [...new Set(errors)] })));
  form.scrollToField([...byItem.keys()][0]!, { block: 'center' });
  return true;
}
