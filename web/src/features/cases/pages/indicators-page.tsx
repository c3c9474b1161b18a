import { BarChartOutlined } from '@ant-design/icons';
import { Card, DatePicker, Flex, Segmented, Table, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { casesApi, type IndicatorReport } from '../api.ts';
import { OrgNodeSelect, useScopeNodes } from '../../org/index.ts';
import { useApiQuery } from '../../../platform/query.ts';
import { useI18n, type MessageKey } from '../../../platform/i18n/index.tsx';
import { QueryTable } from '../../../platform/components/list-table.tsx';

type Row = IndicatorReport['units'][number];
type IndicatorMetrics = IndicatorReport['total'];

function percent(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)}%`;
}

/** A rate coloured against a target: green at or above it, amber within ten points, red below. */
function Rate({ value, target = 0.9 }: { value: number | null; target?: number }) {
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const color = value >= target ? '#237804' : value >= target - 0.1 ? '#874d00' : '#cf1322';
  return <span style={{ color, fontVariantNumeric: 'tabular-nums' }}>{percent(value)}</span>;
}

/** A rate where lower is better (rework, extension). */
function LowRate({ value }: { value: number | null }) {
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const color = value <= 0.05 ? '#237804' : value <= 0.15 ? '#874d00' : '#cf1322';
  return <span style={{ color, fontVariantNumeric: 'tabular-nums' }}>{percent(value)}</span>;
}

/** A column of whole numbers, right-aligned in tabular figures. */
function countColumn(title: string, key: keyof IndicatorMetrics, width: number) {
  return { title, dataIndex: key, width, align: 'right' as const, render: (v: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{v}</span> };
}

/** 考核指标: per unit (child areas or departments) and period, the standard case indicators and the three rates of 接诉即办. */
export function CaseIndicatorsPage() {
  const { t } = useI18n();
  const scope = useScopeNodes();
  const [under, setUnder] = useState<string | undefined>(undefined);
  const [groupBy, setGroupBy] = useState<IndicatorReport['groupBy']>('children');
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('month'), dayjs()]);
  const from = range[0].startOf('day').toISOString();
  const to = range[1].add(1, 'day').startOf('day').toISOString();
  const report = useApiQuery(['cases', 'indicators', under, groupBy, from, to], (signal) => casesApi.indicators({ under, groupBy, from, to }, signal));

  const count = (key: keyof IndicatorMetrics, label: MessageKey, width = 70) => countColumn(t(label), key, width);
  const columns: TableColumnsType<Row> = [
    { title: t('case.indicators.unit'), dataIndex: 'name', fixed: 'left', width: 200, render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    {
      title: t('case.indicators.basics'),
      children: [
        count('reported', 'case.indicators.reported'),
        count('accepted', 'case.indicators.accepted'),
        count('registered', 'case.indicators.registered'),
        count('dispatched', 'case.indicators.dispatched'),
        count('closed', 'case.indicators.closed'),
        count('overdueCount', 'case.indicators.overdueCount', 80),
      ],
    },
    {
      title: t('case.indicators.quality'),
      children: [
        { title: t('case.indicators.onTimeClosureRate'), dataIndex: 'onTimeClosureRate', width: 100, align: 'right', render: (v: number | null) => <Rate value={v} /> },
        { title: t('case.indicators.reworkRate'), dataIndex: 'reworkRate', width: 80, align: 'right', render: (v: number | null) => <LowRate value={v} /> },
        { title: t('case.indicators.extensionRate'), dataIndex: 'extensionRate', width: 80, align: 'right', render: (v: number | null) => <LowRate value={v} /> },
        {
          title: t('case.indicators.averageHandlingHours'),
          dataIndex: 'averageHandlingHours',
          width: 120,
          align: 'right',
          render: (v: number | null) => (v === null ? '—' : v.toFixed(1)),
        },
        count('rated', 'case.indicators.rated'),
        { title: t('case.indicators.satisfactionRate'), dataIndex: 'satisfactionRate', width: 80, align: 'right', render: (v: number | null) => <Rate value={v} /> },
      ],
    },
    {
      title: t('case.indicators.threeRates'),
      children: [
        { title: t('case.indicators.responseRate'), dataIndex: 'responseRate', width: 80, align: 'right', render: (v: number | null) => <Rate value={v} /> },
        { title: t('case.indicators.resolutionRate'), dataIndex: 'resolutionRate', width: 80, align: 'right', render: (v: number | null) => <Rate value={v} /> },
        { title: t('case.indicators.satisfiedRate'), dataIndex: 'satisfiedRate', width: 80, align: 'right', render: (v: number | null) => <Rate value={v} target={0.8} /> },
      ],
    },
  ];

  const total = report.data ? { ...report.data.total, code: '__total', name: t('case.indicators.total'), level: '' } : null;
  return (
    <Card title={<><BarChartOutlined /> {t('case.indicators.title')}</>}>
      <Flex gap={16} wrap align="center" style={{ marginBottom: 16 }}>
        <Flex align="center" gap={8}>
          <Typography.Text>{t('case.indicators.under')}</Typography.Text>
          <OrgNodeSelect
            value={under}
            onChange={(code) => setUnder(code)}
            levels={['district', 'street', 'community']}
            suggestions={scope.data?.suggestions}
            placeholder={report.data?.under.name ?? t('case.common.allScope')}
            allowClear
            style={{ width: 220 }}
            testId="indicators-under"
          />
        </Flex>
        <Flex align="center" gap={8}>
          <Typography.Text>{t('case.indicators.groupBy')}</Typography.Text>
          <Segmented<IndicatorReport['groupBy']>
            value={groupBy}
            onChange={setGroupBy}
            options={[
              { value: 'children', label: t('case.indicators.groupBy.children') },
              { value: 'departments', label: t('case.indicators.groupBy.departments') },
            ]}
          />
        </Flex>
        <Flex align="center" gap={8}>
          <Typography.Text>{t('case.indicators.period')}</Typography.Text>
          <DatePicker.RangePicker
            value={range}
            allowClear={false}
            onChange={(value) => {
              if (value?.[0] && value[1]) setRange([value[0], value[1]]);
            }}
            presets={[
              { label: t('case.indicators.thisMonth'), value: [dayjs().startOf('month'), dayjs()] },
              { label: t('case.indicators.lastMonth'), value: [dayjs().subtract(1, 'month').startOf('month'), dayjs().subtract(1, 'month').endOf('month')] },
              { label: t('case.indicators.thisQuarter'), value: [dayjs().month(Math.floor(dayjs().month() / 3) * 3).startOf('month'), dayjs()] },
              { label: t('case.indicators.thisYear'), value: [dayjs().startOf('year'), dayjs()] },
            ]}
          />
        </Flex>
      </Flex>
      <QueryTable<Row>
        query={report}
        rows={report.data?.units ?? []}
        errorStyle={{ marginBottom: 16 }}
        rowKey="code"
        size="small"
        bordered
        columns={columns}
        pagination={false}
        scroll={{ x: 1400 }}
        data-testid="indicators-table"
        locale={{ emptyText: t('case.indicators.empty') }}
        summary={() =>
          total ? (
            <Table.Summary fixed>
              <Table.Summary.Row style={{ background: '#fafbfc', fontWeight: 600 }}>
                {[
                  total.name,
                  total.reported,
                  total.accepted,
                  total.registered,
                  total.dispatched,
                  total.closed,
                  total.overdueCount,
                  <Rate key="on" value={total.onTimeClosureRate} />,
                  <LowRate key="rw" value={total.reworkRate} />,
                  <LowRate key="ex" value={total.extensionRate} />,
                  total.averageHandlingHours === null ? '—' : total.averageHandlingHours.toFixed(1),
                  total.rated,
                  <Rate key="sa" value={total.satisfactionRate} />,
                  <Rate key="re" value={total.responseRate} />,
                  <Rate key="rs" value={total.resolutionRate} />,
                  <Rate key="st" value={total.satisfiedRate} target={0.8} />,
                ].map((cell, i) => (
                  <Table.Summary.Cell key={i} index={i} align={i === 0 ? 'left' : 'right'}>
                    {cell}
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            </Table.Summary>
          ) : null
        }
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
        {t('case.indicators.formula')}
      </Typography.Paragraph>
    </Card>
  );
}
