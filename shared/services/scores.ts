/** Live scores and the year-end aggregation (tổng hợp, xếp hạng cuối năm). */
import { assertMayAccessUnit, assertMayActOnCampaign } from '../domain/auth.js';
import { yearIn } from '../domain/calendar.js';
import { lineageShares } from '../domain/lineage.js';
import { summarize } from '../domain/report.js';
import { scoreUnit } from '../domain/scoring.js';
import type { Actor, CampaignYear, Task } from '../domain/types.js';
import { type CarryOver, computeRankings, presentScore, rankingDigest } from '../domain/year-results.js';
import type { AggregationRun, Deps } from '../ports.js';
import {
  allCampaignYears,
  assertNotFinalized,
  assertUnitActive,
  cutOffOf,
  loadCampaign,
  loadCampaignYear,
  loadUnit,
  unitsOfYear,
} from './context.js';
import { electedByCluster } from './round.js';
import { buildScorecardBundle } from './scorecard.js';

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

export interface AggregationRequest {
  campaignId?: string;
  year?: number;
  trigger: AggregationRun['trigger'];
  startedBy: string;
  /** Who asked, when a person did: staff limited to some campaigns run only theirs. */
  actor?: Actor;
  runId: string;
  /** The last run of a year being finalized: the only run a finalized year takes. */
  finalizing?: boolean;
}

/**
 * One run of the year-end aggregation. Safe to repeat (EventBridge delivers at least once) and to
 * re-run after an interruption: rankings are a function of the inputs and are written under fixed keys.
 */
/** No run outlives this: the aggregation function's timeout in AWS is 5 minutes, Lambda's ceiling 15. */
const RUN_LEASE_MS = 15 * 60_000;

/** A run as it stands at `now`: one still "running" past its lease died without a word, and is shown as failed. */
export const runAsOf = (run: AggregationRun, now: Date): AggregationRun =>
  run.status === 'running' && run.leaseUntil !== null && Date.parse(run.leaseUntil) < now.getTime()
    ? { ...run, status: 'failed', error: 'Lượt chạy bị gián đoạn: quá thời hạn mà không kết thúc (có thể chạy lại)' }
    : run;

export async function runAggregation(deps: Deps, request: AggregationRequest): Promise<AggregationRun> {
  const campaign = await loadCampaign(deps, request.campaignId);
  if (request.actor) assertMayActOnCampaign(request.actor, campaign.campaignId);
  const year = request.year ?? yearIn(deps.clock.now(), campaign.timeZone);
  const cy = await loadCampaignYear(deps, campaign, year);
  if (!request.finalizing) await assertNotFinalized(deps, campaign, year);
  const run: AggregationRun = {
    campaignId: campaign.campaignId,
    year,
    runId: request.runId,
    trigger: request.trigger,
    status: 'running',
    startedAt: deps.clock.now().toISOString(),
    finishedAt: null,
    leaseUntil: new Date(deps.clock.now().getTime() + RUN_LEASE_MS).toISOString(),
    startedBy: request.startedBy,
    counts: null,
    error: null,
  };
  await deps.results.putRun(run);
  try {
    const [all, units, tasks, current] = await Promise.all([
      deps.catalogue.listUnits({}),
      unitsOfYear(deps, campaign.campaignId, cy),
      tasksOf(deps, cy),
      deps.submissions.currentFigures(campaign.campaignId, year),
    ]);
    const day = cutOffOf(cy);
    const carry: CarryOver = {
      style: campaign.results ?? 'points',
      ceased: all.filter((u) => u.validTo !== null && u.validTo >= `${year}-01-01` && u.validTo < day),
      rule: campaign.lineage?.rule ?? 'mean',
      shares: lineageShares(all),
      elected: await electedByCluster(deps, campaign, cy, deps.clock.now()),
    };
    const { rankings, scores } = computeRankings(units, cy, tasks, current.figures, carry);
    const digest = rankingDigest(rankings);
    const summary = summarize(units, scores, cy);
    const itemsWritten = await deps.results.writeResults(campaign.campaignId, year, { rankings, summary, digest });
    const finishedAt = deps.clock.now().toISOString();
    let bundle: AggregationRun['bundle'] = null;
    if (deps.blobs) {
      const { zip, sha256 } = buildScorecardBundle(
        {
          run: { campaignId: campaign.campaignId, campaignName: campaign.name, year, runId: run.runId, finishedAt },
          cy,
          tasks,
          style: carry.style ?? 'points',
          rule: carry.rule,
          units,
          ceased: carry.ceased,
          shares: carry.shares,
          figures: current.figures,
          elected: carry.elected,
        },
        { scores, rankings, summary, digest },
      );
      const key = `scorecards/${campaign.campaignId}/${year}/${run.runId}.zip`;
      await deps.blobs.put(key, zip, 'application/zip');
      bundle = { key, sha256, bytes: zip.length };
    }
    const done: AggregationRun = {
      ...run,
      status: 'succeeded',
      finishedAt,
      leaseUntil: null,
      bundle,
      counts: {
        units: rankings.length,
        figures: current.figures.length,
        itemsRead: units.length + current.itemsRead,
        itemsWritten,
        rankingDigest: digest,
      },
    };
    await deps.results.putRun(done);
    return done;
  } catch (e) {
    await deps.results.putRun({
      ...run,
      status: 'failed',
      finishedAt: deps.clock.now().toISOString(),
      leaseUntil: null,
      error: e instanceof Error ? e.message : String(e),
    });
    throw e;
  }
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
