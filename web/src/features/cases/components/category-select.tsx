import { Cascader, Flex, Select, Typography, type CascaderProps, type RefSelectProps } from 'antd';
import { useMemo, useState, type CSSProperties, type Ref } from 'react';
import { casesApi, type CaseCategory } from '../api.ts';
import { useT } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';

/** The category tree (classes with their subclasses): it changes rarely, so it loads once and every picker shares it. */
export function useCaseCategories() {
  return useApiQuery(['cases', 'categories', 'active'], (signal) => casesApi.categories({}, signal), { staleTime: Infinity });
}

/** Each category's name and its class's code (null for a class), by code. */
export function useCategoryNames(): Map<string, { name: string; className: string | null; parent: string | null }> {
  const tree = useCaseCategories();
  return useMemo(() => {
    const map = new Map<string, { name: string; className: string | null; parent: string | null }>();
    for (const cls of tree.data ?? []) {
      map.set(cls.code, { name: cls.name, className: null, parent: null });
      for (const sub of cls.children ?? []) map.set(sub.code, { name: sub.name, className: cls.name, parent: cls.code });
    }
    return map;
  }, [tree.data]);
}

/** Every subclass, with its class's name. */
export function subclassesOf(tree: readonly CaseCategory[]): (CaseCategory & { className: string })[] {
  return tree.flatMap((cls) => (cls.children ?? []).map((sub) => ({ ...sub, className: cls.name })));
}

/** Whether a category matches what was typed: Chinese, full pinyin (lajiluandui), initials (ljld) or a keyword. */
export function matchesCategory(category: CaseCategory, typed: string): boolean {
  const q = typed.trim().toLowerCase().replace(/\s+/g, '');
  if (!q) return true;
  return (
    category.name.includes(q) ||
    category.namePinyin.startsWith(q) ||
    category.namePinyin.includes(q) ||
    category.nameInitials.startsWith(q) ||
    category.keywords.split(/\s+/).some((k) => k && k.includes(q)) ||
    category.code === q
  );
}

interface CategoryFilterProps {
  /** [classCode] or [classCode, subclassCode]. */
  value?: string[];
  onChange?: (value: string[] | undefined) => void;
  placeholder?: string;
  style?: CSSProperties;
  /** Only subclasses may be picked (reporting); otherwise a class alone filters too. */
  leafOnly?: boolean;
  size?: CascaderProps['size'];
  disabled?: boolean;
  testId?: string;
  /** Given by a Form.Item, so that its label names the field. */
  id?: string;
}

/** Class → subclass picker, searchable by name and pinyin. */
export function CategoryCascader({ value, onChange, placeholder, style, leafOnly = false, size, disabled, testId, id }: CategoryFilterProps) {
  const t = useT();
  const tree = useCaseCategories();
  const options = useMemo(
    () =>
      (tree.data ?? []).map((cls) => ({
        value: cls.code,
        label: cls.name,
        category: cls,
        children: (cls.children ?? []).filter((c) => c.active).map((sub) => ({ value: sub.code, label: sub.name, category: sub })),
      })),
    [tree.data],
  );
  return (
    <Cascader
      options={options}
      value={value}
      onChange={(next) => onChange?.(next && next.length > 0 ? next.map(String) : undefined)}
      changeOnSelect={!leafOnly}
      placeholder={placeholder ?? t('case.list.categoryPlaceholder')}
      id={id}
      aria-label={id ? undefined : (placeholder ?? t('case.list.categoryPlaceholder'))}
      allowClear
      size={size}
      disabled={disabled}
      loading={tree.isFetching}
      style={style}
      data-testid={testId}
      showSearch={{
        filter: (input, path) => path.some((option) => matchesCategory((option as { category: CaseCategory }).category, input)),
      }}
    />
  );
}

interface CategorySearchProps {
  value?: string;
  onChange?: (code: string | undefined, category: CaseCategory | undefined) => void;
  placeholder?: string;
  autoFocus?: boolean;
  selectRef?: Ref<RefSelectProps>;
  testId?: string;
}

/** A subclass found by typing (中文, pinyin or initials), for keyboard-first intake. */
export function CategorySearch({ value, onChange, placeholder, autoFocus, selectRef, testId }: CategorySearchProps) {
  const t = useT();
  const tree = useCaseCategories();
  const [typed, setTyped] = useState('');
  const all = useMemo(() => subclassesOf(tree.data ?? []).filter((c) => c.active), [tree.data]);
  const shown = useMemo(() => all.filter((c) => matchesCategory(c, typed)).slice(0, 30), [all, typed]);
  return (
    <Select<string>
      ref={selectRef}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      value={value}
      onChange={(code) => onChange?.(code, all.find((c) => c.code === code))}
      onClear={() => onChange?.(undefined, undefined)}
      allowClear
      autoFocus={autoFocus}
      defaultActiveFirstOption
      loading={tree.isFetching}
      placeholder={placeholder ?? t('case.hotline.categoryPlaceholder')}
      data-testid={testId}
      options={shown.map((c) => ({ value: c.code, label: `${c.name}（${c.className}）`, category: c }))}
      optionRender={(option) => {
        const category = (option.data as { category: CaseCategory & { className: string } }).category;
        return (
          <Flex justify="space-between" gap={12}>
            <span>
              {category.name}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {' '}
                · {category.className}
              </Typography.Text>
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {category.nameInitials}
            </Typography.Text>
          </Flex>
        );
      }}
    />
  );
}
