/** Live scores and the year-end aggregation (tổng hợp, xếp hạng cuối năm). */
import { createHash } from 'node:crypto';
import { assertMayAccessUnit, assertMayActOnCampaign } from '../domain/auth.js';
import { yearIn } from '../domain/calendar.js';
import { carriedScore, type LineageRule, lineageShares } from '../domain/lineage.js';
import { type RankingEntry, type ResultStyle, rankUnits } from '../domain/ranking.js';
import { summarize } from '../domain/report.js';
import { type CurrentFigure, scoreUnit, type UnitScore } from '../domain/scoring.js';
import type { Actor, CampaignYear, Task, Unit } from '../domain/types.js';
import type { AggregationRun, Deps } from '../ports.js';
import { assertUnitActive, cutOffOf, loadCampaign, loadCampaignYear, loadUnit, unitsOfYear } from './context.js';

async function tasksOf(deps: Deps, cy: CampaignYear): Promise<Task[]> {
  const catalogues = [...new Set(cy.criteria.flatMap((c) => (c.kind === 'task' ? [c.taskCatalogue] : [])))];
  return (await Promise.all(catalogues.map((c) => deps.catalogue.getTasks(cy.campaignId, c)))).flat();
}

export function presentScore(score: UnitScore) {
  return {
    unitId: score.unitId,
    year: score.year,
    totalPoints: score.totalPoints,
    maxPoints: score.maxPoints,
    metAllTargets: score.metAllTargets,
    missing: score.missing,
    criteria: score.criteria.map(({ pointsCenti: _p, ratioMicro: _r, ...c }) => c),
  };
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

/** The units that ceased during a year, before its cut-off, whose figures pass to the units formed from them. */
export interface CarryOver {
  /** How the campaign expresses results (points or an index). */
  style?: ResultStyle;
  ceased: Unit[];
  rule: LineageRule;
  shares: Map<string, Array<{ unitId: string; shareMicro: number }>>;
}

/**
 * Scores and ranks a whole campaign year from current figures only: reads grow with units × criteria, not with
 * history. A unit formed during the year with no approved figure of its own takes its ceased predecessors'
 * scores, carried by the campaign's lineage rule.
 */
export function computeRankings(
  units: Unit[],
  cy: CampaignYear,
  tasks: Task[],
  figures: Array<CurrentFigure & { unitId: string }>,
  carry?: CarryOver,
): { scores: UnitScore[]; rankings: RankingEntry[] } {
  const byUnit = new Map<string, CurrentFigure[]>();
  for (const f of figures) {
    const list = byUnit.get(f.unitId);
    if (list) list.push(f);
    else byUnit.set(f.unitId, [f]);
  }
  const scored = (u: Unit) => cy.criteria.some((c) => c.levels.includes(u.level));
  const approved = (u: Unit) => (byUnit.get(u.unitId) ?? []).some((f) => f.status === 'approved');
  const ranked = units.filter(scored);
  const scores: UnitScore[] = ranked.map((u) => scoreUnit(u, cy, tasks, byUnit.get(u.unitId) ?? []));
  const carried = new Map<string, string[]>();
  if (carry) {
    const ceased = new Map(
      carry.ceased
        .filter((u) => scored(u) && approved(u))
        .map((u) => [u.unitId, scoreUnit(u, cy, tasks, byUnit.get(u.unitId) ?? [])]),
    );
    ranked.forEach((u, i) => {
      if (u.validFrom <= `${cy.year}-01-01` || approved(u)) return;
      const c = carriedScore(u.unitId, cy.year, carry.rule, carry.shares.get(u.unitId) ?? [], ceased);
      if (!c) return;
      const { carriedFrom, ...score } = c;
      scores[i] = score;
      carried.set(u.unitId, carriedFrom);
    });
  }
  const rankings = rankUnits(ranked, scores, cy.awards, carry?.style).map((e) =>
    carried.has(e.unitId) ? { ...e, carriedFrom: carried.get(e.unitId)! } : e,
  );
  return { scores, rankings };
}

export const rankingDigest = (rankings: RankingEntry[]): string =>
  createHash('sha256').update(JSON.stringify(rankings)).digest('hex');

export interface AggregationRequest {
  campaignId?: string;
  year?: number;
  trigger: AggregationRun['trigger'];
  startedBy: string;
  /** Who asked, when a person did: staff limited to some campaigns run only theirs. */
  actor?: Actor;
  runId: string;
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
    };
    const { rankings, scores } = computeRankings(units, cy, tasks, current.figures, carry);
    const digest = rankingDigest(rankings);
    const itemsWritten = await deps.results.writeResults(campaign.campaignId, year, {
      rankings,
      summary: summarize(units, scores, cy),
      digest,
    });
    const done: AggregationRun = {
      ...run,
      status: 'succeeded',
      finishedAt: deps.clock.now().toISOString(),
      leaseUntil: null,
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
