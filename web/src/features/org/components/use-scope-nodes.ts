import { orgApi, type OrgNode } from '../api.ts';
import { useAuth } from '../../../platform/auth.tsx';
import type { OrgLevel } from '../api.ts';
import { useApiQuery } from '../../../platform/query.ts';

export interface ScopeNodes {
  /** The org nodes the user's grants are on (grid grants are skipped). */
  roots: OrgNode[];
  /** Nodes worth offering in a picker: the user's street/community nodes and those just below. */
  suggestions: OrgNode[];
}

const pickable: OrgLevel[] = ['street', 'community'];

/**
 * The part of the tree the signed-in user works in, for default picks and picker suggestions.
 * Walks down single-child chains (北京市 → 市辖区 → 海淀区) so an admin gets the district's streets.
 */
export function useScopeNodes(): { data: ScopeNodes | undefined; loading: boolean } {
  const { me } = useAuth();
  const grantCodes = [...new Set((me?.grants ?? []).map((g) => g.orgCode))];
  const key = grantCodes.join(',');
  const { data, isFetching: loading } = useApiQuery(
    ['org', 'orgChildren', 'derived', me?.id, key],
    me
      ? async (signal: AbortSignal): Promise<ScopeNodes> => {
          let roots: OrgNode[];
          if (grantCodes.includes('')) {
            roots = await orgApi.orgChildren(undefined, signal);
          } else {
            const found = await Promise.all(grantCodes.map((code) => orgApi.orgNode(code, signal).catch(() => null)));
            roots = found.filter((n): n is NonNullable<typeof n> => n !== null);
          }
          let level = roots;
          for (let depth = 0; depth < 4 && level.length === 1; depth++) {
            const only = level[0];
            if (!only || pickable.includes(only.level) || only.level === 'department') break;
            level = await orgApi.orgChildren(only.code, signal);
          }
          const suggestions = [...level];
          if (level.length === 1 && level[0]?.level === 'street') {
            suggestions.push(...(await orgApi.orgChildren(level[0].code, signal)));
          }
          return { roots, suggestions: suggestions.filter((n) => pickable.includes(n.level)) };
        }
      : null,
  );
  return { data, loading };
}
