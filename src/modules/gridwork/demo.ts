// Demo data of the grid worker's day: filled in below.
import type { DemoContext } from '../../platform/module.ts';

export async function loadGridworkDemo(_demo: DemoContext): Promise<void> {}
