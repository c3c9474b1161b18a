import { Flex, Select, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { orgApi, type OrgNode } from '../api.ts';
import type { OrgLevel } from '../api.ts';
import { useT } from '../../../platform/i18n/index.tsx';
import { useDebouncedSearch } from '../../../platform/use-debounced-search.ts';
import type { ListParams } from '../../../platform/components/list-filters.tsx';
import { useScopeNodes } from './use-scope-nodes.ts';

interface OrgNodeSelectProps {
  value?: string;
  onChange?: (code: string | undefined, node: OrgNode | undefined) => void;
  /** Only nodes of these levels can be picked (all levels when omitted). */
  levels?: OrgLevel[];
  /** Offered before the user types. */
  suggestions?: OrgNode[];
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  testId?: string;
}

/** Picks an org node by typing part of its name or code (server-side search). */
export function OrgNodeSelect({ value, onChange, levels, suggestions = [], placeholder, allowClear, style, testId }: OrgNodeSelectProps) {
  const t = useT();
  const [results, setResults] = useState<OrgNode[] | null>(null);
  const [known, setKnown] = useState<Map<string, OrgNode>>(new Map());

  const remember = (nodes: OrgNode[]) =>
    setKnown((previous) => {
      const next = new Map(previous);
      for (const node of nodes) next.set(node.code, node);
      return next;
    });

  // A value set from outside (URL, default) still needs its name.
  useEffect(() => {
    if (!value || known.has(value)) return;
    const abort = new AbortController();
    orgApi.orgNode(value, abort.signal).then(
      (node) => remember([node]),
      () => undefined,
    );
    return () => abort.abort();
  }, [value, known]);

  const { searching, onSearch } = useDebouncedSearch(
    async (query, signal) => {
      const nodes = await orgApi.orgSearch(query, signal);
      return levels ? nodes.filter((n) => levels.includes(n.level)) : nodes;
    },
    (nodes) => {
      if (nodes) remember(nodes);
      setResults(nodes);
    },
  );

  const shown = results ?? suggestions;
  const options = useMemo(() => {
    const list = [...shown];
    const selected = value ? known.get(value) : undefined;
    if (selected && !list.some((n) => n.code === selected.code)) list.unshift(selected);
    return list.map((node) => ({ value: node.code, label: node.name, node }));
  }, [shown, value, known]);

  return (
    <Select<string, (typeof options)[number]>
      showSearch={{ filterOption: false, onSearch }}
      aria-label={placeholder}
      value={value}
      onChange={(code, option) => {
        const picked = Array.isArray(option) ? undefined : option?.node;
        onChange?.(code, picked ?? (code ? known.get(code) : undefined));
      }}
      onClear={() => setResults(null)}
      placeholder={placeholder}
      allowClear={allowClear}
      style={style}
      options={options}
      data-testid={testId}
      notFoundContent={searching ? <Spin size="small" /> : <Typography.Text type="secondary">{t('org.noResults')}</Typography.Text>}
      optionRender={(option) => {
        const node = option.data.node;
        return (
          <Flex justify="space-between" gap={12}>
            <span>{node.name}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`level.${node.level}`)} · {node.code}
            </Typography.Text>
          </Flex>
        );
      }}
    />
  );
}

interface UnderFilterProps {
  list: Pick<ListParams, 'params' | 'update'>;
  /** Offered levels; every level when not given. */
  levels?: OrgLevel[];
  placeholder: string;
  width: number;
  testId?: string;
}

/** A list's filter by part of the org tree (the `under` search param), suggesting the user's own nodes. */
export function UnderFilter({ list, levels, placeholder, width, testId }: UnderFilterProps) {
  const scope = useScopeNodes();
  return (
    <OrgNodeSelect
      value={list.params.get('under') ?? undefined}
      onChange={(code) => list.update({ under: code })}
      levels={levels}
      suggestions={scope.data?.suggestions}
      placeholder={placeholder}
      allowClear
      style={{ width }}
      testId={testId}
    />
  );
}
