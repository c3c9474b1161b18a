import { PhoneOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Input, List, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useT } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { gridCodePattern, orgApi } from '../api.ts';
import { DutyTag, GridKindTag } from './org-labels.tsx';

// The public real-name roster of a grid (实名制公示) on /portal: the search in the hero band
// and the result in the main column share the grid code through the URL (?grid=).

function useGridParam() {
  const [params, setParams] = useSearchParams();
  return { code: params.get('grid')?.trim() ?? '', setParams };
}

/** The hero band of /portal: look up a grid by its code. */
export function PublicRosterSearch() {
  const t = useT();
  const { code, setParams } = useGridParam();
  const [text, setText] = useState(code);
  const [invalid, setInvalid] = useState(false);

  const lookUp = (value: string) => {
    const trimmed = value.trim();
    if (!gridCodePattern.test(trimmed)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setParams({ grid: trimmed }, { replace: true });
  };

  return (
    <section className="gz-portal-hero">
      <h1>
        <SafetyCertificateOutlined /> {t('portal.title')}
      </h1>
      <p>{t('portal.subtitle')}</p>
      <Input.Search
        size="large"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onSearch={lookUp}
        placeholder={t('portal.placeholder')}
        enterButton={t('portal.search')}
        maxLength={32}
        status={invalid ? 'error' : undefined}
        className="gz-portal-search"
        data-testid="portal-search"
      />
      {invalid && <div className="gz-portal-invalid">{t('portal.invalidCode')}</div>}
    </section>
  );
}

/** The roster of the grid looked up, or why there is none. */
export function PublicRoster() {
  const t = useT();
  const { code } = useGridParam();
  const valid = gridCodePattern.test(code);
  const roster = useApiQuery(['org', 'publicRoster', code], valid ? (signal) => orgApi.publicRoster(code, signal) : null);
  return (
    <>
      {roster.isFetching && <Card><Skeleton active /></Card>}
      {roster.error && !roster.isFetching && (
        <Alert
          type={roster.error.code === 'NOT_FOUND' ? 'warning' : 'error'}
          showIcon
          title={roster.error.code === 'NOT_FOUND' ? t('portal.notFound', { code }) : roster.error.message}
        />
      )}
      {roster.data && !roster.isFetching && (
        <Card
          data-testid="portal-roster"
          title={
            <Flex align="center" gap={8} wrap>
              <span>{roster.data.name}</span>
              <GridKindTag kind={roster.data.kind} />
            </Flex>
          }
        >
          <Flex gap={16} wrap>
            <Typography.Text type="secondary">
              {t('map.community')}：{roster.data.communityName}
            </Typography.Text>
            <Typography.Text type="secondary">
              {t('map.gridCode')}：{roster.data.code}
            </Typography.Text>
          </Flex>
          <List
            style={{ marginTop: 8 }}
            header={<Typography.Text strong>{t('portal.staff')}</Typography.Text>}
            dataSource={roster.data.staff}
            locale={{ emptyText: <Empty description={t('portal.staffEmpty')} /> }}
            renderItem={(member) => (
              <List.Item
                actions={
                  member.phone
                    ? [
                        <Button key="call" type="link" href={`tel:${member.phone}`} icon={<PhoneOutlined />}>
                          {member.phone}
                        </Button>,
                      ]
                    : []
                }
              >
                <Flex align="center" gap={10}>
                  <DutyTag duty={member.duty} />
                  <Typography.Text strong>{member.name}</Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        </Card>
      )}
    </>
  );
}
