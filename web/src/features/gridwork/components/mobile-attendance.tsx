// 考勤 on /m: check in and out where the worker stands (the browser's geolocation); the server
// refuses a point outside the grid beyond the tolerance, naming the distance. Below, leave and
// duty-swap requests.
import { ClockCircleOutlined, LoginOutlined, LogoutOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Row, Statistic } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../../platform/auth.tsx';
import { useAction } from '../../../platform/use-write.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { invalidate, useApiQuery } from '../../../platform/query.ts';
import { gridworkApi } from '../api.ts';
import { LeaveBlock } from './mobile-leave.tsx';

function here(): Promise<GeolocationPosition> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) reject(new Error('geolocation'));
    else navigator.geolocation.getCurrentPosition(resolve, reject, { enableHighAccuracy: true, timeout: 15_000, maximumAge: 30_000 });
  });
}

const timeOf = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '—');

export function AttendanceSection() {
  const { t } = useI18n();
  const { me, can } = useAuth();
  const { message } = App.useApp();
  const saving = useAction();
  const [busy, setBusy] = useState<'in' | 'out' | null>(null);
  const mine = useApiQuery(['gridwork', 'attendance', 'mine'], me && can('gridwork.write') ? (signal) => gridworkApi.myAttendance(undefined, signal) : null);
  if (!me || !can('gridwork.write')) return null;
  const today = mine.data?.today;

  const check = (which: 'in' | 'out') => {
    setBusy(which);
    return saving.run(async () => {
      const at = new Date().toISOString();
      const position = await here().catch((error: unknown) => {
        throw new Error(t('gridwork.attendance.noPosition', { reason: error instanceof Error ? error.message : String(error) }));
      });
      const result = await gridworkApi.check(which, { lng: position.coords.longitude, lat: position.coords.latitude, accuracy: Math.round(position.coords.accuracy), at });
      void message.success(result.sent ? t(which === 'in' ? 'gridwork.attendance.checkedIn' : 'gridwork.attendance.checkedOut') : t('gridwork.queued'));
      void invalidate(['gridwork', 'attendance']);
    }).finally(() => setBusy(null));
  };

  return (
    <Card size="small" title={<><ClockCircleOutlined /> {t('gridwork.attendance.title')}</>} style={{ marginBottom: 12 }} data-testid="attendance-section">
      <Row gutter={8} style={{ marginBottom: 8 }}>
        <Col span={12}>
          <Statistic title={t('gridwork.attendance.in')} value={timeOf(today?.checkInAt)} styles={{ content: { fontSize: 18 } }} />
        </Col>
        <Col span={12}>
          <Statistic title={t('gridwork.attendance.out')} value={timeOf(today?.checkOutAt)} styles={{ content: { fontSize: 18 } }} />
        </Col>
      </Row>
      <Row gutter={8}>
        <Col span={12}>
          <Button block type="primary" icon={<LoginOutlined />} loading={busy === 'in'} onClick={() => void check('in')} data-testid="check-in">
            {t('gridwork.attendance.checkIn')}
          </Button>
        </Col>
        <Col span={12}>
          <Button block icon={<LogoutOutlined />} loading={busy === 'out'} onClick={() => void check('out')} data-testid="check-out">
            {t('gridwork.attendance.checkOut')}
          </Button>
        </Col>
      </Row>
      <LeaveBlock />
    </Card>
  );
}
