// /m/community/today: all of today's activities I signed up for, with 签到 / 签退.
import { Flex } from 'antd';
import { MobileHeader } from '../../../../platform/components/mobile-header.tsx';
import { useT } from '../../../../platform/i18n/index.tsx';
import { TodayList } from '../components/today-list.tsx';

export function MobileTodayPage() {
  const t = useT();
  return (
    <>
      <MobileHeader title={t('community.mobile.today')} back={{ to: '/m', label: t('common.backHome') }} />
      <Flex vertical gap={12} style={{ padding: 12 }}>
        <TodayList />
      </Flex>
    </>
  );
}
