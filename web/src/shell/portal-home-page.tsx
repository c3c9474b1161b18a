import { LoginOutlined, PhoneOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Input, List, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { orgApi } from '../features/org/index.ts';
import { useAuth } from '../platform/auth.tsx';
import { CasePortalServices } from '../features/cases/components/portal-services.tsx';
import { DutyTag, GridKindTag } from '../features/org/index.ts';
import { LanguageSwitch } from '../platform/components/language-switch.tsx';
import { Logo } from '../platform/components/logo.tsx';
import { useRequest } from '../platform/use-request.ts';
import { useT } from '../platform/i18n/index.tsx';

const gridCodePattern = /^[A-Za-z0-9-]{1,32}$/;

/** /portal: anyone can look up the public real-name roster of a grid (实名制公示). */
export function PortalPage() {
  const t = useT();
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const code = params.get('grid')?.trim() ?? '';
  const [text, setText] = useState(code);
  const [invalid, setInvalid] = useState(false);
  const valid = gridCodePattern.test(code);
  const roster = useRequest(valid ? (signal) => orgApi.publicRoster(code, signal) : null, [code]);

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
    <div className="gz-portal">
      <header className="gz-portal-header">
        <Flex align="center" gap={10}>
          <Logo size={30} />
          <span className="gz-portal-title">{t('app.portalTitle')}</span>
        </Flex>
        <Flex align="center" gap={12}>
          <LanguageSwitch dark />
          {!me && (
            <Link to="/login" className="gz-portal-login" title={t('portal.staffLogin')}>
              <LoginOutlined /> <span className="gz-hide-narrow">{t('portal.staffLogin')}</span>
            </Link>
          )}
        </Flex>
      </header>
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
      <main className="gz-portal-main">
        {roster.loading && <Card><Skeleton active /></Card>}
        {roster.error && !roster.loading && (
          <Alert
            type={roster.error.code === 'NOT_FOUND' ? 'warning' : 'error'}
            showIcon
            title={roster.error.code === 'NOT_FOUND' ? t('portal.notFound', { code }) : roster.error.message}
          />
        )}
        {roster.data && !roster.loading && (
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
        <CasePortalServices />
      </main>
      <footer className="gz-portal-footer">{t('portal.footer')}</footer>
    </div>
  );
}
