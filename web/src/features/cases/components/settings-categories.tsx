import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, InputNumber, Select, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { casesApi, type CaseCategory } from '../api.ts';
import { matterClasses, type MatterClass } from '#server/modules/cases/contract.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { MatterTag } from './labels.tsx';
import { FormModal } from '../../../platform/components/form-modal.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useWrite } from '../../../platform/use-write.ts';
import { SettingsTab } from './settings-tab.tsx';
import { QueryTable } from '../../../platform/components/list-table.tsx';

interface CategoryForm {
  code: string;
  parentCode: string | null;
  name: string;
  defaultMatterClass: MatterClass;
  keywords?: string;
  description?: string;
  sort?: number;
  active: boolean;
  sensitive: boolean;
}

type Editing = { mode: 'new'; parentCode: string | null } | { mode: 'edit'; category: CaseCategory };

/** 事件类别: the two-level tree (class → subclass) with each one's default matter class and search keywords. */
export function CaseSettingsCategories() {
  const { t } = useI18n();
  const tree = useApiQuery(['cases', 'categories', 'all'], (signal) => casesApi.categories({ all: true }, signal));
  const [editing, setEditing] = useState<Editing | null>(null);
  const write = useWrite();
  const [form] = Form.useForm<CategoryForm>();

  const open = (next: Editing) => {
    setEditing(next);
    form.setFieldsValue(
      next.mode === 'edit'
        ? { ...next.category, keywords: next.category.keywords, description: next.category.description }
        : { code: '', parentCode: next.parentCode, name: '', defaultMatterClass: 'government', active: true, sensitive: false, sort: 0, keywords: '', description: '' },
    );
  };

  const save = async (values: CategoryForm) => {
    if (!editing) return;
    const code = editing.mode === 'edit' ? editing.category.code : values.code.trim();
    const input = {
      parentCode: values.parentCode ?? null,
      name: values.name.trim(),
      defaultMatterClass: values.defaultMatterClass,
      keywords: values.keywords?.trim() ?? '',
      description: values.description?.trim() ?? '',
      sort: values.sort ?? 0,
      active: values.active,
      sensitive: values.sensitive,
      ...(editing.mode === 'edit' ? { attributes: editing.category.attributes } : {}),
    };
    return write.run(() => casesApi.saveCategory(code, input), { success: t('case.common.saved'), invalidates: ['cases', 'categories'], form, then: () => setEditing(null) });
  };

  const classes = tree.data ?? [];
  return (
    <SettingsTab addLabel={t('case.settings.category.addClass')} onAdd={() => open({ mode: 'new', parentCode: null })}>
      <QueryTable<CaseCategory>
        query={tree}
        rows={classes}
        rowKey="code"
        size="small"
        pagination={false}
        expandable={{ defaultExpandAllRows: false }}
        data-testid="settings-categories"
        columns={[
          {
            title: t('case.settings.category.name'),
            dataIndex: 'name',
            render: (name: string, c) => (
              <Space size={6}>
                <Typography.Text strong={c.parentCode === null}>{name}</Typography.Text>
                {!c.active && <Tag>{t('case.settings.category.inactive')}</Tag>}
                {c.sensitive && <Tag color="orange">{t('case.settings.category.sensitive')}</Tag>}
              </Space>
            ),
          },
          { title: t('case.settings.category.code'), dataIndex: 'code', width: 90 },
          {
            title: t('case.settings.category.pinyin'),
            key: 'pinyin',
            width: 200,
            render: (_: unknown, c) => (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {c.namePinyin} / {c.nameInitials}
              </Typography.Text>
            ),
          },
          { title: t('case.settings.category.defaultMatter'), dataIndex: 'defaultMatterClass', width: 120, render: (m: MatterClass) => <MatterTag matter={m} /> },
          { title: t('case.settings.category.keywords'), dataIndex: 'keywords', render: (k: string) => k || '—' },
          { title: t('case.settings.category.attributes'), key: 'attributes', width: 90, align: 'center', render: (_: unknown, c) => c.attributes.length || '—' },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 190,
            render: (_: unknown, c) => (
              <Space size={0}>
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => open({ mode: 'edit', category: c })}>
                  {t('case.common.edit')}
                </Button>
                {c.parentCode === null && (
                  <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => open({ mode: 'new', parentCode: c.code })}>
                    {t('case.settings.category.addSubclass')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <FormModal<CategoryForm>
        keepMounted
        open={editing !== null}
        title={editing?.mode === 'edit' ? t('case.settings.category.editTitle', { name: editing.category.name }) : t('case.settings.category.newTitle')}
        form={form}
        onClose={() => setEditing(null)}
        onSubmit={save}
      >
        <Form.Item
          name="code"
          label={t('case.settings.category.code')}
          extra={editing?.mode === 'new' ? t('case.settings.category.codeRule') : undefined}
          rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{1,32}$/, message: t('case.settings.category.codeRule') }]}
        >
          <Input maxLength={32} disabled={editing?.mode === 'edit'} />
        </Form.Item>
        <Form.Item name="parentCode" label={t('case.settings.category.parent')}>
          <Select<string | null>
            allowClear
            disabled={editing?.mode === 'edit'}
            placeholder="—"
            options={classes.map((c) => ({ value: c.code, label: `${c.name}（${c.code}）` }))}
          />
        </Form.Item>
        <Form.Item name="name" label={t('case.settings.category.name')} rules={[{ required: true, whitespace: true, max: 40, message: t('common.required', { field: t('case.settings.category.name') }) }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="defaultMatterClass" label={t('case.settings.category.defaultMatter')} rules={[{ required: true }]}>
          <Select<MatterClass> options={matterClasses.map((m) => ({ value: m, label: t(`case.matter.${m}`) }))} />
        </Form.Item>
        <Form.Item name="keywords" label={t('case.settings.category.keywords')} extra={t('case.settings.category.keywordsHint')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('case.settings.category.description')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Flex gap={24}>
          <Form.Item name="sort" label={t('case.settings.category.sort')}>
            <InputNumber min={0} max={9999} precision={0} />
          </Form.Item>
          <Form.Item name="active" label={t('case.settings.category.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="sensitive" label={t('case.settings.category.sensitive')} tooltip={t('case.settings.category.sensitiveHint')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Flex>
      </FormModal>
    </SettingsTab>
  );
}
