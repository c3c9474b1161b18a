import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Input, InputNumber, Select, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ListTable } from '../../../platform/components/list-table.tsx';
import { FormModal } from '../../../platform/components/form-modal.tsx';
import { useT } from '../../../platform/i18n/index.tsx';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { useWrite } from '../../../platform/use-write.ts';
import { useApiQuery } from '../../../platform/query.ts';
import { OrgNodeSelect } from '../../org/index.ts';
import { gongzhiFeatureKeys, practicesApi, practiceThemes, type GongzhiFeature, type Practice, type PracticeTheme } from '../api.ts';
import { filterOf, PracticeFilters } from '../components/filters.tsx';
import { SourceTag, ThemeTags } from '../components/labels.tsx';

interface LinksForm {
  features: GongzhiFeature[];
  themes: PracticeTheme[];
}

interface LocalForm {
  title: string;
  year: number;
  orgCode: string;
  themes: PracticeTheme[];
  summary: string;
  features: GongzhiFeature[];
}

/** /console/practices: staff keep the library's feature links up to date and add local practices. */
export function PracticesConsolePage() {
  const t = useT();
  const list = useListPage({ queryKey: ['practices', 'list'], filters: filterOf, load: (f, paging, signal) => practicesApi.list(f, paging, signal) });
  const facets = useApiQuery(['practices', 'facets', list.filters], (signal) => practicesApi.facets(list.filters, signal));
  const [editing, setEditing] = useState<Practice | null>(null);
  const [adding, setAdding] = useState(false);
  const [linksForm] = Form.useForm<LinksForm>();
  const [localForm] = Form.useForm<LocalForm>();
  const write = useWrite();
  const featureOptions = gongzhiFeatureKeys.map((f) => ({ value: f, label: t(`practices.feature.${f}`) }));
  const themeOptions = practiceThemes.map((s) => ({ value: s, label: t(`practices.theme.${s}`) }));

  const columns: TableColumnsType<Practice> = [
    { title: t('practices.year'), dataIndex: 'year', width: 70 },
    { title: t('practices.source'), dataIndex: 'source', width: 170, render: (_, p) => <SourceTag source={p.source} /> },
    { title: t('practices.console.titleField'), dataIndex: 'title', render: (_, p) => <Link to={`/portal/practices/${encodeURIComponent(p.id)}`}>{p.title}</Link> },
    { title: t('practices.place'), dataIndex: 'placeName', width: 180 },
    { title: t('practices.theme'), dataIndex: 'themes', width: 220, render: (_, p) => <ThemeTags themes={p.themes} /> },
    {
      title: t('practices.features'),
      dataIndex: 'features',
      width: 220,
      render: (_, p) => p.features.map((f) => t(`practices.feature.${f}`)).join('、') || '—',
    },
    {
      title: '',
      key: 'edit',
      width: 60,
      render: (_, p) => <Button type="link" icon={<EditOutlined />} aria-label={t('practices.console.edit')} onClick={() => setEditing(p)} data-testid="practice-edit" />,
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('practices.console.title')}
          </Typography.Title>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="practice-add">
            {t('practices.console.add')}
          </Button>
        </Flex>
        <div style={{ marginTop: 12 }}>
          <PracticeFilters list={list} facets={facets.data} />
        </div>
      </Card>
      <ListTable<Practice> list={list} rowKey="id" columns={columns} size="small" emptyText={t('practices.empty')} data-testid="practice-table" />

      <FormModal<LinksForm>
        title={editing ? `${t('practices.console.edit')}：${editing.title}` : ''}
        open={editing !== null}
        onClose={() => setEditing(null)}
        okText={t('common.save')}
        form={linksForm}
        initialValues={editing ? { features: [...editing.features], themes: [...editing.themes] } : {}}
        onSubmit={(values) =>
          write.run(() => practicesApi.update(editing?.id ?? '', { version: editing?.version ?? 0, ...values }), {
            success: t('practices.console.saved'),
            invalidates: ['practices'],
            form: linksForm,
            then: () => setEditing(null),
          })
        }
      >
        <Form.Item name="features" label={t('practices.features')}>
          <Select mode="multiple" optionFilterProp="label" options={featureOptions} />
        </Form.Item>
        <Form.Item name="themes" label={t('practices.theme')} rules={[{ required: true }]}>
          <Select mode="multiple" optionFilterProp="label" options={themeOptions} />
        </Form.Item>
      </FormModal>

      <FormModal<LocalForm>
        title={t('practices.console.add')}
        open={adding}
        onClose={() => setAdding(false)}
        okText={t('common.save')}
        form={localForm}
        initialValues={{ year: new Date().getFullYear(), features: [], themes: [] }}
        onSubmit={(values) =>
          write.run(() => practicesApi.create(values), {
            success: t('practices.console.created'),
            invalidates: ['practices'],
            form: localForm,
            then: () => setAdding(false),
          })
        }
      >
        <Form.Item name="title" label={t('practices.console.titleField')} rules={[{ required: true, min: 2, max: 80 }]}>
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="orgCode" label={t('practices.console.orgUnit')} rules={[{ required: true }]}>
          <OrgNodeSelect levels={['district', 'street', 'community']} />
        </Form.Item>
        <Form.Item name="year" label={t('practices.year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.Item name="themes" label={t('practices.theme')} rules={[{ required: true }]}>
          <Select mode="multiple" optionFilterProp="label" options={themeOptions} />
        </Form.Item>
        <Form.Item name="summary" label={t('practices.console.summary')} rules={[{ required: true, min: 10, max: 600 }]}>
          <Input.TextArea rows={4} maxLength={600} showCount />
        </Form.Item>
        <Form.Item name="features" label={t('practices.features')}>
          <Select mode="multiple" optionFilterProp="label" options={featureOptions} />
        </Form.Item>
      </FormModal>
    </Flex>
  );
}
