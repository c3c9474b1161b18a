// 指挥中心: the landing page of leaders and district/street staff. The area and period live in
// the URL (bookmarkable); the wall display opens the same board full screen.
import { FullscreenOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useT } from '../../../platform/i18n/index.tsx';
import { OrgNodeSelect, useScopeNodes } from '../../org/index.ts';
import type { AreaPeriod } from '../api.ts';
import { CommandBoard } from '../components/board.tsx';

/** The period in the URL as whole days (YYYY-MM-DD, `to` inclusive), as ISO instants for the API. */
export function areaPeriodOf(params: URLSearchParams): AreaPeriod {
  const from = params.get('from');
  const to = params.get('to');
  return {
    under: params.get('under') ?? undefined,
    from: from ? dayjs(from).startOf('day').toISOString() : undefined,
    to: to ? dayjs(to).add(1, 'day').startOf('day').toISOString() : undefined,
  };
}

export function CommandPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const scope = useScopeNodes();
  const area = useMemo(() => areaPeriodOf(params), [params]);
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    next.delete('page');
    setParams(next, { replace: true });
  };
  const from = params.get('from') ?? dayjs().subtract(29, 'day').format('YYYY-MM-DD');
  const to = params.get('to') ?? dayjs().format('YYYY-MM-DD');
  return (
    <Flex vertical gap={12}>
      <Flex align="center" gap={12} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('menu.command')}
        </Typography.Title>
        <OrgNodeSelect
          value={params.get('under') ?? undefined}
          onChange={(code) => set({ under: code })}
          levels={['district', 'street', 'community']}
          suggestions={scope.data?.suggestions}
          placeholder={t('command.area')}
          allowClear
          style={{ width: 240 }}
          testId="command-area"
        />
        <DatePicker.RangePicker
          allowClear={false}
          aria-label={t('command.period')}
          value={[dayjs(from), dayjs(to)]}
          onChange={(range) => range?.[0] && range[1] && set({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') })}
        />
        <div style={{ flex: 1 }} />
        <Button icon={<FullscreenOutlined />} href={`/command-wall?${params.toString()}`} data-testid="command-wall-link">
          {t('command.wall')}
        </Button>
      </Flex>
      <CommandBoard area={area} />
    </Flex>
  );
}
