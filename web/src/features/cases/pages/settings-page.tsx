import { SettingOutlined } from '@ant-design/icons';
import { Card, Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { CaseSettingsCalendar } from '../components/settings-calendar.tsx';
import { CaseSettingsCategories } from '../components/settings-categories.tsx';
import { CaseSettingsGeneral } from '../components/settings-general.tsx';
import { CaseSettingsMatrix } from '../components/settings-matrix.tsx';
import { CaseSettingsTimeLimits } from '../components/settings-time-limits.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';

const tabs = ['categories', 'timeLimits', 'calendar', 'matrix', 'general'] as const;
type SettingsTab = (typeof tabs)[number];

/** 事件设置 (case.configure): categories, time limits, the working-day calendar, the responsibility matrix and other parameters. */
export function CaseSettingsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab: SettingsTab = tabs.find((x) => x === params.get('tab')) ?? 'categories';
  const panes: Record<SettingsTab, () => ReactNode> = {
    categories: () => <CaseSettingsCategories />,
    timeLimits: () => <CaseSettingsTimeLimits />,
    calendar: () => <CaseSettingsCalendar />,
    matrix: () => <CaseSettingsMatrix />,
    general: () => <CaseSettingsGeneral />,
  };
  return (
    <Card title={<><SettingOutlined /> {t('case.settings.title')}</>}>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'categories' ? {} : { tab: key }, { replace: true })}
        destroyOnHidden
        items={tabs.map((x) => ({ key: x, label: t(`case.settings.tab.${x}`), children: panes[x]() }))}
        data-testid="case-settings-tabs"
      />
    </Card>
  );
}
