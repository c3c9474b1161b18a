// /portal/survey: a resident opens the questionnaire with the code on their invitation and answers it once.
import { FormOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Result, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { PortalFrame } from '../../../platform/components/portal-frame.tsx';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { useT } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useAction } from '../../../platform/use-write.ts';
import { assessmentApi } from '../api.ts';
import { SurveyForm } from '../components/survey-form.tsx';

export function PortalSurveyPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const code = params.get('code') ?? '';
  const [done, setDone] = useState(false);
  const action = useAction();
  const survey = useApiQuery(['assessment', 'public-survey', code], code ? (signal) => assessmentApi.publicSurvey(code, signal) : null);
  const hero = (
    <section className="gz-portal-hero">
      <h1><FormOutlined /> {t('assessment.portal.title')}</h1>
      <p>{t('assessment.portal.description')}</p>
    </section>
  );
  return (
    <PortalFrame hero={hero} linkHome loginLabel={t('assessment.portal.login')}>
      <Flex vertical gap={16} style={{ maxWidth: 720, margin: '0 auto', width: '100%' }}>
        {!code && (
          <Card>
            <Form layout="vertical" onFinish={(v: { code: string }) => setParams({ code: v.code.trim().toUpperCase() })}>
              <Form.Item name="code" label={t('assessment.portal.code')} rules={[{ required: true }]}>
                <Input autoComplete="off" maxLength={20} data-testid="invitation-code" />
              </Form.Item>
              <Button type="primary" htmlType="submit">{t('assessment.portal.openSurvey')}</Button>
            </Form>
          </Card>
        )}
        {code && survey.isFetching && !survey.data && <Spin />}
        {code && survey.error && (survey.error.status === 404 ? <Result status="404" title={t('assessment.portal.badCode')} extra={<Button onClick={() => setParams({})}>{t('assessment.portal.tryAgain')}</Button>} /> : <ErrorAlert error={survey.error} onRetry={() => void survey.refetch()} />)}
        {done ? (
          <Result status="success" title={t('assessment.portal.thanks')} data-testid="survey-thanks" />
        ) : (
          survey.data && (
            <Card title={survey.data.title} extra={survey.data.communityName}>
              {survey.data.intro && <Typography.Paragraph>{survey.data.intro}</Typography.Paragraph>}
              {survey.data.anonymous && <Alert type="info" showIcon title={t('assessment.portal.anonymous')} style={{ marginBottom: 16 }} />}
              {survey.data.answered ? (
                <Result status="info" title={t('assessment.portal.alreadyAnswered')} />
              ) : !survey.data.open ? (
                <Result status="warning" title={t('assessment.portal.closed')} />
              ) : (
                <SurveyForm questions={survey.data.questions} busy={action.busy} onSubmit={(answers) => action.run(async () => { await assessmentApi.answerByCode(code, answers); setDone(true); })} />
              )}
            </Card>
          )
        )}
      </Flex>
    </PortalFrame>
  );
}
