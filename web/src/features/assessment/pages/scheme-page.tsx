// One assessment scheme: its indicators and weights, the ranked result with each unit's raw and
// normalised values (a click shows the source rows behind a value), compute, publish and export;
// the third-party evaluator enters scores with evidence here.
import { CalculatorOutlined, DownloadOutlined, SendOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Form, Input, InputNumber, Modal, Result, Select, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { FormModal } from '../../../platform/components/form-modal.tsx';
import { downloadFile } from '../../../platform/download.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { useT } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useWrite } from '../../../platform/use-write.ts';
import { assessmentApi, type Scheme, type SchemeResult } from '../api.ts';

function TraceModal({ schemeId, cell, onClose }: { schemeId: string; cell: { indicatorId: string; orgUnitCode: string } | null; onClose: () => void }) {
  const t = useT();
  const trace = useApiQuery(['assessment', 'trace', schemeId, cell], cell ? (signal) => assessmentApi.trace(schemeId, cell, signal) : null);
  return (
    <Modal open={cell !== null} onCancel={onClose} footer={null} title={t('assessment.result.trace')}>
      {trace.error && <ErrorAlert error={trace.error} />}
      {trace.data ? (
        <Descriptions
          bordered
          size="small"
          column={1}
          data-testid="trace"
          items={[
            { key: 'unit', label: t('assessment.result.unit'), children: trace.data.orgUnit.name },
            { key: 'indicator', label: t('assessment.scheme.indicatorName'), children: trace.data.indicator.name },
            { key: 'raw', label: t('assessment.result.raw'), children: trace.data.raw ?? '—' },
            { key: 'normalised', label: t('assessment.result.normalised'), children: trace.data.normalised },
            ...trace.data.rows.map((r, i) => ({ key: `row${i}`, label: r.label, children: r.value })),
          ]}
        />
      ) : (
        <Spin />
      )}
    </Modal>
  );
}

function EvaluatorModal({ scheme, open, onClose }: { scheme: Scheme; open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ indicatorId: string; scores: { orgUnitCode: string; score: number; evidence: string }[] }>();
  const indicators = scheme.indicators.filter((i) => i.source === 'evaluator');
  return (
    <FormModal
      title={t('assessment.evaluator.title')}
      open={open}
      onClose={onClose}
      form={form}
      width={720}
      testId="evaluator-scores"
      initialValues={{ indicatorId: indicators[0]?.id, scores: scheme.units.map((u) => ({ orgUnitCode: u.code, score: 80, evidence: '' })) }}
      onSubmit={async (v) => {
        await assessmentApi.evaluatorScores(scheme.id, v);
        onClose();
      }}
    >
      <Form.Item name="indicatorId" label={t('assessment.scheme.indicatorName')} rules={[{ required: true }]}>
        <Select options={indicators.map((i) => ({ value: i.id, label: i.name }))} />
      </Form.Item>
      <Form.List name="scores">
        {(fields) =>
          fields.map((field, i) => (
            <Flex key={field.key} gap={8} align="baseline" wrap>
              <Typography.Text style={{ width: 160 }}>{scheme.units[i]?.name}</Typography.Text>
              <Form.Item name={[field.name, 'score']} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
                <InputNumber min={0} max={100} aria-label={`${scheme.units[i]?.name ?? ''} ${t('assessment.evaluator.score')}`} />
              </Form.Item>
              <Form.Item name={[field.name, 'evidence']} rules={[{ required: true }]} style={{ marginBottom: 8, flex: 1 }}>
                <Input placeholder={t('assessment.evaluator.evidence')} aria-label={`${scheme.units[i]?.name ?? ''} ${t('assessment.evaluator.evidence')}`} />
              </Form.Item>
            </Flex>
          ))
        }
      </Form.List>
    </FormModal>
  );
}

function ResultTable({ scheme, result }: { scheme: Scheme; result: SchemeResult }) {
  const t = useT();
  const [cell, setCell] = useState<{ indicatorId: string; orgUnitCode: string } | null>(null);
  return (
    <>
      <Table
        rowKey={(r) => r.orgUnit.code}
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={result.rows}
        data-testid="result-table"
        locale={{ emptyText: t('assessment.result.empty') }}
        columns={[
          { key: 'rank', title: t('assessment.result.rank'), dataIndex: 'rank', width: 64 },
          { key: 'unit', title: t('assessment.result.unit'), render: (_, r) => r.orgUnit.name },
          { key: 'total', title: t('assessment.result.total'), render: (_, r) => <Typography.Text strong>{r.total.toFixed(2)}</Typography.Text> },
          ...result.indicators.map((ind) => ({
            key: ind.id,
            title: `${ind.name} (${ind.weight}%)`,
            render: (_: unknown, r: SchemeResult['rows'][number]) => {
              const item = r.items.find((it) => it.indicatorId === ind.id);
              const shown = item ? `${item.normalised.toFixed(1)}（${item.raw ?? '—'}）` : '—';
              // The name starts with the shown score, so speech and voice control find the button by it.
              return (
                <Button type="link" size="small" onClick={() => setCell({ indicatorId: ind.id, orgUnitCode: r.orgUnit.code })} aria-label={`${shown} ${r.orgUnit.name} ${ind.name} ${t('assessment.result.trace')}`}>
                  {shown}
                </Button>
              );
            },
          })),
        ]}
      />
      <TraceModal schemeId={scheme.id} cell={cell} onClose={() => setCell(null)} />
    </>
  );
}

export function SchemePage() {
  const t = useT();
  const { id = '' } = useParams();
  const { can } = useAuth();
  const write = useWrite();
  const [scoring, setScoring] = useState(false);
  const scheme = useApiQuery(['assessment', 'scheme', id], (signal) => assessmentApi.scheme(id, signal));
  const result = useApiQuery(['assessment', 'result', id], (signal) => assessmentApi.result(id, signal));
  if (scheme.error) return scheme.error.status === 404 ? <Result status="404" title={t('assessment.common.notFound')} /> : <ErrorAlert error={scheme.error} onRetry={() => void scheme.refetch()} />;
  const s = scheme.data;
  if (!s) return <Spin />;
  const editable = s.status !== 'published';
  return (
    <Flex vertical gap={16} data-testid="scheme-page">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>{s.name}</Typography.Title>
        <Flex gap={8} wrap>
          <Tag color={s.status === 'published' ? 'green' : s.status === 'computed' ? 'blue' : 'default'} data-testid="scheme-status">{t(`assessment.schemeStatus.${s.status}`)}</Tag>
          {editable && can('assessment.score') && s.indicators.some((i) => i.source === 'evaluator') && <Button onClick={() => setScoring(true)}>{t('assessment.evaluator.title')}</Button>}
          {editable && can('assessment.manage') && (
            <Button icon={<CalculatorOutlined />} loading={write.busy} data-testid="compute" onClick={() => void write.run(() => assessmentApi.compute(s.id), { success: t('assessment.result.computed'), invalidates: ['assessment'] })}>
              {t('assessment.result.compute')}
            </Button>
          )}
          {s.status === 'computed' && can('assessment.manage') && (
            <Button icon={<SendOutlined />} loading={write.busy} onClick={() => void write.run(() => assessmentApi.publish(s.id), { success: t('assessment.result.published'), invalidates: ['assessment'] })}>
              {t('assessment.result.publish')}
            </Button>
          )}
          <Button icon={<DownloadOutlined />} onClick={() => downloadFile(assessmentApi.resultXlsxUrl(s.id))} data-testid="result-export" disabled={s.status === 'draft'}>
            {t('assessment.common.export')}
          </Button>
        </Flex>
      </Flex>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'period', label: t('assessment.scheme.period'), children: `${t(`assessment.period.${s.period}`)} ${s.periodStart} ~ ${s.periodEnd}` },
          { key: 'kind', label: t('assessment.scheme.kind'), children: `${s.under.name} · ${t(`assessment.kind.${s.kind}`)} (${s.units.length})` },
          { key: 'indicators', label: t('assessment.scheme.indicators'), children: s.indicators.map((i) => `${i.name} ${i.weight}% · ${t(`assessment.source.${i.source}`)}`).join('；') },
        ]}
      />
      <Card title={t('assessment.result.title')} size="small">
        {result.error && <ErrorAlert error={result.error} onRetry={() => void result.refetch()} />}
        {result.data ? <ResultTable scheme={s} result={result.data} /> : <Spin />}
      </Card>
      <EvaluatorModal scheme={s} open={scoring} onClose={() => { setScoring(false); void scheme.refetch(); }} />
    </Flex>
  );
}
