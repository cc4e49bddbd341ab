/**
 * Demo data for a first start, on any day: the three movements' structure loaded as a province would load it, and
 * their years up to today (local/seed/timeline.ts). Everything goes through the same use cases as the API, under a
 * clock set to the moment it would have happened; a start that was interrupted picks up where it stopped.
 */
import type { Deps } from '../../shared/ports/index.js';
import { demoMovement, MOVEMENTS } from './movements.js';
import { seedParticipants, seedStructure } from './structure.js';
import { seedTimeline } from './timeline.js';

export { demoEvidence, demoValue, stableFraction } from './figures.js';

export const demoCampaign = demoMovement.campaign;
export const demoTasks = demoMovement.tasks;

/** Hải Phòng's catalogue alone (its units, its years' criteria and clusters), for tests of the use cases. */
export async function seedCatalogue(deps: Deps): Promise<void> {
  await seedStructure(deps, demoMovement);
  for (const [year, p] of Object.entries(demoMovement.participants))
    await seedParticipants(deps, demoMovement, Number(year), p);
}

/** Seeds the three movements, saying what it does as it goes (in Vietnamese, for the start-up log). */
export async function seedDemo(deps: Deps, progress: (line: string) => void = () => {}): Promise<void> {
  for (const m of MOVEMENTS)
    if (await seedStructure(deps, m))
      progress(`${m.campaign.province} (${m.campaign.documentNumber}): danh mục đơn vị và bộ tiêu chí đã nạp`);
  // The movements share nothing but the unit registry (loaded above): their years go side by side.
  // Every movement's work ends before a failure is reported: nothing is left writing to a store being closed.
  const outcomes = await Promise.allSettled(MOVEMENTS.map((m) => seedTimeline(deps, m, progress)));
  const failed = outcomes.find((o) => o.status === 'rejected');
  if (failed) throw failed.reason;
}
