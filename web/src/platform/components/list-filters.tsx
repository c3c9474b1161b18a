// The parts of a list page's filter bar: each filter reads and writes one search param of
// useListPage, so the filters are in the URL. A filter has no visible label: its placeholder
// names it, also for screen readers (aria-label here; platform/accessible-names.ts for the rest).
import { DatePicker, Flex, Input, Select, type FlexProps, type GetProps } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useT } from '../i18n/index.tsx';
import type { ListPage } from '../use-list-page.tsx';

type SearchProps = GetProps<typeof Input.Search>;

/** The value of a search param when it is one of `allowed`. */
export function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((v) => v === value);
}

/** What a filter needs of a list page. */
export type ListParams = Pick<ListPage<unknown, unknown>, 'params' | 'update' | 'replace'>;

/** The row of filters above a list's table. */
export function FilterBar({ children, ...props }: Omit<FlexProps, 'gap' | 'wrap'>) {
  return (
    <Flex gap={12} wrap style={{ marginBottom: 16 }} {...props}>
      {children}
    </Flex>
  );
}

interface ListSearchProps extends Omit<SearchProps, 'list' | 'value' | 'onChange' | 'onSearch' | 'enterButton'> {
  list: Pick<ListParams, 'params' | 'update'>;
  /** The search param it keeps; `q` when not given. */
  param?: string;
  enterButton?: SearchProps['enterButton'];
  'data-testid'?: string;
}

/**
 * The list's search box: typing changes only the box, Enter (or the button) puts the trimmed
 * text in the search param; the box follows the param when it changes otherwise (reset, a saved view).
 */
export function ListSearch({ list, param = 'q', enterButton, ...input }: ListSearchProps) {
  const t = useT();
  const current = list.params.get(param) ?? '';
  const [text, setText] = useState(current);
  const [shown, setShown] = useState(current);
  if (shown !== current) {
    setShown(current);
    setText(current);
  }
  return (
    <Input.Search
      allowClear
      aria-label={typeof input.placeholder === 'string' ? input.placeholder : undefined}
      {...input}
      value={text}
      onChange={(event) => setText(event.target.value)}
      onSearch={(value) => list.update({ [param]: value.trim() || undefined })}
      enterButton={enterButton ?? t('common.search')}
    />
  );
}

interface EnumFilterProps<T extends string> {
  list: Pick<ListParams, 'params' | 'update'>;
  param: string;
  values: readonly T[];
  placeholder: string;
  label: (value: T) => string;
  width: number;
}

/** One of an enum's values, kept in a search param. */
export function EnumFilter<T extends string>({ list, param, values, placeholder, label, width }: EnumFilterProps<T>) {
  return (
    <Select<T>
      value={pick(list.params.get(param), values)}
      onChange={(value) => list.update({ [param]: value })}
      allowClear
      placeholder={placeholder}
      aria-label={placeholder}
      style={{ width }}
      options={values.map((v) => ({ value: v, label: label(v) }))}
    />
  );
}

interface DateRangeFilterProps {
  list: Pick<ListParams, 'params' | 'update'>;
  /** The search params of the first and the last day (YYYY-MM-DD). */
  fromParam: string;
  toParam: string;
  /** What the dates are of (上报时间): each field is named after it. */
  label: string;
  width: number;
}

/**
 * A date range as two date fields, first and last day. Not antd's RangePicker: the Tab key
 * is trapped in it (focus moves to the end date and is pulled back), so nothing after it can be reached.
 */
export function DateRangeFilter({ list, fromParam, toParam, label, width }: DateRangeFilterProps) {
  const t = useT();
  const from = list.params.get(fromParam);
  const to = list.params.get(toParam);
  const field = (param: string, value: string | null, name: string, disabledDate: (day: dayjs.Dayjs) => boolean) => (
    <DatePicker
      value={value ? dayjs(value) : null}
      onChange={(day) => list.update({ [param]: day ? day.format('YYYY-MM-DD') : undefined })}
      placeholder={name}
      aria-label={name}
      disabledDate={disabledDate}
      style={{ width }}
    />
  );
  return (
    <>
      {field(fromParam, from, t('filter.from', { field: label }), (day) => (to ? day.isAfter(dayjs(to), 'day') : false))}
      {field(toParam, to, t('filter.to', { field: label }), (day) => (from ? day.isBefore(dayjs(from), 'day') : false))}
    </>
  );
}
