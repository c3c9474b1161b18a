import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Card, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useReportError } from '../../../platform/components/feedback.tsx';
import { ListTable } from '../../../platform/components/list-table.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import type { ListPage } from '../../../platform/use-list-page.tsx';
import { facilitiesApi, type CoverageGap } from '../api.ts';
import { PrintableGaps } from './coverage-panels.tsx';
import { useDistanceText, useKinds } from './labels.tsx';

interface GapListProps {
  org: string;
  orgName: string;
  /** The page's gap list (its total is also a headline figure). */
  list: ListPage<{ org?: string; kind?: string }, CoverageGap>;
  /** On a community's page, a clicked gap shows its building's circle. */
  onBuilding?: (buildingId: string) => void;
}

/** 缺口清单: buildings out of reach of a required kind, by kind; the report as .xlsx, or printed whole. */
export function GapList({ org, orgName, list, onBuilding }: GapListProps) {
  const { t } = useI18n();
  const { kinds, nameOf } = useKinds();
  const distance = useDistanceText();
  const reportError = useReportError();
  const { message } = App.useApp();
  const [printRows, setPrintRows] = useState<CoverageGap[] | null>(null);
  useEffect(() => {
    if (printRows) window.print();
  }, [printRows]);

  const downloadReport = () =>
    facilitiesApi.gapReport(org).then(
      () => void message.success(t('facilities.list.exported')),
      (error: unknown) => void reportError(error),
    );
  // The printout holds every gap, not the page on screen.
  const print = async () => {
    try {
      const rows: CoverageGap[] = [];
      for (let page = 1; ; page++) {
        const answer = await facilitiesApi.gaps({ org, kind: list.filters.kind, page, pageSize: 500 });
        rows.push(...answer.items);
        if (rows.length >= answer.total || answer.items.length === 0) break;
      }
      setPrintRows(rows);
    } catch (error) {
      reportError(error);
    }
  };

  return (
    <Card
      size="small"
      title={t('facilities.coverage.gaps')}
      extra={
        <Space wrap>
          <Select<string>
            value={list.filters.kind}
            onChange={(kind) => list.update({ kind })}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('facilities.coverage.allKinds')}
            style={{ width: 180 }}
            options={kinds.filter((k) => k.required).map((k) => ({ value: k.code, label: nameOf(k.code) }))}
            data-testid="gaps-kind"
          />
          <Button icon={<DownloadOutlined />} onClick={() => void downloadReport()} data-testid="gaps-report">
            {t('facilities.coverage.report')}
          </Button>
          <Button icon={<PrinterOutlined />} onClick={() => void print()} data-testid="gaps-print">
            {t('facilities.coverage.print')}
          </Button>
        </Space>
      }
    >
      <ListTable<CoverageGap>
        list={list}
        rowKey={(g) => `${g.buildingId}/${g.kind}`}
        size="small"
        data-testid="gaps-table"
        emptyText={t('facilities.coverage.gapsEmpty')}
        onRow={(g) => ({ onClick: () => onBuilding?.(g.buildingId), style: onBuilding ? { cursor: 'pointer' } : undefined })}
        columns={[
          { title: t('facilities.coverage.gapBuilding'), dataIndex: 'buildingName', render: (name: string, g) => <><Typography.Text strong>{name}</Typography.Text> <Typography.Text type="secondary">{g.address}</Typography.Text></> },
          { title: t('facilities.coverage.kind'), dataIndex: 'kind', width: 160, render: (code: string, g) => nameOf(code) || g.kindName },
          { title: t('facilities.coverage.walk'), dataIndex: 'walkMeters', width: 100, align: 'right', render: (n: number) => t('facilities.coverage.meters', { n }) },
          { title: t('facilities.coverage.distance'), dataIndex: 'distance', width: 100, align: 'right', render: (d: number | null) => (d === null ? '—' : distance(d)) },
          { title: t('facilities.coverage.nearest'), dataIndex: 'nearestFacilityName', width: 200, render: (v: string | null) => v ?? t('facilities.coverage.none') },
          { title: t('facilities.coverage.residents'), dataIndex: 'residents', width: 80, align: 'right' },
          { title: t('facilities.coverage.groupPeople'), dataIndex: 'groupPeople', width: 90, align: 'right' },
        ]}
      />
      {printRows && <PrintableGaps title={t('facilities.coverage.printTitle', { name: orgName })} gaps={printRows} />}
    </Card>
  );
}
