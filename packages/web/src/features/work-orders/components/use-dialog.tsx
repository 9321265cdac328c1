import { Form, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { FormModal } from '@/components/form-modal.tsx';
import { useI18n } from '@/i18n/i18n-context.ts';
import { applyServerErrors } from '@/lib/form-errors.ts';
import { workOrderErrorMessage } from '../text.ts';

/** What a dialog of the order needs from useDialog: whether it is open, its state, and what to do with the values. */
export interface DialogState<V> {
  open: boolean;
  /** Counts the openings: each opening gets a form of its own. */
  round: number;
  pending: boolean;
  error: string | null;
  initialValues: Partial<V> | undefined;
  onSubmit(values: V, form: FormInstance<V>): void;
  onClose(): void;
  /** The record this opening is about, kept with a draft when the session ends. */
  context: unknown;
  /** Opens the dialog again with a draft's values and record, after logging in again. */
  reopen(initialValues: Partial<V>, context: unknown): void;
}

/**
 * The state of one of the order's dialogs (a step, a request, a decision), for <DialogModal>: like
 * useFormModal, but a refusal of the closed loop (an illegal step, a pending request, a closed appeal
 * window) is told in its own words above the form; a field error goes beside its field.
 */
export function useDialog<V, C = undefined>(action: (values: V, context: C) => Promise<unknown>, onDone: (context: C) => void, alias?: Record<string, string>) {
  const { t } = useI18n();
  const [state, setState] = useState<{ open: boolean; round: number; initialValues?: Partial<V>; context?: C }>({ open: false, round: 0 });
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const context = state.context as C;
  const props: DialogState<V> = {
    open: state.open,
    round: state.round,
    pending,
    error,
    initialValues: state.initialValues,
    onSubmit: (values, form) => {
      setPending(true);
      setError(null);
      action(values, context).then(
        () => {
          setPending(false);
          setState((s) => ({ ...s, open: false }));
          onDone(context);
        },
        (e: unknown) => {
          setPending(false);
          setError(applyServerErrors(form, e, alias) ? null : workOrderErrorMessage(e, t));
        },
      );
    },
    onClose: () => setState((s) => ({ ...s, open: false })),
    context: state.context,
    reopen: (initialValues, ctx) => open(initialValues, ctx as C),
  };
  function open(initialValues?: Partial<V>, ctx?: C) {
    setError(null);
    setState((s) => ({ open: true, round: s.round + 1, ...(initialValues ? { initialValues } : {}), ...(ctx !== undefined ? { context: ctx } : {}) }));
  }
  return { props, context: state.context, open };
}

interface DialogModalProps<V> {
  dialog: DialogState<V>;
  title: string;
  name: string;
  okText?: string;
  width?: number;
  /** The form's items; a function gets the opening's form (to set one field from another). */
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
}

/** A FormModal whose form is made afresh at every opening, so nothing of an earlier opening is left over. */
export function DialogModal<V>(props: DialogModalProps<V>) {
  return <OneOpening<V> key={props.dialog.round} {...props} />;
}

function OneOpening<V>({ dialog, title, name, okText, width, children }: DialogModalProps<V>) {
  const [form] = Form.useForm<V>();
  return (
    <FormModal<V>
      form={form}
      open={dialog.open}
      pending={dialog.pending}
      error={dialog.error}
      initialValues={dialog.initialValues}
      onSubmit={(v) => dialog.onSubmit(v, form)}
      onClose={dialog.onClose}
      context={dialog.context}
      reopen={dialog.reopen}
      title={title}
      name={name}
      {...(okText ? { okText } : {})}
      {...(width ? { width } : {})}
    >
      {typeof children === 'function' ? children(form) : children}
    </FormModal>
  );
}
