import type { CodeName } from '../api.ts';

/** 1.2 km, or 350 m under a kilometre. */
export function formatDistance(metres: number): string {
  return metres >= 1000 ? `${(metres / 1000).toFixed(2)} km` : `${Math.round(metres)} m`;
}

/** h:mm:ss. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(s / 3600)}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/** A share 0–1 as a percentage. */
export function formatShare(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** Select options of a code list; a tree (case classes with their subclasses) becomes option groups of the subclasses. */
export function codeOptions(list: readonly CodeName[] | undefined) {
  return (list ?? []).map((c) =>
    c.children?.length ? { label: c.name, title: c.name, options: c.children.map((s) => ({ value: s.code, label: `${s.name}（${s.code}）` })) } : { value: c.code, label: `${c.name}（${c.code}）` },
  );
}
