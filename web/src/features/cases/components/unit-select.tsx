import { Flex, Select, Spin, Typography } from 'antd';
import { useMemo, useState, type CSSProperties } from 'react';
import { orgApi, type OrgNode } from '../../org/index.ts';
import type { UnitRef } from '../api.ts';
import { useT } from '../../../platform/i18n/index.tsx';
import { useDebouncedSearch } from '../../../platform/use-debounced-search.ts';

export interface UnitOption extends UnitRef {
  /** Which group the option is listed under: the routing proposal, the case's own area, or a search result. */
  group: 'proposal' | 'local' | 'search';
  /** Shown beside the name: level or kind. */
  hint?: string;
}

interface CaseUnitSelectProps {
  value?: string | string[];
  onChange?: (value: string | string[] | undefined) => void;
  /** Offered before the user types (proposal first). */
  options: UnitOption[];
  multiple?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  testId?: string;
}

/**
 * Picks handling units: the routing proposal and the case's own grid, community and street
 * are offered at once; streets, communities and departments are found by name.
 */
export function CaseUnitSelect({ value, onChange, options, multiple = false, placeholder, style, testId }: CaseUnitSelectProps) {
  const t = useT();
  const [results, setResults] = useState<OrgNode[]>([]);
  // Units found earlier keep their names once picked, after the search text is gone.
  const [known, setKnown] = useState<Map<string, UnitOption>>(new Map());
  const { searching, onSearch } = useDebouncedSearch(
    (text, signal) => orgApi.orgSearch(text, signal),
    (nodes) => {
      const units = (nodes ?? []).filter((n) => n.level === 'street' || n.level === 'community' || n.level === 'department' || n.level === 'district');
      setResults(units);
      setKnown((previous) => {
        const next = new Map(previous);
        for (const n of units) next.set(n.code, { code: n.code, name: n.name, group: 'search', hint: t(`level.${n.level}`) });
        return next;
      });
    },
  );

  const grouped = useMemo(() => {
    const seen = new Set<string>();
    const selected = (Array.isArray(value) ? value : value ? [value] : []).map((code) => known.get(code)).filter((u): u is UnitOption => u !== undefined);
    const all: UnitOption[] = [
      ...options,
      ...results.map((n) => ({ code: n.code, name: n.name, group: 'search' as const, hint: t(`level.${n.level}`) })),
      ...selected,
    ].filter((o) => (seen.has(o.code) ? false : (seen.add(o.code), true)));
    return (['proposal', 'local', 'search'] as const)
      .map((group) => ({
        label: t(`case.act.unitGroup.${group}`),
        title: group,
        options: all.filter((o) => o.group === group).map((o) => ({ value: o.code, label: o.name, unit: o })),
      }))
      .filter((g) => g.options.length > 0);
  }, [options, results, known, value, t]);

  return (
    <Select<string | string[]>
      mode={multiple ? 'multiple' : undefined}
      showSearch={{ filterOption: false, onSearch }}
      value={value}
      onChange={(next) => onChange?.(next)}
      placeholder={placeholder}
      allowClear
      style={style}
      options={grouped}
      data-testid={testId}
      notFoundContent={searching ? <Spin size="small" /> : <Typography.Text type="secondary">{t('case.act.unitSearchHint')}</Typography.Text>}
      optionRender={(option) => {
        const unit = (option.data as { unit?: UnitOption }).unit;
        return (
          <Flex justify="space-between" gap={12}>
            <span>{option.label}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {unit?.hint ? `${unit.hint} · ` : ''}
              {unit?.code}
            </Typography.Text>
          </Flex>
        );
      }}
    />
  );
}
