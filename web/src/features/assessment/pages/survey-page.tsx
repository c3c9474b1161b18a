// One survey: draw the sample (N households per community), the invitations with their codes,
// and the results — response rate by community and each question's answers as charts.
import { Button, Card, Col, Flex, InputNumber, List, Progress, Result, Row, Space, Spin, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { Chart } from '../../../platform/components/chart.tsx';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { QueryTable } from '../../../platform/components/list-table.tsx';
import { useAuth } from '../../../platform/auth.tsx';
import { useT } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useWrite } from '../../../platform/use-write.ts';
import { assessmentApi, type Invitation, type SurveyResults } from '../api.ts';

function QuestionResult({ q }: { q: SurveyResults['questions'][number] }) {
  const t = useT();
  return (
    <Card size="small" title={q.text} data-testid="question-result" extra={`${t('assessment.survey.answered')} ${q.answered}${q.mean !== null ? ` · ${t('assessment.survey.mean')} ${q.mean}` : ''}`}>
      {q.kind === 'text' ? (
        <List size="small" dataSource={q.texts} locale={{ emptyText: t('assessment.survey.noTexts') }} renderItem={(text) => <List.Item>{text}</List.Item>} />
      ) : (
        <Chart
          ariaLabel={q.text}
          height={200}
          option={{
            tooltip: {},
            grid: { left: 90, right: 24, top: 8, bottom: 24 },
            xAxis: { type: 'value', minInterval: 1 },
            yAxis: { type: 'category', data: q.counts.map((c) => c.option) },
            series: [{ type: 'bar', data: q.counts.map((c) => c.count), label: { show: true, position: 'right' } }],
          }}
        />
      )}
    </Card>
  );
}

export function SurveyPage() {
  const t = useT();
  const { id = '' } = useParams();
  const { can } = useAuth();
  const write = useWrite();
  const [perCommunity, setPerCommunity] = useState(10);
  const [page, setPage] = useState(1);
  const survey = useApiQuery(['assessment', 'survey', id], (signal) => assessmentApi.survey(id, signal));
  const results = useApiQuery(['assessment', 'survey-results', id], (signal) => assessmentApi.surveyResults(id, signal));
  const invitations = useApiQuery(['assessment', 'invitations', id, page], (signal) => assessmentApi.invitations(id, { page, pageSize: 10 }, signal));
  if (survey.error) return survey.error.status === 404 ? <Result status="404" title={t('assessment.common.notFound')} /> : <ErrorAlert error={survey.error} onRetry={() => void survey.refetch()} />;
  const s = survey.data;
  if (!s) return <Spin />;
  const r = results.data;
  return (
    <Flex vertical gap={16} data-testid="survey-page">
      <Typography.Title level={4} style={{ margin: 0 }}>{s.title}</Typography.Title>
      {s.intro && <Typography.Paragraph type="secondary">{s.intro}</Typography.Paragraph>}
      {can('assessment.manage') && (
        <Card size="small" title={t('assessment.survey.sample')}>
          <Space wrap>
            <span>{t('assessment.survey.perCommunity')}</span>
            <InputNumber min={1} max={1000} value={perCommunity} onChange={(v) => setPerCommunity(v ?? 1)} aria-label={t('assessment.survey.perCommunity')} />
            <Button loading={write.busy} data-testid="draw-sample" onClick={() => void write.run(() => assessmentApi.sample(s.id, { perCommunity, seed: Date.now() % 100_000 }), { success: t('assessment.survey.sampled'), invalidates: ['assessment'] })}>
              {t('assessment.survey.drawSample')}
            </Button>
          </Space>
        </Card>
      )}
      {results.error && <ErrorAlert error={results.error} onRetry={() => void results.refetch()} />}
      {r && (
        <>
          <Row gutter={16}>
            <Col xs={12} md={6}><Statistic title={t('assessment.survey.invited')} value={r.survey.invited} /></Col>
            <Col xs={12} md={6}><Statistic title={t('assessment.survey.answered')} value={r.survey.answered} /></Col>
            <Col xs={24} md={12}>
              <Typography.Text>{t('assessment.survey.responseRate')}</Typography.Text>
              <Progress percent={r.responseRate === null ? 0 : Math.round(r.responseRate * 1000) / 10} aria-label={t('assessment.survey.responseRate')} data-testid="response-rate" />
            </Col>
          </Row>
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={r.byCommunity}
            locale={{ emptyText: t('assessment.survey.noSample') }}
            columns={[
              { key: 'name', title: t('assessment.topic.community'), dataIndex: 'name' },
              { key: 'invited', title: t('assessment.survey.invited'), dataIndex: 'invited' },
              { key: 'answered', title: t('assessment.survey.answered'), dataIndex: 'answered' },
            ]}
          />
          <Row gutter={[16, 16]}>
            {r.questions.map((q) => (
              <Col xs={24} lg={12} key={q.key}><QuestionResult q={q} /></Col>
            ))}
          </Row>
        </>
      )}
      <Card size="small" title={t('assessment.survey.invitations')}>
        <QueryTable<Invitation>
          query={invitations}
          rows={invitations.data?.items ?? []}
          rowKey="code"
          size="small"
          data-testid="invitations-table"
          pagination={{ current: page, pageSize: 10, total: invitations.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          locale={{ emptyText: t('assessment.survey.noSample') }}
          columns={[
            { key: 'code', title: t('assessment.survey.code'), render: (_, x) => <Typography.Text copyable code>{x.code}</Typography.Text> },
            { key: 'community', title: t('assessment.topic.community'), render: (_, x) => x.community.name },
            { key: 'address', title: t('assessment.survey.address'), dataIndex: 'address' },
            { key: 'answered', title: t('assessment.survey.answeredAt'), render: (_, x) => x.answeredAt?.slice(0, 16).replace('T', ' ') ?? '—' },
          ]}
        />
      </Card>
    </Flex>
  );
}
