// Typed calls of the command module (指挥中心), in its contract's shapes.
import { buildUrl, request, type Paged } from '../../platform/api-client.ts';
import type { Json } from '../../platform/json.ts';
import type * as contract from '#server/modules/command/contract.ts';

export type Overview = Json<contract.OverviewView>;
export type PeriodFigures = Json<contract.PeriodFigures>;
export type Trend = Json<contract.TrendView>;
export type Categories = Json<contract.CategoriesView>;
export type Ranking = Json<contract.RankingView>;
export type RankingRow = Json<contract.RankingRow>;
export type MapData = Json<contract.MapView>;
export type MapCase = Json<contract.MapCase>;
export type Warning = Json<contract.WarningView>;
export type LeaderTodo = Json<contract.LeaderTodoView>;
export type TrendBucket = contract.TrendBucket;
export type RankingGroup = contract.RankingGroup;
export type ExportTable = contract.ExportTable;
export type WarningState = contract.WarningState;
export type WarningKind = contract.WarningKind;
export type WarningRule = Json<contract.WarningRuleView>;
export type WarningRuleList = Json<contract.WarningRuleList>;

/** The area and period every figure is asked for (ISO instants; `under` defaults to the user's own area). */
export interface AreaPeriod {
  under?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

const base = '/api/command';

export const commandApi = {
  overview: (q: AreaPeriod, signal?: AbortSignal) => request<Overview>('GET', `${base}/overview`, { query: { ...q }, signal }),
  trend: (q: AreaPeriod & { bucket: TrendBucket }, signal?: AbortSignal) => request<Trend>('GET', `${base}/trend`, { query: { ...q }, signal }),
  categories: (q: AreaPeriod, signal?: AbortSignal) => request<Categories>('GET', `${base}/categories`, { query: { ...q }, signal }),
  rankings: (q: AreaPeriod & { groupBy: RankingGroup }, signal?: AbortSignal) => request<Ranking>('GET', `${base}/rankings`, { query: { ...q }, signal }),
  map: (under: string | undefined, signal?: AbortSignal) => request<MapData>('GET', `${base}/map`, { query: { under }, signal }),
  warnings: (q: { under?: string | undefined; state?: WarningState | undefined; page: number; pageSize: number }, signal?: AbortSignal) =>
    request<Paged<Warning>>('GET', `${base}/warnings`, { query: { ...q }, signal }),
  acknowledge: (id: string, note: string, version: number) => request<Warning>('POST', `${base}/warnings/${encodeURIComponent(id)}/acknowledge`, { body: { note, version } }),
  close: (id: string, note: string, version: number) => request<Warning>('POST', `${base}/warnings/${encodeURIComponent(id)}/close`, { body: { note, version } }),
  rules: (under: string | undefined, signal?: AbortSignal) => request<WarningRuleList>('GET', `${base}/rules`, { query: { under }, signal }),
  updateRule: (kind: WarningKind, body: { under?: string; enabled?: boolean; params?: Record<string, number>; version: number }) =>
    request<WarningRule>('PATCH', `${base}/rules/${kind}`, { body }),
  resetRule: (kind: WarningKind, under: string) => request<WarningRule>('DELETE', `${base}/rules/${kind}`, { query: { under } }),
  todo: (signal?: AbortSignal) => request<LeaderTodo>('GET', `${base}/todo`, { signal }),
  exportUrl: (table: ExportTable, q: AreaPeriod & { groupBy?: RankingGroup }) => buildUrl(`${base}/export/${table}`, { ...q }),
  streamUrl: (under: string | undefined) => buildUrl(`${base}/stream`, { under }),
};
