import { Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { useReportError } from './feedback.tsx';

interface FormModalProps<T> {
  title: ReactNode;
  open: boolean;
  onClose: () => void;
  okText: string;
  form: FormInstance<T>;
  /** Runs on a valid submit; what it throws shows on the form's fields, or as a toast. */
  onSubmit: (values: T) => Promise<void>;
  initialValues?: Partial<T>;
  /** Shown above the form (a load error). */
  before?: ReactNode;
  testId?: string;
  children: ReactNode;
}

/** A dialog holding one form: OK submits it, the button spins while the call runs. */
export function FormModal<T extends object>({ title, open, onClose, okText, form, onSubmit, initialValues, before, testId, children }: FormModalProps<T>) {
  const reportError = useReportError();
  const [saving, setSaving] = useState(false);
  const submit = async (values: T) => {
    setSaving(true);
    try {
      await onSubmit(values);
    } catch (error) {
      reportError(error, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal title={title} open={open} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} okText={okText} destroyOnHidden>
      {before}
      <Form<T> form={form} layout="vertical" onFinish={submit} initialValues={initialValues} preserve={false} data-testid={testId}>
        {children}
      </Form>
    </Modal>
  );
}
