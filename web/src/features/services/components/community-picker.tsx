// The counter's community picker: the streets of the counter's district with their
// communities, searched by name, code, pinyin or initials (翠微路 / cuiwei / cwl).
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useT } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { servicesApi } from '../api.ts';

interface PickerNode {
  value: string;
  title: string;
  search: string;
  selectable?: boolean;
  children?: PickerNode[];
}

export function CommunityPicker({ value, onChange, id }: { value?: string; onChange?: (code: string | undefined) => void; id?: string }) {
  const t = useT();
  const streets = useApiQuery(['services', 'counter-communities'], (signal) => servicesApi.counterCommunities(signal));
  const treeData = useMemo<PickerNode[]>(
    () =>
      (streets.data ?? []).map((s) => ({
        value: s.code,
        title: s.name,
        search: s.search,
        selectable: false,
        children: s.communities.map((c) => ({ value: c.code, title: c.name, search: `${c.search} ${s.search}` })),
      })),
    [streets.data],
  );
  return (
    <TreeSelect<string>
      id={id}
      value={value}
      onChange={(code) => onChange?.(code)}
      treeData={treeData}
      loading={streets.isLoading}
      showSearch={{ filterTreeNode: (input, node) => String((node as unknown as PickerNode).search ?? '').includes(input.trim().toLowerCase()) }}
      treeDefaultExpandAll
      allowClear
      placeholder={t('services.counter.pickCommunity')}
      aria-label={t('services.field.community')}
      notFoundContent={streets.error ? streets.error.message : t('services.counter.noCommunities')}
      data-testid="counter-community"
      style={{ width: '100%' }}
    />
  );
}
