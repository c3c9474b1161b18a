// Surveys (问卷): the list, and a new questionnaire (single/multiple choice, scale, text; required;
// a question shown only after a given answer to an earlier single choice).
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Form, Input, Select, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { questionKinds, type CreateSurveyBody } from '#server/modules/assessment/contract.ts';
import { FormModal } from '../../../platform/components/form-modal.tsx';
import { ListTable } from '../../../platform/components/list-table.tsx';
import { useAuth } from '../../../platform/auth.tsx';
import { useT } from '../../../platform/i18n/index.tsx';
import { invalidate } from '../../../platform/query.ts';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { OrgNodeSelect, useScopeNodes } from '../../org/index.ts';
import { assessmentApi, type SurveySummary } from '../api.ts';

type QuestionForm = { text: string; kind: CreateSurveyBody['questions'][number]['kind']; required?: boolean; options?: string; showIfKey?: string; showIfEquals?: string };
type SurveyForm = { title: string; intro?: string; underCode: string; anonymous: boolean; onePerHousehold: boolean; questions: QuestionForm[] };

function NewSurveyModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const scope = useScopeNodes();
  const [form] = Form.useForm<SurveyForm>();
  return (
    <FormModal<SurveyForm>
      title={t('assessment.survey.new')}
      open={open}
      onClose={onClose}
      form={form}
      width={760}
      testId="new-survey"
      initialValues={{ anonymous: true, onePerHousehold: true, questions: [{ text: '', kind: 'scale', required: true }] }}
      onSubmit={async (v) => {
        const survey = await assessmentApi.createSurvey({
          title: v.title, intro: v.intro ?? '', underCode: v.underCode, anonymous: v.anonymous, onePerHousehold: v.onePerHousehold, closesOn: null,
          questions: v.questions.map((q, i) => ({
            key: `q${i + 1}`, text: q.text, kind: q.kind, required: q.required ?? false, scaleMax: 5,
            options: (q.options ?? '').split(/[,，、\n]/).map((o) => o.trim()).filter(Boolean),
            showIf: q.showIfKey && q.showIfEquals ? { questionKey: q.showIfKey, equals: q.showIfEquals } : null,
          })),
        });
        onClose();
        await invalidate(['assessment']);
        void navigate(`/console/surveys/${survey.id}`);
      }}
    >
      <Form.Item name="title" label={t('assessment.survey.title')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="intro" label={t('assessment.survey.intro')}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="underCode" label={t('assessment.survey.under')} rules={[{ required: true }]}>
          <OrgNodeSelect levels={['district', 'street', 'community']} suggestions={scope.data?.suggestions} style={{ width: 240 }} testId="survey-under" />
        </Form.Item>
        <Form.Item name="anonymous" label={t('assessment.survey.anonymous')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="onePerHousehold" label={t('assessment.survey.onePerHousehold')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Space>
      <Form.List name="questions">
        {(fields, { add, remove }) => (
          <Flex vertical gap={4}>
            <Typography.Text strong>{t('assessment.survey.questions')}</Typography.Text>
            {fields.map((field, i) => (
              <Flex key={field.key} gap={8} align="baseline" wrap>
                <Typography.Text>{`q${i + 1}`}</Typography.Text>
                <Form.Item name={[field.name, 'text']} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
                  <Input placeholder={t('assessment.survey.questionText')} aria-label={`${t('assessment.survey.questionText')} ${i + 1}`} style={{ width: 240 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'kind']} style={{ marginBottom: 8 }}>
                  <Select aria-label={`${t('assessment.survey.kind')} ${i + 1}`} style={{ width: 100 }} options={questionKinds.map((k) => ({ value: k, label: t(`assessment.questionKind.${k}`) }))} />
                </Form.Item>
                <Form.Item name={[field.name, 'options']} style={{ marginBottom: 8 }}>
                  <Input placeholder={t('assessment.survey.options')} aria-label={`${t('assessment.survey.options')} ${i + 1}`} style={{ width: 160 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'required']} valuePropName="checked" style={{ marginBottom: 8 }}>
                  <Checkbox>{t('assessment.survey.required')}</Checkbox>
                </Form.Item>
                <Form.Item name={[field.name, 'showIfKey']} style={{ marginBottom: 8 }}>
                  <Input placeholder={t('assessment.survey.showIfKey')} aria-label={`${t('assessment.survey.showIfKey')} ${i + 1}`} style={{ width: 90 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'showIfEquals']} style={{ marginBottom: 8 }}>
                  <Input placeholder={t('assessment.survey.showIfEquals')} aria-label={`${t('assessment.survey.showIfEquals')} ${i + 1}`} style={{ width: 90 }} />
                </Form.Item>
                {fields.length > 1 && <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('assessment.common.remove')} onClick={() => remove(field.name)} />}
              </Flex>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ text: '', kind: 'single', required: false })} style={{ alignSelf: 'flex-start' }}>
              {t('assessment.survey.addQuestion')}
            </Button>
          </Flex>
        )}
      </Form.List>
    </FormModal>
  );
}

export function SurveysPage() {
  const t = useT();
  const { can } = useAuth();
  const [creating, setCreating] = useState(false);
  const list = useListPage({ queryKey: ['assessment', 'surveys'], filters: () => ({}), load: (_f, paging, signal) => assessmentApi.surveys(paging, signal) });
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>{t('menu.assessmentSurveys')}</Typography.Title>
        {can('assessment.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('assessment.survey.new')}</Button>}
      </Flex>
      <ListTable<SurveySummary>
        list={list}
        data-testid="surveys-table"
        emptyText={t('assessment.surveys.empty')}
        columns={[
          { key: 'title', title: t('assessment.survey.title'), render: (_, r) => <Link to={`/console/surveys/${r.id}`}>{r.title}</Link> },
          { key: 'under', title: t('assessment.survey.under'), render: (_, r) => r.under.name },
          { key: 'answered', title: t('assessment.survey.answered'), render: (_, r) => `${r.answered} / ${r.invited}` },
          { key: 'anonymous', title: t('assessment.survey.anonymous'), render: (_, r) => (r.anonymous ? <Tag>{t('assessment.survey.anonymous')}</Tag> : '') },
          { key: 'status', title: t('assessment.common.status'), render: (_, r) => <Tag color={r.status === 'open' ? 'blue' : 'default'}>{t(`assessment.surveyStatus.${r.status}`)}</Tag> },
        ]}
      />
      <NewSurveyModal open={creating} onClose={() => setCreating(false)} />
    </Flex>
  );
}
