/** Live scores, and the watchdog that tells operators a year-end run is missing. */
import { assertMayAccessUnit } from '../domain/auth.js';
import { scoreUnit } from '../domain/scoring.js';
import type { Actor, CampaignYear, Task } from '../domain/types.js';
import { presentScore } from '../domain/year-results.js';
import type { Deps } from '../ports/index.js';
import { allCampaignYears, assertUnitActive, loadCampaign, loadCampaignYear, loadUnit } from './context.js';

export async function tasksOf(deps: Deps, cy: CampaignYear): Promise<Task[]> {
  const catalogues = [...new Set(cy.criteria.flatMap((c) => (c.kind === 'task' ? [c.taskCatalogue] : [])))];
  return (await Promise.all(catalogues.map((c) => deps.catalogue.getTasks(cy.campaignId, c)))).flat();
}

export async function liveScore(deps: Deps, actor: Actor, unitId: string, year: number, campaignId?: string) {
  assertMayAccessUnit(actor, unitId);
  const campaign = await loadCampaign(deps, campaignId);
  const unit = await loadUnit(deps, unitId);
  const cy = await loadCampaignYear(deps, campaign, year);
  assertUnitActive(unit, cy);
  const [tasks, { figures }] = await Promise.all([
    tasksOf(deps, cy),
    deps.submissions.currentFigures(campaign.campaignId, year, unitId),
  ]);
  return presentScore(scoreUnit(unit, cy, tasks, figures));
}

/** How long after its due time a year-end run may still be retrying before it counts as missing. */
const RUN_GRACE_MS = 60 * 60_000;
/** How long a missed run is reported: long enough to be seen and acted on, not forever for a year long closed. */
const OVERDUE_REPORTED_MS = 30 * 86_400_000;

/**
 * The campaign years whose year-end run is due (its calendar's yearEndRunAt, plus an hour of retries) and that have
 * no successful run since: the watchdog's count, which an alarm watches (no count at all alarms too).
 */
export async function overdueYearEndRuns(deps: Deps) {
  const now = deps.clock.now().getTime();
  const overdue: Array<{ campaignId: string; year: number; dueAt: string }> = [];
  for (const { campaign, cy } of await allCampaignYears(deps)) {
    const due = Date.parse(cy.calendar.yearEndRunAt);
    if (now < due + RUN_GRACE_MS || now > due + OVERDUE_REPORTED_MS) continue;
    // A year finalized before its scheduled run has its last run already: nothing is overdue.
    if ((await deps.catalogue.getFinalization(campaign.campaignId, cy.year))?.state === 'final') continue;
    const runs = await deps.results.listRuns(campaign.campaignId, cy.year);
    if (!runs.some((r) => r.status === 'succeeded' && Date.parse(r.startedAt) >= due))
      overdue.push({ campaignId: campaign.campaignId, year: cy.year, dueAt: cy.calendar.yearEndRunAt });
  }
  return overdue;
}
