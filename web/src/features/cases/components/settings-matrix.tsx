import { DeleteOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Popconfirm, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { orgApi, OrgNodeSelect, useScopeNodes } from '../../org/index.ts';
import { casesApi, type RoutingRule } from '../api.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { CategoryCascader, useCategoryNames } from './category-select.tsx';
import { CaseUnitSelect } from './unit-select.tsx';
import { FormModal } from '../../../platform/components/form-modal.tsx';
import { DateTime } from '../../../platform/components/labels.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useWrite } from '../../../platform/use-write.ts';
import { SettingsTab } from './settings-tab.tsx';
import { QueryTable } from '../../../platform/components/list-table.tsx';

interface RuleForm {
  nodeCode: string;
  category?: string[];
  unitCode: string;
  coUnitCodes?: string[];
  note?: string;
}

/** 责任矩阵: which unit handles which category of government matter on which part of the tree (defaults up the tree). */
export function CaseSettingsMatrix() {
  const { t } = useI18n();
  const scope = useScopeNodes();
  const categories = useCategoryNames();
  const [node, setNode] = useState<string | undefined>(undefined);
  const rules = useApiQuery(['cases', 'routingRules', node], (signal) => casesApi.routingRules(node, signal));
  const [adding, setAdding] = useState(false);
  const write = useWrite();
  const [form] = Form.useForm<RuleForm>();
  const categoryName = (code: string) => {
    const found = categories.get(code);
    return found ? (found.className ? `${found.className} / ${found.name}` : found.name) : code;
  };

  // Rules name units by code: look their names up once per list.
  const codes = useMemo(() => [...new Set((rules.data ?? []).flatMap((r) => [r.nodeCode, r.unitCode, ...r.coUnitCodes]))].sort(), [rules.data]);
  const unitNames = useApiQuery(
    ['org', 'orgNode', 'unitNames', codes.join(',')],
    codes.length
      ? async (signal) => {
          const found = await Promise.all(codes.map((code) => orgApi.orgNode(code, signal).then((n) => [code, n.name] as const, () => [code, code] as const)));
          return new Map(found);
        }
      : null,
  );
  const nameOf = (code: string) => unitNames.data?.get(code) ?? code;

  const save = (values: RuleForm) => {
    const input = {
      nodeCode: values.nodeCode,
      categoryCode: values.category?.at(-1) ?? null,
      unitCode: values.unitCode,
      coUnitCodes: (values.coUnitCodes ?? []).filter((c) => c !== values.unitCode),
      note: values.note?.trim() || undefined,
    };
    const then = () => {
      setAdding(false);
      form.resetFields();
    };
    return write.run(() => casesApi.saveRoutingRule(input), { success: t('case.common.saved'), invalidates: ['cases', 'routingRules'], form, then });
  };
  const remove = (rule: RoutingRule) =>
    write.run(() => casesApi.deleteRoutingRule(rule.id), { success: t('case.common.deleted'), invalidates: ['cases', 'routingRules'] });

  return (
    <SettingsTab
      notice={<Alert type="info" showIcon title={t('case.settings.matrix.hint')} />}
      intro={
        <OrgNodeSelect
          value={node}
          onChange={(code) => setNode(code)}
          suggestions={scope.data?.suggestions}
          placeholder={t('case.common.allScope')}
          allowClear
          style={{ width: 260 }}
        />
      }
      addLabel={t('case.settings.matrix.add')}
      onAdd={() => setAdding(true)}
    >
      <QueryTable<RoutingRule>
        query={rules}
        rows={rules.data ?? []}
        rowKey="id"
        size="small"
        pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }}
        data-testid="settings-matrix"
        columns={[
          { title: t('case.settings.matrix.node'), dataIndex: 'nodeCode', render: (code: string) => nameOf(code) },
          {
            title: t('case.settings.matrix.category'),
            dataIndex: 'categoryCode',
            render: (code: string | null) => (code ? categoryName(code) : <Typography.Text type="secondary">{t('case.settings.matrix.anyCategory')}</Typography.Text>),
          },
          { title: t('case.settings.matrix.unit'), dataIndex: 'unitCode', render: (code: string) => <Typography.Text strong>{nameOf(code)}</Typography.Text> },
          { title: t('case.settings.matrix.coUnits'), dataIndex: 'coUnitCodes', render: (list: string[]) => (list.length ? list.map(nameOf).join('、') : '—') },
          { title: t('case.settings.matrix.note'), dataIndex: 'note', render: (note: string) => note || '—' },
          { title: t('users.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => <DateTime value={v} /> },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_: unknown, rule) => (
              <Popconfirm title={t('case.settings.matrix.removeConfirm')} okButtonProps={{ danger: true }} onConfirm={() => remove(rule)}>
                <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                  {t('case.common.delete')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <FormModal<RuleForm> keepMounted open={adding} title={t('case.settings.matrix.addTitle')} form={form} onClose={() => setAdding(false)} onSubmit={save}>
        <Form.Item name="nodeCode" label={t('case.settings.matrix.node')} rules={[{ required: true, message: t('common.required', { field: t('case.settings.matrix.node') }) }]}>
          <OrgNodeSelect levels={['district', 'street', 'community']} suggestions={scope.data?.suggestions} />
        </Form.Item>
        <Form.Item name="category" label={t('case.settings.matrix.category')}>
          <CategoryCascader placeholder={t('case.settings.matrix.anyCategory')} />
        </Form.Item>
        <Form.Item name="unitCode" label={t('case.settings.matrix.unit')} rules={[{ required: true, message: t('common.required', { field: t('case.settings.matrix.unit') }) }]}>
          <CaseUnitSelect options={[]} placeholder={t('case.act.unitSearchHint')} />
        </Form.Item>
        <Form.Item name="coUnitCodes" label={t('case.settings.matrix.coUnits')}>
          <CaseUnitSelect options={[]} multiple placeholder={t('case.act.coUnitsPlaceholder')} />
        </Form.Item>
        <Form.Item name="note" label={t('case.settings.matrix.note')}>
          <Input maxLength={200} />
        </Form.Item>
      </FormModal>
    </SettingsTab>
  );
}
