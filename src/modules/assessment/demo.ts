// The demo's assessment: placeholder until the loader is written.
import type { DemoContext } from '../../platform/module.ts';

export async function loadAssessmentDemo(_demo: DemoContext): Promise<void> {}
