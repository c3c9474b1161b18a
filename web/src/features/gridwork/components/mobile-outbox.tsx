// What the phone holds that the server has not got yet: "待发送 N 条 / 发送失败 N 条", and the
// list behind it with a retry for what failed. Also where /m starts the service worker.
import { CloudSyncOutlined, DeleteOutlined, ReloadOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Drawer, Flex, List, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { discardWrite, flushOutbox, retryWrite } from '../../../platform/offline/outbox.ts';
import { registerServiceWorker, warmOfflineReads } from '../../../platform/offline/register-sw.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { useOutbox } from '../../../platform/offline/use-outbox.ts';
import { useOnline } from './use-online.ts';

/** The outbox's line on /m's home: always shown, so the worker knows nothing is left behind. */
export function OutboxSection() {
  const { t } = useI18n();
  const outbox = useOutbox();
  const online = useOnline();
  const [open, setOpen] = useState(false);
  const [ready, setReady] = useState(false);
  const { me } = useAuth();
  const gridCode = me?.grants.find((g) => g.role === 'grid_worker')?.orgCode;
  useEffect(() => {
    registerServiceWorker();
    let live = true;
    void warmOfflineReads(['/api/auth/me', '/api/config/public', '/api/cases/categories', ...(gridCode ? [`/api/org/grids/${encodeURIComponent(gridCode)}`] : [])]).then((done) => {
      if (live) setReady(done);
    });
    return () => {
      live = false;
    };
  }, [gridCode]);
  const type = outbox.failed > 0 ? 'error' : outbox.waiting > 0 ? 'warning' : 'success';
  return (
    <>
      <Alert
        type={type}
        showIcon
        icon={outbox.failed > 0 ? <WarningOutlined /> : <CloudSyncOutlined />}
        style={{ marginBottom: 12 }}
        data-testid="outbox-indicator"
        data-waiting={outbox.waiting}
        data-failed={outbox.failed}
        data-offline-ready={ready ? 'true' : 'false'}
        title={
          <Flex justify="space-between" align="center" gap={8}>
            <span>
              {t('gridwork.outbox.counts', { waiting: outbox.waiting, failed: outbox.failed })}
              {!online && <Tag color="default" style={{ marginLeft: 8 }}>{t('gridwork.outbox.offline')}</Tag>}
            </span>
            {(outbox.waiting > 0 || outbox.failed > 0) && (
              <Button size="small" onClick={() => setOpen(true)} data-testid="outbox-open">
                {t('gridwork.outbox.view')}
              </Button>
            )}
          </Flex>
        }
      />
      <Drawer title={t('gridwork.outbox.title')} placement="bottom" size="70%" open={open} onClose={() => setOpen(false)} destroyOnHidden>
        <Button block icon={<ReloadOutlined />} loading={outbox.sending} disabled={!online} onClick={() => void flushOutbox()} style={{ marginBottom: 8 }} data-testid="outbox-send">
          {t('gridwork.outbox.sendNow')}
        </Button>
        <List
          size="small"
          dataSource={outbox.items}
          locale={{ emptyText: t('gridwork.outbox.empty') }}
          renderItem={(item) => (
            <List.Item
              key={item.key}
              data-testid="outbox-item"
              data-state={item.state}
              actions={
                item.state === 'failed' && item.seq !== undefined
                  ? [
                      <Button key="retry" size="small" icon={<ReloadOutlined />} onClick={() => void retryWrite(item.seq ?? 0)}>
                        {t('gridwork.outbox.retry')}
                      </Button>,
                      <Button key="discard" size="small" danger icon={<DeleteOutlined />} onClick={() => void discardWrite(item.seq ?? 0)}>
                        {t('gridwork.outbox.discard')}
                      </Button>,
                    ]
                  : []
              }
            >
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <Typography.Text strong>{t(kindLabel(item.kind))}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {item.label} · {new Date(item.createdAt).toLocaleTimeString()}
                  {item.photos.length + (item.file ? 1 : 0) > 0 && ` · ${t('gridwork.outbox.photos', { n: item.photos.length + (item.file ? 1 : 0) })}`}
                </Typography.Text>
                {item.state === 'failed' ? (
                  <Typography.Text type="danger" style={{ fontSize: 12 }}>
                    {t('gridwork.outbox.failedBecause', { reason: item.error ?? '' })}
                  </Typography.Text>
                ) : (
                  <Tag color="orange" style={{ width: 'fit-content' }}>{t('gridwork.outbox.waitingTag')}</Tag>
                )}
              </Flex>
            </List.Item>
          )}
        />
      </Drawer>
    </>
  );
}

const kinds = ['case.report', 'registry.visit', 'gridwork.patrolStart', 'gridwork.points', 'gridwork.patrolEnd', 'gridwork.log', 'gridwork.logPhoto', 'gridwork.checkIn', 'gridwork.checkOut'] as const;

function kindLabel(kind: string) {
  const known = kinds.find((k) => k === kind);
  return known ? (`gridwork.outbox.kind.${known}` as const) : ('gridwork.outbox.kind.other' as const);
}
