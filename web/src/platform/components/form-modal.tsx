import { Form, Modal, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n/index.tsx';
import { useAction } from '../use-write.ts';

interface FormModalProps<T> {
  title: ReactNode;
  open: boolean;
  onClose: () => void;
  /** The OK button's text; 保存 when not given. */
  okText?: string;
  form: FormInstance<T>;
  /** Runs on a valid submit; what it throws shows on the form's fields, or as a toast. */
  onSubmit: (values: T) => Promise<void>;
  initialValues?: Partial<T>;
  /** Shown above the form (a load error, a hint). */
  before?: ReactNode;
  testId?: string;
  width?: number;
  /**
   * Keep the dialog and its form mounted while closed, so the form can be filled
   * (form.setFieldsValue) before it opens and keeps its values; otherwise both are
   * dropped on close and the form starts from initialValues each time.
   */
  keepMounted?: boolean;
  children: ReactNode;
}

/** A dialog holding one form: OK submits it, the button spins while the call runs. */
export function FormModal<T extends object>({ title, open, onClose, okText, form, onSubmit, initialValues, before, testId, width, keepMounted = false, children }: FormModalProps<T>) {
  const t = useT();
  const saving = useAction();
  const submit = (values: T) => saving.run(() => onSubmit(values), form);
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving.busy}
      okText={okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      width={width}
      destroyOnHidden={!keepMounted}
      forceRender={keepMounted}
    >
      {before}
      <Form<T> form={form} layout="vertical" onFinish={submit} initialValues={initialValues} preserve={keepMounted} data-testid={testId}>
        {children}
      </Form>
    </Modal>
  );
}
