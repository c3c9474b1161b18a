// The demo loads the shipped library too (every installation gets it on first use anyway).
import type { DemoContext } from '../../platform/module.ts';
import { shippedPractices } from './records/index.ts';
import { loadPracticeLibrary } from './library.ts';

/** Loads the practice library and counts it. */
export async function loadPracticesDemo(demo: DemoContext): Promise<void> {
  demo.progress('practice library');
  await loadPracticeLibrary(demo.db);
  demo.counts.practices = shippedPractices.length;
}
