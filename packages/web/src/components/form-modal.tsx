import { Alert, Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { useI18n } from '@/i18n/i18n-context.ts';
import { useFormDraft } from '@/lib/form-draft.ts';
import { useFormSubmit } from '@/lib/use-form-submit.ts';

export interface FormModalProps<V> {
  form: FormInstance<V>;
  open: boolean;
  pending: boolean;
  /** A failure that names no field, shown above the form. */
  error: string | null;
  initialValues: Partial<V> | undefined;
  onSubmit(values: V): void;
  onClose(): void;
  /** The record this opening is about (useFormModal's context), kept with a draft. */
  context?: unknown;
  /** Opens the dialog again with a draft's values and record, after the session ended (form-draft.ts). */
  reopen?(initialValues: Partial<V>, context: unknown): void;
}

/**
 * A dialog with a vertical form: OK validates first and only then submits, Escape closes. Each
 * opening starts from its own initial values: the form's values are cleared when its content goes
 * (destroyOnHidden), so the next opening's fields mount with that opening's initial values. (A reset
 * when the content mounted came before the fields had registered: a radio group showed the last
 * opening's choice while the form held the new initial value, and submitted that.) What was typed
 * survives the end of the session (useFormDraft).
 */
export function FormModal<V>({ title, name, okText, width, children, form, open, pending, error, initialValues, onSubmit, onClose, context, reopen }: FormModalProps<V> & {
  title: string;
  /** Unique on the page: it prefixes the ids that tie labels to inputs. */
  name: string;
  okText?: string;
  width?: number;
  children: ReactNode;
}) {
  const { t } = useI18n();
  useFormDraft(name, open, () => ({ values: form.getFieldsValue(true), context }), reopen ? (d) => reopen(d.values as Partial<V>, d.context) : undefined);
  return (
    <Modal
      title={title}
      open={open}
      width={width}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      // Disabled rather than `confirmLoading`: Ant Design's button could stay in its loading state
      // after an answer that came back within a frame, and a loading button ignores clicks.
      okButtonProps={{ disabled: pending, 'aria-busy': pending }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form<V> form={form} name={name} layout="vertical" onFinish={onSubmit} disabled={pending} initialValues={initialValues as object | undefined} clearOnDestroy>
        {children}
      </Form>
    </Modal>
  );
}

/**
 * The state of a FormModal: `open(initialValues, context)` shows it for one record (the context),
 * `props` go to <FormModal>. On success it closes and calls `onDone`; field errors from the server
 * appear beside their fields.
 * @example
 * const rename = useFormModal((v: { name: string }, r: Region) => renameRegion(r.code, v.name), () => reload());
 * <FormModal {...rename.props} name="rename" title="…">…</FormModal>
 */
export function useFormModal<V, C = undefined, R = unknown>(action: (values: V, context: C) => Promise<R>, onDone: (result: R, context: C) => void, alias?: Record<string, string>) {
  const [form] = Form.useForm<V>();
  const [state, setState] = useState<{ open: boolean; initialValues?: Partial<V>; context?: C }>({ open: false });
  const context = state.context as C;
  const submit = useFormSubmit(
    form,
    (values: V) => action(values, context),
    (result) => {
      setState((s) => ({ ...s, open: false }));
      onDone(result, context);
    },
    alias,
  );
  const props: FormModalProps<V> = {
    form,
    open: state.open,
    pending: submit.pending,
    error: submit.error,
    initialValues: state.initialValues,
    onSubmit: (v) => void submit.submit(v),
    onClose: () => setState((s) => ({ ...s, open: false })),
    context: state.context,
    reopen: (initialValues, ctx) => open(initialValues, ctx as C),
  };
  function open(initialValues?: Partial<V>, ctx?: C) {
    submit.clearError();
    setState({ open: true, ...(initialValues ? { initialValues } : {}), ...(ctx !== undefined ? { context: ctx } : {}) });
  }
  return { props, form, context: state.context, open };
}
