// Assessment schemes (考核方案): the list, and a new scheme with weighted indicators from data
// sources, a survey's scale question or the third-party evaluator.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Form, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { assessedKinds, indicatorDirections, indicatorSources, schemePeriods, type CreateSchemeBody } from '#server/modules/assessment/contract.ts';
import { FormModal } from '../../../platform/components/form-modal.tsx';
import { ListTable } from '../../../platform/components/list-table.tsx';
import { useAuth } from '../../../platform/auth.tsx';
import { useT } from '../../../platform/i18n/index.tsx';
import { invalidate, useApiQuery } from '../../../platform/query.ts';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { OrgNodeSelect, useScopeNodes } from '../../org/index.ts';
import { assessmentApi, type SchemeSummary } from '../api.ts';

type SchemeForm = Omit<CreateSchemeBody, 'periodStart'> & { periodStart: dayjs.Dayjs };

function NewSchemeModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const [form] = Form.useForm<SchemeForm>();
  const scope = useScopeNodes();
  const sources = useApiQuery(['assessment', 'data-sources'], open ? (signal) => assessmentApi.dataSources(signal) : null);
  const surveys = useApiQuery(['assessment', 'surveys', 'pick'], open ? (signal) => assessmentApi.surveys({ page: 1, pageSize: 100 }, signal) : null);
  const [surveyQuestions, setSurveyQuestions] = useState<Record<string, { key: string; text: string }[]>>({});
  const loadQuestions = async (surveyId: string) => {
    const s = await assessmentApi.survey(surveyId);
    setSurveyQuestions((q) => ({ ...q, [surveyId]: s.questions.filter((x) => x.kind === 'scale').map((x) => ({ key: x.key, text: x.text })) }));
  };
  return (
    <FormModal<SchemeForm>
      title={t('assessment.scheme.new')}
      open={open}
      onClose={onClose}
      form={form}
      width={820}
      testId="new-scheme"
      initialValues={{ period: 'half_year', kind: 'community', periodStart: dayjs().month() >= 6 ? dayjs().month(6).date(1) : dayjs().month(0).date(1), indicators: [{ name: '', source: 'data', weight: 100, direction: 'higher_better' }] }}
      onSubmit={async (v) => {
        const scheme = await assessmentApi.createScheme({ ...v, periodStart: v.periodStart.format('YYYY-MM-DD') });
        onClose();
        await invalidate(['assessment']);
        void navigate(`/console/assessment/${scheme.id}`);
      }}
    >
      <Form.Item name="name" label={t('assessment.scheme.name')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Space wrap>
        <Form.Item name="period" label={t('assessment.scheme.period')}>
          <Select style={{ width: 120 }} options={schemePeriods.map((p) => ({ value: p, label: t(`assessment.period.${p}`) }))} />
        </Form.Item>
        <Form.Item name="periodStart" label={t('assessment.scheme.periodStart')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="kind" label={t('assessment.scheme.kind')}>
          <Select style={{ width: 120 }} options={assessedKinds.map((k) => ({ value: k, label: t(`assessment.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="underCode" label={t('assessment.scheme.under')} rules={[{ required: true }]}>
          <OrgNodeSelect levels={['district', 'street']} suggestions={scope.data?.suggestions} style={{ width: 220 }} testId="scheme-under" />
        </Form.Item>
      </Space>
      <Form.List name="indicators">
        {(fields, { add, remove }) => (
          <Flex vertical gap={4}>
            <Typography.Text strong>{t('assessment.scheme.indicators')}</Typography.Text>
            {fields.map((field, i) => (
              <Space key={field.key} align="baseline" wrap>
                <Form.Item name={[field.name, 'name']} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
                  <Input placeholder={t('assessment.scheme.indicatorName')} aria-label={`${t('assessment.scheme.indicatorName')} ${i + 1}`} style={{ width: 150 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'source']} style={{ marginBottom: 8 }}>
                  <Select aria-label={`${t('assessment.scheme.source')} ${i + 1}`} style={{ width: 110 }} options={indicatorSources.map((s) => ({ value: s, label: t(`assessment.source.${s}`) }))} />
                </Form.Item>
                <Form.Item noStyle shouldUpdate>
                  {() => {
                    const source = form.getFieldValue(['indicators', field.name, 'source']) as string;
                    const surveyId = form.getFieldValue(['indicators', field.name, 'surveyId']) as string | undefined;
                    if (source === 'data') {
                      return (
                        <Form.Item name={[field.name, 'dataKey']} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
                          <Select aria-label={`${t('assessment.scheme.dataKey')} ${i + 1}`} style={{ width: 180 }} options={(sources.data?.items ?? []).map((s) => ({ value: s.key, label: t(`assessment.dataKey.${s.key}` as 'assessment.dataKey.case.responseRate') }))} />
                        </Form.Item>
                      );
                    }
                    if (source === 'survey') {
                      return (
                        <>
                          <Form.Item name={[field.name, 'surveyId']} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
                            <Select aria-label={`${t('assessment.scheme.survey')} ${i + 1}`} style={{ width: 180 }} onChange={(v: string) => void loadQuestions(v)} options={(surveys.data?.items ?? []).map((s) => ({ value: s.id, label: s.title }))} />
                          </Form.Item>
                          <Form.Item name={[field.name, 'questionKey']} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
                            <Select aria-label={`${t('assessment.scheme.question')} ${i + 1}`} style={{ width: 180 }} options={(surveyQuestions[surveyId ?? ''] ?? []).map((q) => ({ value: q.key, label: q.text }))} />
                          </Form.Item>
                        </>
                      );
                    }
                    return null;
                  }}
                </Form.Item>
                <Form.Item name={[field.name, 'weight']} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
                  <InputNumber min={0} max={100} addonAfter="%" aria-label={`${t('assessment.scheme.weight')} ${i + 1}`} style={{ width: 110 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'direction']} style={{ marginBottom: 8 }}>
                  <Select aria-label={`${t('assessment.scheme.direction')} ${i + 1}`} style={{ width: 110 }} options={indicatorDirections.map((d) => ({ value: d, label: t(`assessment.direction.${d}`) }))} />
                </Form.Item>
                {fields.length > 1 && <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('assessment.common.remove')} onClick={() => remove(field.name)} />}
              </Space>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ name: '', source: 'data', weight: 0, direction: 'higher_better' })} style={{ alignSelf: 'flex-start' }}>
              {t('assessment.scheme.addIndicator')}
            </Button>
          </Flex>
        )}
      </Form.List>
    </FormModal>
  );
}

export function SchemesPage() {
  const t = useT();
  const { can } = useAuth();
  const [creating, setCreating] = useState(false);
  const list = useListPage({ queryKey: ['assessment', 'schemes'], filters: () => ({}), load: (_f, paging, signal) => assessmentApi.schemes(paging, signal) });
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>{t('menu.assessmentSchemes')}</Typography.Title>
        {can('assessment.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('assessment.scheme.new')}</Button>}
      </Flex>
      <ListTable<SchemeSummary>
        list={list}
        data-testid="schemes-table"
        emptyText={t('assessment.schemes.empty')}
        columns={[
          { key: 'name', title: t('assessment.scheme.name'), render: (_, r) => <Link to={`/console/assessment/${r.id}`}>{r.name}</Link> },
          { key: 'period', title: t('assessment.scheme.period'), render: (_, r) => `${r.periodStart} ~ ${r.periodEnd}` },
          { key: 'kind', title: t('assessment.scheme.kind'), render: (_, r) => t(`assessment.kind.${r.kind}`) },
          { key: 'under', title: t('assessment.scheme.under'), render: (_, r) => r.under.name },
          { key: 'status', title: t('assessment.common.status'), render: (_, r) => <Tag color={r.status === 'published' ? 'green' : r.status === 'computed' ? 'blue' : 'default'}>{t(`assessment.schemeStatus.${r.status}`)}</Tag> },
        ]}
      />
      <NewSchemeModal open={creating} onClose={() => setCreating(false)} />
    </Flex>
  );
}
