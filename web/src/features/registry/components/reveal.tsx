import { EyeInvisibleOutlined, EyeOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../../platform/auth.tsx';
import { useT } from '../../../platform/i18n/index.tsx';

/**
 * 查看完整信息: personal data is masked until a holder of registry.reveal gives a reason;
 * the page then asks the server again with ?reveal=true&reason=…, which audits the reveal.
 * Renders nothing for users without the permission.
 */
export function RevealButton({ reason, onReveal, onHide }: { reason: string | null; onReveal: (reason: string) => void; onHide: () => void }) {
  const t = useT();
  const { can } = useAuth();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  if (!can('registry.reveal')) return null;
  if (reason) {
    return (
      <Button icon={<EyeInvisibleOutlined />} onClick={onHide} data-testid="reveal-hide">
        {t('registry.reveal.hide')}
      </Button>
    );
  }
  return (
    <>
      <Button icon={<EyeOutlined />} onClick={() => setOpen(true)} data-testid="reveal-open">
        {t('registry.reveal.button')}
      </Button>
      <Modal
        title={
          <>
            <SafetyCertificateOutlined /> {t('registry.reveal.title')}
          </>
        }
        open={open}
        onCancel={() => setOpen(false)}
        okText={t('registry.reveal.confirm')}
        cancelText={t('common.cancel')}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Alert type="warning" showIcon title={t('registry.reveal.notice')} style={{ marginBottom: 16 }} />
        <Form<{ reason: string }>
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={(values) => {
            setOpen(false);
            onReveal(values.reason.trim());
          }}
        >
          <Form.Item
            name="reason"
            label={t('registry.reveal.reason')}
            rules={[
              {
                validator: (_, value: string | undefined) =>
                  (value ?? '').trim().length >= 2 ? Promise.resolve() : Promise.reject(new Error(t('registry.reveal.reasonRequired'))),
              },
            ]}
          >
            <Input.TextArea rows={3} maxLength={200} showCount placeholder={t('registry.reveal.reasonPlaceholder')} data-testid="reveal-reason" autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** The notice shown while identifiers are in clear. */
export function RevealNotice({ reason }: { reason: string | null }) {
  const t = useT();
  if (!reason) return null;
  return <Alert type="warning" showIcon title={t('registry.reveal.active', { reason })} style={{ marginBottom: 16 }} data-testid="reveal-active" />;
}
