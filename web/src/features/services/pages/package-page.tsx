// 社区服务包: a community's type, the package of items and organisations it suggests, what the
// catalogue offers there and the gaps.
import { Alert, Card, Empty, Flex, Input, List, Skeleton, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { communityTypes } from '#server/modules/org/contract.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { centreApi } from '../centre-api.ts';

export function PackagePage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const own = me?.grants.find((g) => g.role === 'community_staff')?.orgPath.split('.').at(-1);
  const code = params.get('community') ?? own;
  const pkg = useApiQuery(['services', 'package', code], code ? (signal) => centreApi.communityPackage(code, signal) : null);
  const data = pkg.data;
  const type = communityTypes.find((c) => c === data?.communityType);
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('services.pkg.title')}
      </Typography.Title>
      <Input.Search
        defaultValue={code ?? ''}
        placeholder={t('services.pkg.community')}
        aria-label={t('services.pkg.community')}
        enterButton={t('services.pkg.show')}
        onSearch={(value) => setParams(value.trim() ? { community: value.trim() } : {})}
        style={{ maxWidth: 360 }}
      />
      {pkg.isLoading && <Skeleton active />}
      {pkg.error && <Alert type="error" showIcon title={pkg.error.message} />}
      {!code && <Empty description={t('services.pkg.community')} />}
      {data && (
        <Card title={`${data.communityName} · ${t('services.pkg.type')}：${type ? t(`communityType.${type}`) : '—'}`} data-testid="community-package">
          {!data.package ? (
            <Alert type="warning" showIcon title={t('services.pkg.noType')} />
          ) : (
            <Flex vertical gap={16}>
              <List
                header={<Typography.Text strong>{t('services.pkg.items')}</Typography.Text>}
                dataSource={data.package.items}
                renderItem={(item) => {
                  const gap = data.gaps.find((g) => g.code === item.code);
                  return (
                    <List.Item>
                      <span>{item.name}</span>
                      {gap ? <Tag color="orange">{`${t('services.pkg.gap')}：${t(`services.pkg.gap.${gap.reason}`)}`}</Tag> : <Tag color="green">{t('services.pkg.offered')}</Tag>}
                    </List.Item>
                  );
                }}
              />
              <div>
                <Typography.Text strong>{t('services.pkg.organisations')}</Typography.Text>
                <Flex wrap gap={8} style={{ marginTop: 8 }}>
                  {data.package.organisations.map((o) => <Tag key={o}>{o}</Tag>)}
                </Flex>
              </div>
            </Flex>
          )}
        </Card>
      )}
    </Flex>
  );
}
