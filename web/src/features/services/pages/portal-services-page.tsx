// /portal/services: browse and search the catalogue (pinyin too), "one thing" bundles, and
// the ways in: apply online, follow by number. Phone-sized first.
import { FileSearchOutlined, FormOutlined } from '@ant-design/icons';
import { Button, Card, Collapse, Empty, Flex, Input, List, Pagination, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { PortalFrame } from '../../../platform/components/portal-frame.tsx';
import { useI18n, type MessageKey } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { servicesApi } from '../api.ts';

export function PortalServicesPage() {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const items = useApiQuery(['services', 'public-items', q, page], (signal) => servicesApi.publicItems({ q: q || undefined, page, pageSize: 10 }, signal));
  const bundles = useApiQuery(['services', 'public-bundles'], (signal) => servicesApi.publicBundles(signal));
  return (
    <PortalFrame
      linkHome
      loginLabel={t('portal.staffLogin')}
      hero={
        <Flex vertical gap={8} className="gz-portal-hero">
          <Typography.Title level={2} style={{ color: '#fff', margin: 0 }}>
            {t('services.portal.title')}
          </Typography.Title>
          <Typography.Text style={{ color: '#fff' }}>{t('services.portal.subtitle')}</Typography.Text>
          <Input.Search
            size="large"
            allowClear
            aria-label={t('services.portal.search')}
            placeholder={t('services.portal.search')}
            onSearch={(value) => {
              setQ(value.trim());
              setPage(1);
            }}
          />
          <Flex gap={8} wrap>
            <Link to="/portal/services/track">
              <Button icon={<FileSearchOutlined />}>{t('services.portal.track')}</Button>
            </Link>
          </Flex>
        </Flex>
      }
    >
      {items.error ? <ErrorAlert error={items.error} onRetry={() => void items.refetch()} /> : null}
      {items.isPending ? (
        <Skeleton active />
      ) : items.data && items.data.items.length === 0 ? (
        <Empty description={t('services.catalogue.empty')} />
      ) : (
        <List
          data-testid="service-items"
          dataSource={items.data?.items ?? []}
          renderItem={(item) => (
            <List.Item style={{ display: 'block', padding: 0, border: 'none' }}>
              <Card size="small" style={{ marginBottom: 12 }} data-testid="service-item" data-code={item.code}>
                <Flex justify="space-between" gap={8} wrap>
                  <Flex vertical gap={4}>
                    <Typography.Text strong style={{ fontSize: 16 }}>
                      {item.name}
                    </Typography.Text>
                    <Flex gap={4} wrap>
                      <Tag>{t(`services.kind.${item.kind}` as MessageKey)}</Tag>
                      <Tag>{t('services.field.days', { statutory: item.statutoryDays, promised: item.promisedDays })}</Tag>
                      {item.districtWide && <Tag color="blue">{t('services.field.districtWide')}</Tag>}
                    </Flex>
                  </Flex>
                  {item.channels.includes('online') && (
                    <Link to={`/portal/services/apply/${encodeURIComponent(item.code)}`}>
                      <Button type="primary" icon={<FormOutlined />} aria-label={`${t('services.portal.apply')} ${item.name}`}>
                        {t('services.portal.apply')}
                      </Button>
                    </Link>
                  )}
                </Flex>
                <Collapse
                  ghost
                  size="small"
                  items={[
                    {
                      key: 'm',
                      label: t('services.field.materials'),
                      children: (
                        <ul style={{ margin: 0, paddingLeft: 20 }}>
                          {item.materials.map((m) => (
                            <li key={m.key}>
                              {m.name}（{t(`services.form.${m.form}` as MessageKey)}，{t(`services.rule.${m.rule}` as MessageKey)}）
                            </li>
                          ))}
                        </ul>
                      ),
                    },
                  ]}
                />
              </Card>
            </List.Item>
          )}
        />
      )}
      {items.data && items.data.total > 10 && <Pagination current={page} total={items.data.total} pageSize={10} onChange={setPage} showSizeChanger={false} />}
      <Typography.Title level={4} style={{ marginTop: 24 }}>
        {t('services.portal.bundles')}
      </Typography.Title>
      {bundles.error ? <ErrorAlert error={bundles.error} onRetry={() => void bundles.refetch()} /> : null}
      {bundles.isPending ? (
        <Skeleton active />
      ) : (bundles.data ?? []).length === 0 ? (
        <Empty />
      ) : (
        (bundles.data ?? []).map((b) => (
          <Card key={b.code} size="small" style={{ marginBottom: 8 }} title={b.name}>
            <Typography.Paragraph type="secondary">{b.lifeEvent}</Typography.Paragraph>
            <Flex gap={4} wrap>
              {b.items.map((i) => (
                <Tag key={i.code}>{i.name}</Tag>
              ))}
            </Flex>
          </Card>
        ))
      )}
    </PortalFrame>
  );
}
