import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import { App, Badge, Button, Empty, Flex, List, Popover, Tooltip, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { casesApi, type AppNotification } from '../api.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { formatDateTime } from '../../../platform/components/labels.tsx';

// ---- One live stream per tab, heard by any screen that wants to refresh ----

type Listener = (notification: AppNotification) => void;
const listeners = new Set<Listener>();

/** Calls `listener` for every notification that arrives live (the bell owns the stream). */
export function useLiveNotifications(listener: Listener): void {
  const ref = useRef(listener);
  useEffect(() => {
    ref.current = listener;
  });
  useEffect(() => {
    const forward: Listener = (n) => ref.current(n);
    listeners.add(forward);
    return () => {
      listeners.delete(forward);
    };
  }, []);
}

/** Where a notification's link leads on the surface the user is on (/m and /portal have their own case pages). */
export function notificationTarget(link: string | null, pathname: string): string | null {
  if (!link) return null;
  if (pathname.startsWith('/m')) return link.replace(/^\/console\/cases\//, '/m/cases/');
  if (pathname.startsWith('/portal')) return '/portal/mine';
  return link;
}

/** The bell as a widget of the console's and /m's header. */
export function HeaderBell() {
  return <CaseBell />;
}

/**
 * The bell in a header: unread count, the latest notifications, and a toast for each one
 * that arrives over Server-Sent Events (/api/notifications/stream).
 */
export function CaseBell({ dark = true }: { dark?: boolean }) {
  const { t, locale } = useI18n();
  const { me } = useAuth();
  const { notification } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const [items, setItems] = useState<AppNotification[]>([]);
  const [unread, setUnread] = useState(0);
  const [connected, setConnected] = useState(false);
  const [open, setOpen] = useState(false);
  // The stream must outlive page changes: read the current page and router through refs.
  const live = useRef({ pathname: location.pathname, navigate, notification });
  useEffect(() => {
    live.current = { pathname: location.pathname, navigate, notification };
  });
  const userId = me?.id;

  useEffect(() => {
    if (!userId) return;
    const controller = new AbortController();
    casesApi.notifications({ limit: 10 }, controller.signal).then(
      (result) => {
        setItems(result.items);
        setUnread(result.unread);
      },
      () => undefined,
    );
    const source = new EventSource(casesApi.notificationStreamUrl);
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.addEventListener('notification', (event: MessageEvent<string>) => {
      let arrived: AppNotification;
      try {
        arrived = JSON.parse(event.data) as AppNotification;
      } catch {
        return;
      }
      setItems((previous) => [arrived, ...previous.filter((n) => n.id !== arrived.id)].slice(0, 10));
      if (!arrived.readAt) setUnread((n) => n + 1);
      const { pathname, navigate: go, notification: toast } = live.current;
      const target = notificationTarget(arrived.link, pathname);
      toast.info({
        key: `notification-${arrived.id}`,
        title: arrived.title,
        description: arrived.body,
        placement: 'bottomRight',
        duration: 6,
        onClick: target ? () => void go(target) : undefined,
        style: target ? { cursor: 'pointer' } : undefined,
      });
      for (const listener of listeners) listener(arrived);
    });
    return () => {
      controller.abort();
      source.close();
      setConnected(false);
    };
  }, [userId]);

  const openItem = async (item: AppNotification) => {
    setOpen(false);
    if (!item.readAt) {
      setItems((previous) => previous.map((n) => (n.id === item.id ? { ...n, readAt: new Date().toISOString() } : n)));
      setUnread((n) => Math.max(0, n - 1));
      await casesApi.markRead([item.id]).catch(() => undefined);
    }
    const target = notificationTarget(item.link, location.pathname);
    if (target) void navigate(target);
  };

  const markAll = async () => {
    await casesApi.markRead().catch(() => undefined);
    setUnread(0);
    setItems((previous) => previous.map((n) => ({ ...n, readAt: n.readAt ?? new Date().toISOString() })));
  };

  if (!me) return null;
  const content = (
    <div style={{ width: 340 }} data-testid="case-bell-panel">
      <Flex justify="space-between" align="center" style={{ marginBottom: 4 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {connected ? t('case.bell.live') : t('case.bell.offline')} · {t('case.bell.unread', { n: unread })}
        </Typography.Text>
        <Button type="link" size="small" icon={<CheckOutlined />} disabled={unread === 0} onClick={() => void markAll()}>
          {t('case.bell.markAll')}
        </Button>
      </Flex>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('case.bell.empty')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          style={{ maxHeight: 380, overflow: 'auto' }}
          renderItem={(item) => (
            <List.Item
              className="gz-clickable"
              style={{ paddingInline: 8, cursor: 'pointer', background: item.readAt ? undefined : '#f0f5ff' }}
              onClick={() => void openItem(item)}
            >
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <Typography.Text strong={!item.readAt} ellipsis>
                  {item.title}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                  {item.body}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                  {formatDateTime(item.createdAt, locale)}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Popover content={content} title={t('case.bell.title')} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight">
      <Tooltip title={open ? undefined : t('case.bell.title')}>
        <Button
          type="text"
          aria-label={`${t('case.bell.title')} ${t('case.bell.unread', { n: unread })}`}
          data-testid="case-bell"
          data-unread={unread}
          data-connected={connected ? 'true' : 'false'}
          style={{ color: dark ? 'rgba(255,255,255,0.88)' : undefined, paddingInline: 6 }}
          icon={
            <Badge count={unread} size="small" offset={[2, -2]} overflowCount={99}>
              <BellOutlined style={{ fontSize: 18, color: dark ? 'rgba(255,255,255,0.88)' : undefined }} />
            </Badge>
          }
        />
      </Tooltip>
    </Popover>
  );
}
