// The wall display (大屏): the command board full screen, dark, refreshed live.
import { FullscreenExitOutlined } from '@ant-design/icons';
import { Button, ConfigProvider, Flex, Layout, Typography, theme } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useT } from '../../../platform/i18n/index.tsx';
import { CommandBoard } from '../components/board.tsx';
import { areaPeriodOf } from './command-page.tsx';

export function WallPage() {
  const t = useT();
  const [params] = useSearchParams();
  const area = useMemo(() => areaPeriodOf(params), [params]);
  return (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm }}>
      <Layout style={{ minHeight: '100vh', padding: 16 }}>
        <main>
          <Flex align="center" justify="space-between" style={{ marginBottom: 12 }}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('menu.command')}
            </Typography.Title>
            <Button icon={<FullscreenExitOutlined />} href={`/console/command?${params.toString()}`}>
              {t('command.wallExit')}
            </Button>
          </Flex>
          <CommandBoard area={area} wall />
        </main>
      </Layout>
    </ConfigProvider>
  );
}
