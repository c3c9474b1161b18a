// The participation demo: part-a's needs, micro-wishes, proposals and points, then part-b's
// meetings, votes, budget and convention (one line each).
import type { DemoContext } from '../../platform/module.ts';
import { loadNeedsDemo } from './needs/demo.ts';
import { loadVotingDemo } from './votes/demo.ts';

export async function loadParticipationDemo(demo: DemoContext): Promise<void> {
  demo.progress('participation');
  await loadNeedsDemo(demo);
  await loadVotingDemo(demo);
}
