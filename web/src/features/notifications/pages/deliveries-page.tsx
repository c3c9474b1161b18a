import { MessageOutlined } from '@ant-design/icons';
import { Card, Tag, Typography } from 'antd';
import { deliveryChannelValues, deliveryStatusValues, notificationsApi, type Delivery, type DeliveryStatus } from '../api.ts';
import { DateTime } from '../../../platform/components/labels.tsx';
import { EnumFilter, FilterBar, pick } from '../../../platform/components/list-filters.tsx';
import { ListTable } from '../../../platform/components/list-table.tsx';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { isMessageKey, useI18n } from '../../../platform/i18n/index.tsx';

const STATUS_COLOUR: Record<DeliveryStatus, string> = { queued: 'default', retrying: 'orange', sent: 'green', failed: 'red', capped: 'purple' };

/** 短信与微信发送记录 (system and security administrators): every outbound message, paged, by status and channel. */
export function DeliveriesPage() {
  const { t } = useI18n();
  // Kinds, channels and providers come from the server as plain strings: show the code when no label is known.
  const label = (prefix: string, value: string) => {
    const key = `${prefix}.${value}`;
    return isMessageKey(key) ? t(key) : value;
  };
  const list = useListPage({
    queryKey: ['notifications', 'deliveries'],
    filters: (params) => ({ status: pick(params.get('status'), deliveryStatusValues), channel: pick(params.get('channel'), deliveryChannelValues) }),
    load: (filters, paging, signal) => notificationsApi.deliveries({ ...filters, ...paging }, signal),
    pageSizeOptions: [20, 50, 100],
  });
  return (
    <Card title={<><MessageOutlined /> {t('menu.deliveries')}</>}>
      <Typography.Paragraph type="secondary">{t('delivery.hint')}</Typography.Paragraph>
      <FilterBar>
        <EnumFilter list={list} param="status" values={deliveryStatusValues} placeholder={t('delivery.status')} label={(s) => t(`delivery.status.${s}`)} width={150} />
        <EnumFilter list={list} param="channel" values={deliveryChannelValues} placeholder={t('delivery.channel')} label={(c) => t(`delivery.channel.${c}`)} width={200} />
      </FilterBar>
      <ListTable<Delivery>
        list={list}
        emptyText={t('delivery.empty')}
        data-testid="deliveries-table"
        columns={[
          { title: t('delivery.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => <DateTime value={v} /> },
          { title: t('delivery.channel'), dataIndex: 'channel', width: 150, render: (v: string) => label('delivery.channel', v) },
          { title: t('delivery.recipient'), dataIndex: 'recipient', width: 130 },
          { title: t('delivery.kind'), dataIndex: 'kind', render: (v: string) => label('delivery.kind', v) },
          {
            title: t('delivery.status'),
            dataIndex: 'status',
            width: 120,
            render: (v: DeliveryStatus) => <Tag color={STATUS_COLOUR[v]}>{t(`delivery.status.${v}`)}</Tag>,
          },
          { title: t('delivery.attempts'), dataIndex: 'attempts', width: 90 },
          { title: t('delivery.provider'), dataIndex: 'provider', width: 150, render: (v: string) => label('delivery.provider', v) },
          {
            title: t('delivery.lastError'),
            dataIndex: 'lastError',
            render: (v: string | null, row) =>
              v ? (
                <Typography.Text type="danger" style={{ fontSize: 12 }}>
                  {v}
                </Typography.Text>
              ) : row.providerMessageId ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }} title={t('delivery.providerMessageId')}>
                  {row.providerMessageId}
                </Typography.Text>
              ) : (
                '—'
              ),
          },
          { title: t('delivery.sentAt'), dataIndex: 'sentAt', width: 170, render: (v: string | null) => (v ? <DateTime value={v} /> : '—') },
        ]}
      />
    </Card>
  );
}
