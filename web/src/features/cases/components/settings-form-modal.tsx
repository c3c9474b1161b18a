import { Form, Modal, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../../platform/i18n/index.tsx';

interface SettingsFormModalProps<T> {
  open: boolean;
  title: ReactNode;
  form: FormInstance<T>;
  /** The save is under way: the OK button spins. */
  saving: boolean;
  onCancel: () => void;
  onFinish: (values: T) => void;
  children: ReactNode;
  width?: number;
  /** Shown above the form. */
  intro?: ReactNode;
}

/** The settings tabs' modal: one vertical form, saved by its OK button while the tab owns the save state; kept mounted so the form can be filled before it opens. */
export function SettingsFormModal<T>({ open, title, form, saving, onCancel, onFinish, children, width, intro }: SettingsFormModalProps<T>) {
  const t = useT();
  return (
    <Modal open={open} title={title} onCancel={onCancel} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={saving} width={width} forceRender>
      {intro}
      <Form<T> form={form} layout="vertical" onFinish={onFinish}>
        {children}
      </Form>
    </Modal>
  );
}
