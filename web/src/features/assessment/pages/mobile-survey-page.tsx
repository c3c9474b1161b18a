// /m/survey: a grid worker records a household's answers during a visit, by the invitation's code.
import { Button, Card, Flex, Form, Input, Result, Select, Spin } from 'antd';
import { useState } from 'react';
import { MobileHeader } from '../../../platform/components/mobile-header.tsx';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { useT } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useAction } from '../../../platform/use-write.ts';
import { assessmentApi } from '../api.ts';
import { SurveyForm } from '../components/survey-form.tsx';

export function MobileSurveyPage() {
  const t = useT();
  const [code, setCode] = useState('');
  const [surveyId, setSurveyId] = useState<string>();
  const [saved, setSaved] = useState(0);
  const action = useAction();
  const form = useApiQuery(['assessment', 'public-survey', code], code ? (signal) => assessmentApi.publicSurvey(code, signal) : null);
  const surveys = useApiQuery(['assessment', 'surveys', 'mobile'], (signal) => assessmentApi.surveys({ page: 1, pageSize: 50 }, signal));
  return (
    <div className="gz-mobile">
      <MobileHeader title={t('assessment.mobile.title')} back={{ to: '/m', label: t('assessment.mobile.back') }} />
      <main className="gz-mobile-main">
        <Flex vertical gap={12}>
          {saved > 0 && <Result status="success" title={t('assessment.mobile.saved', { n: saved })} />}
          <Card size="small">
            <Form layout="vertical" onFinish={(v: { surveyId: string; code: string }) => { setSurveyId(v.surveyId); setCode(v.code.trim().toUpperCase()); }}>
              <Form.Item name="surveyId" label={t('assessment.mobile.survey')} rules={[{ required: true }]}>
                <Select loading={surveys.isFetching} options={(surveys.data?.items ?? []).map((s) => ({ value: s.id, label: s.title }))} />
              </Form.Item>
              <Form.Item name="code" label={t('assessment.portal.code')} rules={[{ required: true }]}>
                <Input autoComplete="off" maxLength={20} />
              </Form.Item>
              <Button type="primary" htmlType="submit" block>{t('assessment.portal.openSurvey')}</Button>
            </Form>
          </Card>
          {surveys.error && <ErrorAlert error={surveys.error} onRetry={() => void surveys.refetch()} />}
          {form.error && <ErrorAlert error={form.error} />}
          {code && form.isFetching && !form.data && <Spin />}
          {form.data && surveyId && (
            <Card size="small" title={form.data.title} extra={form.data.communityName}>
              {form.data.answered ? (
                <Result status="info" title={t('assessment.portal.alreadyAnswered')} />
              ) : (
                <SurveyForm
                  key={code}
                  questions={form.data.questions}
                  busy={action.busy}
                  onSubmit={(answers) => action.run(async () => { await assessmentApi.answerByWorker(surveyId, { invitationCode: code, answers }); setSaved((n) => n + 1); setCode(''); })}
                />
              )}
            </Card>
          )}
        </Flex>
      </main>
    </div>
  );
}
