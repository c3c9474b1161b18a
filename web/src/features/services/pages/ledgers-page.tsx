// 台账: the ledgers the platform generates for a month as .xlsx, and the hand-kept ledgers it replaces.
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Flex, List, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { downloadFile } from '../../../platform/download.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { centreApi, type ReplacedLedger } from '../centre-api.ts';

export function LedgersPage() {
  const { t } = useI18n();
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const catalogue = useApiQuery(['services', 'ledgers'], (signal) => centreApi.ledgers(signal));
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('services.ledgers.title')}
      </Typography.Title>
      {catalogue.error && <Alert type="error" showIcon title={catalogue.error.message} />}
      <Card title={t('services.ledgers.generated')} extra={<DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} aria-label={t('services.ledgers.month')} />}>
        <List
          loading={catalogue.isLoading}
          dataSource={catalogue.data?.generated ?? []}
          renderItem={(ledger) => (
            <List.Item actions={[<Button key="dl" icon={<DownloadOutlined />} onClick={() => downloadFile(centreApi.ledgerUrl(ledger, month))} data-testid={`ledger-${ledger}`}>{t('services.ledgers.download')}</Button>]}>
              {t(`services.ledgers.name.${ledger}`)}
            </List.Item>
          )}
        />
      </Card>
      <Card title={t('services.ledgers.replaced')}>
        <Table<ReplacedLedger>
          size="small"
          rowKey="name"
          loading={catalogue.isLoading}
          dataSource={catalogue.data?.replaced ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            { key: 'name', title: t('services.ledgers.handName'), dataIndex: 'name' },
            { key: 'keptBy', title: t('services.ledgers.keptBy'), dataIndex: 'keptBy' },
            {
              key: 'by',
              title: t('services.ledgers.replacedBy'),
              render: (_, r) => (r.replacedBy.kind === 'generated' ? `${t(`services.ledgers.name.${r.replacedBy.ledger}`)}（${t('services.ledgers.generatedHere')}）` : <Link to={r.replacedBy.path}>{r.replacedBy.label}</Link>),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
