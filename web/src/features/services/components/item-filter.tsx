// A list's filter by service item (the `item` search param), searched on the server by name,
// code or pinyin.
import { Select } from 'antd';
import { useMemo, useState } from 'react';
import type { ListParams } from '../../../platform/components/list-filters.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { servicesApi } from '../api.ts';

export function ItemFilter({ list, placeholder, width }: { list: Pick<ListParams, 'params' | 'update'>; placeholder: string; width: number }) {
  const [q, setQ] = useState('');
  const value = list.params.get('item') ?? undefined;
  const found = useApiQuery(['services', 'item-filter', q], (signal) => servicesApi.items({ q: q || undefined, pageSize: 30, includeInactive: 'true' }, signal));
  const chosen = useApiQuery(['services', 'item', value], value ? (signal) => servicesApi.item(value, signal) : null);
  const options = useMemo(() => {
    const items = [...(found.data?.items ?? [])];
    if (chosen.data && !items.some((i) => i.code === chosen.data.code)) items.unshift(chosen.data);
    return items.map((i) => ({ value: i.code, label: i.name }));
  }, [found.data, chosen.data]);
  return (
    <Select<string>
      value={value}
      onChange={(code) => list.update({ item: code })}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      loading={found.isFetching}
      placeholder={placeholder}
      aria-label={placeholder}
      style={{ width }}
      options={options}
    />
  );
}
