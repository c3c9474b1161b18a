import { HomeOutlined } from '@ant-design/icons';
import { Breadcrumb } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useT } from '../../../platform/i18n/index.tsx';
import { housingPath } from './paths.ts';

export interface Crumb {
  label: ReactNode;
  to?: string;
}

/** 以房管人 › 楼栋 › 房屋 › 户 › 人: where the user is in the drill-down, each step a link back. */
export function RegistryBreadcrumb({ crumbs, root }: { crumbs: Crumb[]; root?: Crumb }) {
  const t = useT();
  const start: Crumb = root ?? { label: t('registry.menu.housing'), to: housingPath };
  return (
    <Breadcrumb
      style={{ marginBottom: 12 }}
      data-testid="registry-breadcrumb"
      items={[start, ...crumbs].map((crumb, i) => ({
        key: i,
        title: crumb.to ? (
          <Link to={crumb.to}>
            {i === 0 && <HomeOutlined style={{ marginInlineEnd: 4 }} />}
            {crumb.label}
          </Link>
        ) : (
          crumb.label
        ),
      }))}
    />
  );
}
