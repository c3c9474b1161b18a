// Creating or changing a "one thing" bundle (高效办成一件事): its life event and items, with a
// preview of the combined form and materials built by the same rule the server uses; field
// errors on their field, a change made meanwhile shown as a conflict to reload.
import { Alert, Button, Col, Empty, Flex, Form, Input, Modal, Row, Select, Switch, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { mergeForms } from '#server/modules/services/contract.ts';
import { useI18n, type MessageKey } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { servicesApi, type ServiceBundle } from '../api.ts';
import { useVersionedSave } from './use-versioned-save.ts';

interface BundleForm {
  code: string;
  name: string;
  lifeEvent: string;
  itemCodes: string[];
  active: boolean;
}

const blank: BundleForm = { code: '', name: '', lifeEvent: '', itemCodes: [], active: true };
const formOf = (b: ServiceBundle | null): BundleForm => (b ? { code: b.code, name: b.name, lifeEvent: b.lifeEvent, itemCodes: b.items.map((i) => i.code), active: b.active } : blank);

/** The combined form and materials of the chosen items, as the applicant will see them. */
function CombinedPreview({ codes }: { codes: string[] }) {
  const { t } = useI18n();
  const items = useApiQuery(['services', 'bundle-preview', ...codes], codes.length ? (signal) => Promise.all(codes.map((c) => servicesApi.item(c, signal))) : null);
  const merged = useMemo(() => mergeForms(items.data ?? []), [items.data]);
  if (!codes.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('services.edit.combinedEmpty')} />;
  return (
    <Flex vertical gap={8} data-testid="bundle-preview">
      <Flex gap={4} wrap>
        {merged.materials.map((m) => (
          <Tag key={m.key}>
            {m.name} ×{m.count} · {t(`services.rule.${m.rule}` as MessageKey)}
          </Tag>
        ))}
      </Flex>
      <Flex gap={4} wrap>
        {merged.formFields.map((f) => (
          <Tag key={f.key} color={f.required ? 'blue' : 'default'}>
            {f.label}
          </Tag>
        ))}
      </Flex>
    </Flex>
  );
}

interface BundleEditorProps {
  /** The bundle to change, or null for a new one; the dialog is open when defined. */
  bundle: ServiceBundle | null | undefined;
  onClose: () => void;
}

export function BundleEditor({ bundle, onClose }: BundleEditorProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<BundleForm>();
  const [base, setBase] = useState<ServiceBundle | null>(null);
  const [q, setQ] = useState('');
  const saver = useVersionedSave(form, onClose);
  const { conflict, setConflict } = saver;
  const open = bundle !== undefined;
  const chosen = Form.useWatch('itemCodes', form) ?? [];
  const search = useApiQuery(['services', 'bundle-items', q], (signal) => servicesApi.items({ q: q || undefined, pageSize: 50 }, signal));

  useEffect(() => {
    if (!open) return;
    setBase(bundle ?? null);
    setConflict(null);
    form.resetFields();
    form.setFieldsValue(formOf(bundle ?? null));
  }, [open, bundle, form, setConflict]);

  // The chosen items keep their names while the search shows others.
  const options = useMemo(() => {
    const known = new Map((base?.items ?? []).map((i) => [i.code, i.name]));
    for (const i of search.data?.items ?? []) known.set(i.code, i.name);
    return [...known.entries()].map(([code, name]) => ({ value: code, label: `${name}（${code}）` }));
  }, [base, search.data]);

  const save = (values: BundleForm) => {
    const { code, ...content } = values;
    return saver.save(
      () => (base ? servicesApi.updateBundle(base.code, base.version, content) : servicesApi.createBundle(code, content)),
      (version) => t('services.edit.bundleSaved', { version }),
      base?.version,
    );
  };

  const reload = async () => {
    if (!base) return;
    const fresh = (await servicesApi.bundles()).find((b) => b.code === base.code);
    if (!fresh) return;
    setBase(fresh);
    setConflict(null);
    form.setFieldsValue(formOf(fresh));
  };

  return (
    <Modal
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saver.busy}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      width={760}
      destroyOnHidden
      title={base ? t('services.edit.editBundle', { name: base.name }) : t('services.edit.newBundle')}
    >
      {conflict !== null && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('services.edit.bundleConflict', { version: conflict })}
          action={
            <Button size="small" onClick={() => void reload()}>
              {t('services.edit.reload')}
            </Button>
          }
        />
      )}
      <Form<BundleForm> form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={blank} data-testid="bundle-form">
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="code" label={t('services.edit.bundleCode')} rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{2,40}$/ }]}>
              <Input maxLength={40} disabled={base !== null} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="name" label={t('services.edit.bundleName')} rules={[{ required: true, min: 2, max: 80 }]}>
              <Input maxLength={80} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="lifeEvent" label={t('services.edit.lifeEvent')} rules={[{ required: true, max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="itemCodes" label={t('services.edit.bundleItems')} rules={[{ required: true, type: 'array', min: 2 }]}>
          <Select mode="multiple" aria-label={t('services.edit.bundleItems')} showSearch={{ filterOption: false, onSearch: setQ }} loading={search.isFetching} options={options} />
        </Form.Item>
        <Form.Item name="active" label={t('services.edit.bundleActive')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
      <Typography.Text strong>{t('services.edit.combinedForm')}</Typography.Text>
      <div style={{ marginTop: 8 }}>
        <CombinedPreview codes={chosen} />
      </div>
    </Modal>
  );
}
