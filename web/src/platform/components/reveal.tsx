import { EyeInvisibleOutlined, EyeOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal } from 'antd';
import { useState, type ReactNode } from 'react';
import { useT } from '../i18n/index.tsx';

/**
 * 查看: personal data is masked until someone allowed to see it gives a reason; `onReveal`
 * then asks the server, which audits the reveal with the reason. Renders nothing unless
 * `allowed`. Used by the registry (identifiers) and cases (the reporter's contact).
 */
export function RevealButton({
  allowed,
  revealed,
  onReveal,
  onHide,
  label,
  notice,
  placeholder,
  size,
}: {
  allowed: boolean;
  revealed: boolean;
  /** May return a promise: the dialog stays open, busy, until it settles (and open if it fails). */
  onReveal: (reason: string) => void | Promise<void>;
  onHide: () => void;
  label?: ReactNode;
  notice?: ReactNode;
  placeholder?: string;
  size?: 'small' | 'middle';
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  if (!allowed) return null;
  if (revealed) {
    return (
      <Button size={size} icon={<EyeInvisibleOutlined />} onClick={onHide} data-testid="reveal-hide">
        {t('reveal.hide')}
      </Button>
    );
  }
  return (
    <>
      <Button size={size} icon={<EyeOutlined />} onClick={() => setOpen(true)} data-testid="reveal-open">
        {label ?? t('reveal.button')}
      </Button>
      <Modal
        title={
          <>
            <SafetyCertificateOutlined /> {t('reveal.title')}
          </>
        }
        open={open}
        onCancel={() => setOpen(false)}
        okText={t('reveal.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: busy, 'data-testid': 'reveal-confirm' }}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Alert type="warning" showIcon title={notice ?? t('reveal.notice')} style={{ marginBottom: 16 }} />
        <Form<{ reason: string }>
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={async (values) => {
            setBusy(true);
            try {
              await onReveal(values.reason.trim());
              setOpen(false);
            } catch {
              // The caller shows the error; the dialog stays open to try again.
            } finally {
              setBusy(false);
            }
          }}
        >
          <Form.Item
            name="reason"
            label={t('reveal.reason')}
            rules={[
              {
                validator: (_, value: string | undefined) =>
                  (value ?? '').trim().length >= 2 ? Promise.resolve() : Promise.reject(new Error(t('reveal.reasonRequired'))),
              },
            ]}
          >
            <Input.TextArea rows={3} maxLength={200} showCount placeholder={placeholder ?? t('reveal.reasonPlaceholder')} data-testid="reveal-reason" autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
