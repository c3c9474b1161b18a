// Console menu entries of the services' second part, spread into the feature's menu.
import { AuditOutlined, CalendarOutlined, DislikeOutlined, FileDoneOutlined, FileExcelOutlined, LikeOutlined, ProfileOutlined } from '@ant-design/icons';
import type { MenuEntry, MenuGroup } from '../../platform/feature.ts';
import type { centreZhCN } from './centre-i18n.zh-CN.ts';

type Key = keyof typeof centreZhCN;

/** The entries, under the feature's menu group. */
export function centreMenu<K extends string>(group: MenuGroup<K>): MenuEntry<K | Key>[] {
  return [
    { route: 'services/ratings', label: 'menu.servicesRatings', icon: <LikeOutlined />, group },
    { route: 'services/rectifications', label: 'menu.servicesRectifications', icon: <DislikeOutlined />, group },
    { route: 'services/appointments', label: 'menu.servicesAppointments', icon: <CalendarOutlined />, group },
    { route: 'services/tasks', label: 'menu.servicesTasks', icon: <AuditOutlined />, group },
    { route: 'services/certificates', label: 'menu.servicesCertificates', icon: <FileDoneOutlined />, group },
    { route: 'services/ledgers', label: 'menu.servicesLedgers', icon: <FileExcelOutlined />, group },
    { route: 'services/packages', label: 'menu.servicesPackages', icon: <ProfileOutlined />, group },
  ];
}
