// The period's report of an org unit: its case indicators, rankings, warnings, topics and
// surveys, printable (the browser's print, menus hidden) and as .xlsx.
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Descriptions, Empty, Flex, Spin, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { FilterBar } from '../../../platform/components/list-filters.tsx';
import { downloadFile } from '../../../platform/download.ts';
import { useT } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { OrgNodeSelect, useScopeNodes } from '../../org/index.ts';
import { assessmentApi } from '../api.ts';

const rateKeys = new Set(['onTimeClosureRate', 'responseRate', 'resolutionRate', 'satisfiedRate', 'reworkRate']);

export function ReportPage() {
  const t = useT();
  const scope = useScopeNodes();
  const [params, setParams] = useSearchParams();
  const unit = params.get('unit') ?? scope.data?.suggestions[0]?.code ?? '';
  const from = params.get('from') ?? dayjs().startOf('year').format('YYYY-MM-DD');
  const to = params.get('to') ?? dayjs().format('YYYY-MM-DD');
  const q = { unit, from: dayjs(from).startOf('day').toISOString(), to: dayjs(to).add(1, 'day').startOf('day').toISOString() };
  const report = useApiQuery(['assessment', 'report', q], unit ? (signal) => assessmentApi.report(q, signal) : null);
  const set = (changes: Record<string, string | undefined>) => setParams((p) => { const n = new URLSearchParams(p); for (const [k, v] of Object.entries(changes)) { if (v) n.set(k, v); else n.delete(k); } return n; });
  const r = report.data;
  return (
    <Flex vertical gap={16} data-testid="report-page">
      <Typography.Title level={4} style={{ margin: 0 }}>{t('menu.assessmentReport')}</Typography.Title>
      <FilterBar>
        <OrgNodeSelect value={unit || undefined} onChange={(code) => set({ unit: code })} suggestions={scope.data?.suggestions} placeholder={t('assessment.report.unit')} style={{ width: 240 }} />
        <DatePicker.RangePicker allowClear={false} value={[dayjs(from), dayjs(to)]} onChange={(range) => range?.[0] && range[1] && set({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') })} />
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!r}>{t('assessment.report.print')}</Button>
        <Button icon={<DownloadOutlined />} onClick={() => downloadFile(assessmentApi.reportXlsxUrl(q))} disabled={!r} data-testid="report-export">{t('assessment.common.export')}</Button>
      </FilterBar>
      {report.error && <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />}
      {!unit && <Empty description={t('assessment.report.chooseUnit')} />}
      {unit && !r && !report.error && <Spin />}
      {r && (
        <div className="gz-printable">
          <Typography.Title level={3} style={{ textAlign: 'center' }}>{t('assessment.report.heading', { unit: r.orgUnit.name, from, to })}</Typography.Title>
          <Card size="small" title={t('assessment.report.indicators')}>
            <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} items={r.indicators.map((i) => ({ key: i.key, label: t(`assessment.indicator.${i.key}` as 'assessment.indicator.reported'), children: i.value === null ? '—' : rateKeys.has(i.key) ? `${(i.value * 100).toFixed(1)}%` : i.value }))} />
          </Card>
          <Card size="small" title={t('assessment.report.rankings')} style={{ marginTop: 12 }}>
            <Table size="small" rowKey="schemeId" pagination={false} dataSource={r.rankings} locale={{ emptyText: t('assessment.report.none') }} columns={[
              { key: 'scheme', title: t('assessment.scheme.name'), dataIndex: 'schemeName' },
              { key: 'rank', title: t('assessment.result.rank'), render: (_, x) => `${x.rank} / ${x.of}` },
              { key: 'total', title: t('assessment.result.total'), render: (_, x) => x.total.toFixed(2) },
            ]} />
          </Card>
          <Card size="small" title={t('assessment.report.warnings')} style={{ marginTop: 12 }}>
            <Table size="small" rowKey={(x) => `${x.title}${x.at}`} pagination={false} dataSource={r.warnings} locale={{ emptyText: t('assessment.report.none') }} columns={[
              { key: 'title', title: t('assessment.report.warning'), dataIndex: 'title' },
              { key: 'at', title: t('assessment.report.at'), render: (_, x) => x.at.slice(0, 10) },
              { key: 'status', title: t('assessment.common.status'), dataIndex: 'status' },
            ]} />
          </Card>
          <Card size="small" title={t('menu.assessmentTopics')} style={{ marginTop: 12 }}>
            <Table size="small" rowKey="id" pagination={false} dataSource={r.topics} locale={{ emptyText: t('assessment.report.none') }} columns={[
              { key: 'title', title: t('assessment.topic.title'), dataIndex: 'title' },
              { key: 'lead', title: t('assessment.topic.leadUnit'), render: (_, x) => x.leadUnit.name },
              { key: 'tasks', title: t('assessment.topic.tasks'), render: (_, x) => `${x.tasksDone} / ${x.tasksTotal}` },
            ]} />
          </Card>
          <Card size="small" title={t('menu.assessmentSurveys')} style={{ marginTop: 12 }}>
            <Table size="small" rowKey="id" pagination={false} dataSource={r.surveys} locale={{ emptyText: t('assessment.report.none') }} columns={[
              { key: 'title', title: t('assessment.survey.title'), dataIndex: 'title' },
              { key: 'answered', title: t('assessment.survey.answered'), render: (_, x) => `${x.answered} / ${x.invited}` },
              { key: 'rate', title: t('assessment.survey.responseRate'), render: (_, x) => (x.responseRate === null ? '—' : `${(x.responseRate * 100).toFixed(1)}%`) },
            ]} />
          </Card>
        </div>
      )}
    </Flex>
  );
}
