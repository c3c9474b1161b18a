import { lazy, type ComponentType } from 'react';
import type { LazyComponent } from './feature.ts';

/** A named export of a module as a lazily loaded component: its module becomes its own chunk. */
export function lazyNamed<M extends Record<K, ComponentType>, K extends keyof M & string>(load: () => Promise<M>, name: K): LazyComponent {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}
