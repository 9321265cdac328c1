import type { FormInstance } from 'antd';
import { useState } from 'react';
import { useI18n } from '@/i18n/i18n-context.ts';
import { errorMessage } from './error-message.ts';
import { applyServerErrors } from './form-errors.ts';

export interface FormSubmit<V> {
  submit(values: V): Promise<void>;
  pending: boolean;
  /** What failed, when the server's answer named no field of the form. */
  error: string | null;
  clearError(): void;
}

/**
 * Sends a validated form: tracks the pending state, puts the server's field errors beside the
 * fields and keeps any other failure as a message to show above the form.
 * @example
 * const { submit, pending, error } = useFormSubmit(form, (v) => createRegion(v), () => close());
 */
export function useFormSubmit<V, R>(form: FormInstance<V>, action: (values: V) => Promise<R>, onDone: (result: R) => void, alias?: Record<string, string>): FormSubmit<V> {
  const { t } = useI18n();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (values: V) => {
    setPending(true);
    setError(null);
    try {
      const result = await action(values);
      setPending(false);
      onDone(result);
    } catch (e) {
      setPending(false);
      setError(applyServerErrors(form, e, alias) ? null : errorMessage(e, t));
    }
  };
  return { submit, pending, error, clearError: () => setError(null) };
}
