// What other features may use of the org feature: its API types and calls, and the
// pickers and labels other screens embed. Pages stay private (each is its own chunk).
export * from './api.ts';
export { OrgNodeSelect, UnderFilter } from './components/org-node-select.tsx';
export { useScopeNodes, type ScopeNodes } from './components/use-scope-nodes.ts';
export { DutyTag, dutyLabel, GridKindTag, gridKindColors, gridKindLabel } from './components/org-labels.tsx';
