// Creating or changing a service item from the console: every field of its content, the
// server's field errors shown on the field they name (materials and form fields too), and a
// change made by someone else since this one was read shown as a conflict to reload.
import { Alert, Button, Checkbox, Col, Divider, Drawer, Flex, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { acceptLevels, itemKinds, serviceChannels } from '#server/modules/services/contract.ts';
import { useI18n, type MessageKey } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useAction } from '../../../platform/use-write.ts';
import { OrgNodeSelect } from '../../org/index.ts';
import { servicesApi, type ItemInput, type ServiceItem } from '../api.ts';
import { centreApi } from '../centre-api.ts';
import { FormFieldsList, MaterialsList } from './item-lists.tsx';
import { useVersionedSave } from './use-versioned-save.ts';

type ItemForm = Omit<ItemInput, 'departmentCode'> & { code: string; active: boolean; departmentCode?: string | null };

const blank: ItemForm = {
  code: '', active: true, name: '', kind: 'public_service', departmentCode: null, acceptLevels: ['community'], statutoryDays: 5, promisedDays: 3,
  materials: [], fees: '不收费', channels: ['counter'], districtWide: false, formFields: [], guide: '', admissionEntries: [],
};

/** The editable content of an item as it reads. */
export function contentOf(item: ServiceItem): ItemInput {
  const { name, kind, departmentCode, acceptLevels: levels, statutoryDays, promisedDays, materials, fees, channels, districtWide, formFields, guide, admissionEntries } = item;
  return { name, kind, departmentCode, acceptLevels: levels, statutoryDays, promisedDays, materials, fees, channels, districtWide, formFields, guide, admissionEntries };
}

const formOf = (item: ServiceItem | null): ItemForm => (item ? { code: item.code, active: item.active, ...contentOf(item) } : blank);

/** What the form holds, as the API takes it (blank optional parts filled in). */
function inputOf(values: ItemForm): ItemInput {
  const { code: _code, active: _active, ...content } = values;
  return {
    ...content,
    departmentCode: content.departmentCode ?? null,
    materials: (content.materials ?? []).map((m) => ({ ...m, note: m.note ?? '' })),
    formFields: (content.formFields ?? []).map((f) => ({ ...f, required: Boolean(f.required), options: f.options ?? [] })),
    admissionEntries: content.admissionEntries ?? [],
    guide: content.guide ?? '',
    fees: content.fees ?? '',
  };
}

interface ItemEditorProps {
  /** The item to change, or null for a new one; the drawer is open when defined. */
  item: ServiceItem | null | undefined;
  onClose: () => void;
}

export function ItemEditor({ item, onClose }: ItemEditorProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<ItemForm>();
  const [base, setBase] = useState<ServiceItem | null>(null);
  const saver = useVersionedSave(form, onClose);
  const { conflict, setConflict } = saver;
  const reloading = useAction();
  const entries = useApiQuery(['services', 'admission-entries', 'all'], (signal) => centreApi.admissionEntries({ page: 1, pageSize: 500 }, signal));
  const open = item !== undefined;

  useEffect(() => {
    if (!open) return;
    setBase(item ?? null);
    setConflict(null);
    form.resetFields();
    form.setFieldsValue(formOf(item ?? null));
  }, [open, item, form, setConflict]);

  const save = (values: ItemForm) => {
    const input = inputOf(values);
    return saver.save(
      () => (base ? servicesApi.updateItem(base.code, base.version, { ...input, active: values.active }) : servicesApi.createItem(values.code, input)),
      (version) => t('services.edit.saved', { version }),
      base?.version,
    );
  };

  const reload = () =>
    reloading.run(async () => {
      if (!base) return;
      const fresh = await servicesApi.item(base.code);
      setBase(fresh);
      setConflict(null);
      form.setFieldsValue(formOf(fresh));
    });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={960}
      title={base ? t('services.edit.editItem', { name: base.name }) : t('services.edit.createTitle')}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saver.busy} onClick={() => form.submit()} data-testid="item-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {conflict !== null && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('services.edit.conflict', { version: conflict })}
          data-testid="item-conflict"
          action={
            <Button size="small" loading={reloading.busy} onClick={() => void reload()}>
              {t('services.edit.reload')}
            </Button>
          }
        />
      )}
      {base && <Typography.Paragraph type="secondary">{t('services.edit.versionNote')}</Typography.Paragraph>}
      <Form<ItemForm> form={form} layout="vertical" onFinish={(v) => void save(v)} data-testid="item-form" initialValues={blank}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="code" label={t('services.field.code')} rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{2,40}$/ }]}>
              <Input maxLength={40} disabled={base !== null} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="name" label={t('services.field.name')} rules={[{ required: true, min: 2, max: 80 }]}>
              <Input maxLength={80} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="kind" label={t('services.field.kind')} rules={[{ required: true }]}>
              <Select aria-label={t('services.field.kind')} options={itemKinds.map((k) => ({ value: k, label: t(`services.kind.${k}` as MessageKey) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="departmentCode" label={t('services.field.department')} extra={t('services.edit.departmentHint')}>
              <OrgNodeSelect levels={['department']} allowClear placeholder={t('services.field.department')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="acceptLevels" label={t('services.field.levels')} rules={[{ required: true, type: 'array', min: 1 }]}>
              <Checkbox.Group options={acceptLevels.map((l) => ({ value: l, label: t(`services.level.${l}` as MessageKey) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Form.Item name="statutoryDays" label={t('services.edit.statutoryDays')} rules={[{ required: true }]}>
              <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="promisedDays" label={t('services.edit.promisedDays')} rules={[{ required: true }]}>
              <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="fees" label={t('services.field.fees')} rules={[{ max: 100 }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item name="channels" label={t('services.field.channels')} rules={[{ required: true, type: 'array', min: 1 }]}>
              <Checkbox.Group options={serviceChannels.map((c) => ({ value: c, label: t(`services.channel.${c}` as MessageKey) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={7}>
            <Form.Item name="districtWide" label={t('services.field.districtWide')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={12} md={7}>
            <Form.Item name="active" label={t('services.edit.active')} valuePropName="checked">
              <Switch disabled={base === null} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="admissionEntries" label={t('services.edit.lists')} extra={t('services.edit.listsHint')}>
          <Select
            mode="multiple"
            aria-label={t('services.edit.lists')}
            loading={entries.isLoading}
            optionFilterProp="label"
            options={(entries.data?.items ?? []).map((e) => ({ value: e.code, label: `${e.code} ${e.title}` }))}
          />
        </Form.Item>
        <Form.Item name="guide" label={t('services.field.guide')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Divider titlePlacement="start">{t('services.field.materials')}</Divider>
        <MaterialsList />
        <Divider titlePlacement="start">{t('services.edit.formFields')}</Divider>
        <FormFieldsList />
      </Form>
      <Flex justify="end" style={{ marginTop: 16 }}>
        <Button type="primary" loading={saver.busy} onClick={() => form.submit()}>
          {t('common.save')}
        </Button>
      </Flex>
    </Drawer>
  );
}
