/**
 * The year-end aggregation (tổng hợp, xếp hạng cuối năm) as a run: asked for (an admin, a schedule, a finalization),
 * queued, executed as a job under a lease, its results written under its own id, and made the year's by one
 * conditional write — which a run that lost its lease, or ran into a finalized year, cannot pass. A request answers
 * at once with the run's id; the run's record says where it stands.
 */
import { randomUUID } from 'node:crypto';
import { assertMayActOnCampaign } from '../domain/auth.js';
import type { AwardDecision, AwardName } from '../domain/awards.js';
import { formatDateTime, yearIn } from '../domain/calendar.js';
import { DomainError, notFound } from '../domain/errors.js';
import { fileIdOf } from '../domain/evidence-files.js';
import { RUN_STEP_LABELS } from '../domain/labels.js';
import { lineageShares } from '../domain/lineage.js';
import { summarize } from '../domain/report.js';
import type { PdfSignature } from '../domain/signatures.js';
import type { Actor, Campaign, CampaignYear } from '../domain/types.js';
import { type CarryOver, computeRankings, type RunProgress, rankingDigest } from '../domain/year-results.js';
import type { AggregationRun, Deps } from '../ports/index.js';
import {
  assertNotFinalized,
  auditEntry,
  changedMeanwhile,
  cutOffOf,
  loadCampaign,
  loadCampaignYear,
  unitsOfYear,
} from './context.js';
import { voteDecisions } from './round.js';
import { buildScorecardBundle, bundleFiles } from './scorecard.js';
import { tasksOf } from './scores.js';

export interface AggregationRequest {
  campaignId?: string;
  year?: number;
  trigger: AggregationRun['trigger'];
  startedBy: string;
  /** Who asked, when a person did: staff limited to some campaigns run only theirs. */
  actor?: Parameters<typeof assertMayActOnCampaign>[0];
  runId: string;
  /** The run a year's finalization waits for: the only run a finalized year takes. */
  finalizing?: boolean;
}

/** No run outlives this: the aggregation function's timeout in AWS is 5 minutes, Lambda's ceiling 15. */
const RUN_LEASE_MS = 15 * 60_000;
/** Results of runs no longer the year's are removed this long after they ended: readers are done with them by then. */
const KEEP_SUPERSEDED_MS = 15 * 60_000;

/** A run as it stands at `now`: one running past its lease, or queued as long, died without a word: shown as failed. */
export const runAsOf = (run: AggregationRun, now: Date): AggregationRun => {
  const since = run.status === 'running' ? run.leaseUntil : run.status === 'queued' ? run.startedAt : null;
  const deadline = since && (run.status === 'queued' ? Date.parse(since) + RUN_LEASE_MS : Date.parse(since));
  return deadline && deadline < now.getTime()
    ? { ...run, status: 'failed', error: 'Lượt chạy bị gián đoạn: quá thời hạn mà không kết thúc (có thể chạy lại)' }
    : run;
};

/** A run as people read it: local times, the step it is at, and where to ask again. */
export const presentRun = (stored: AggregationRun, campaign: Campaign, now: Date) => {
  const run = runAsOf(stored, now);
  return {
    ...run,
    startedAtLocal: formatDateTime(run.startedAt, campaign.timeZone),
    finishedAtLocal: run.finishedAt ? formatDateTime(run.finishedAt, campaign.timeZone) : null,
    progressLabel: run.status === 'running' && run.progress ? RUN_STEP_LABELS[run.progress.step] : null,
    statusUrl: `/v1/aggregations/${run.year}/runs/${run.runId}?campaignId=${encodeURIComponent(run.campaignId)}`,
  };
};

/**
 * Asks for a run and answers at once: who may, for which year, recorded as queued and handed to the job runner. A
 * deployment without one (the seed, tests on the in-memory stores) runs it within the call.
 */
export async function requestAggregation(deps: Deps, request: AggregationRequest): Promise<AggregationRun> {
  const campaign = await loadCampaign(deps, request.campaignId);
  if (request.actor) assertMayActOnCampaign(request.actor, campaign.campaignId);
  const year = request.year ?? yearIn(deps.clock.now(), campaign.timeZone);
  await loadCampaignYear(deps, campaign, year);
  if (!request.finalizing) await assertNotFinalized(deps, campaign, year);
  const run: AggregationRun = {
    campaignId: campaign.campaignId,
    year,
    runId: request.runId,
    trigger: request.trigger,
    status: 'queued',
    startedAt: deps.clock.now().toISOString(),
    finishedAt: null,
    leaseUntil: null,
    startedBy: request.startedBy,
    ...(request.actor?.name ? { startedByName: request.actor.name } : {}),
    ...(request.finalizing ? { finalizing: true } : {}),
    progress: null,
    counts: null,
    error: null,
  };
  await deps.results.putRun(run);
  const job = { kind: 'aggregation' as const, campaignId: run.campaignId, year, runId: run.runId };
  if (!deps.jobs) return executeAggregation(deps, job);
  await deps.jobs.start(job);
  return run;
}

/** Asks for a run and waits for it: the schedule's run (already a job of its own), the seed, benchmarks. */
export const runAggregation = (deps: Deps, request: AggregationRequest) =>
  requestAggregation({ ...deps, jobs: undefined }, request);

/** What the ranking does not decide, for a year's run: the clusters' votes and the admin's recorded decisions on ties. */
async function decisionsOf(deps: Deps, campaign: Campaign, cy: CampaignYear) {
  const [votes, ties] = await Promise.all([
    voteDecisions(deps, campaign, cy, deps.clock.now()),
    deps.catalogue.listTieDecisions(campaign.campaignId, cy.year),
  ]);
  const decisions = new Map<string, Partial<Record<AwardName, AwardDecision>>>(votes);
  for (const t of ties) {
    const group = decisions.get(t.group) ?? {};
    // Where the cluster voted on an award, its vote decides it.
    if (!group[t.award]) decisions.set(t.group, { ...group, [t.award]: { by: 'admin', unitIds: t.unitIds } });
  }
  return { decisions, tieDecisions: ties.filter((t) => decisions.get(t.group)?.[t.award]?.by === 'admin') };
}

/**
 * Executes a queued run: claims it under a lease (a job delivered twice runs once), computes the year from its
 * current figures, writes the results and the verifiable scorecard under the run's id, and publishes them by the
 * conditional write. A run the year no longer takes ends `discarded`, changing nothing the readers see.
 */
export async function executeAggregation(
  deps: Deps,
  job: { campaignId: string; year: number; runId: string },
): Promise<AggregationRun> {
  const queued = await deps.results.getRun(job.campaignId, job.year, job.runId);
  if (!queued) throw notFound(`lượt chạy ${job.runId}`, 'runId');
  const now = () => deps.clock.now();
  const step = (s: RunProgress['step']): RunProgress => ({ step: s, at: now().toISOString() });
  let run: AggregationRun = {
    ...queued,
    status: 'running',
    leaseUntil: new Date(now().getTime() + RUN_LEASE_MS).toISOString(),
    progress: step('reading'),
  };
  if (!(await deps.results.startRun(run, now())))
    return (await deps.results.getRun(job.campaignId, job.year, job.runId))!;
  const advance = async (s: RunProgress['step']) => {
    run = { ...run, progress: step(s) };
    await deps.results.putRun(run);
  };
  try {
    const campaign = await loadCampaign(deps, run.campaignId);
    const cy = await loadCampaignYear(deps, campaign, run.year);
    const [all, units, tasks, current, { decisions, tieDecisions }] = await Promise.all([
      deps.catalogue.listUnits({}),
      unitsOfYear(deps, campaign.campaignId, cy),
      tasksOf(deps, cy),
      deps.submissions.currentFigures(campaign.campaignId, run.year),
      decisionsOf(deps, campaign, cy),
    ]);
    // The cited files' signatures are read while the figures are scored and the bundle's unit files made (only the
    // public pages and the bundle's evidence-signatures.json need them).
    const signaturesRead = signaturesOfEvidence(deps, current.signedFiles);
    signaturesRead.catch(() => undefined); // awaited below; a failure before then must not go unhandled
    await advance('scoring');
    const day = cutOffOf(cy);
    const carry: CarryOver = {
      style: campaign.results ?? 'points',
      ceased: all.filter((u) => u.validTo !== null && u.validTo >= `${run.year}-01-01` && u.validTo < day),
      rule: campaign.lineage?.rule ?? 'mean',
      shares: lineageShares(all),
      decisions,
    };
    const { rankings, scores, ceased } = computeRankings(units, cy, tasks, current.figures, carry);
    const digest = rankingDigest(rankings);
    const summary = summarize(units, scores, cy);
    await advance('writing');
    const finishedAt = now().toISOString();
    const built = await buildScorecardBundle(
      {
        run: {
          campaignId: campaign.campaignId,
          campaignName: campaign.name,
          year: run.year,
          runId: run.runId,
          finishedAt,
        },
        cy,
        tasks,
        style: carry.style ?? 'points',
        rule: carry.rule,
        units,
        ceased: carry.ceased,
        shares: carry.shares,
        figures: current.figures,
        decisions,
        tieDecisions,
        evidenceSignatures: signaturesRead,
      },
      { scores, rankings, summary, digest, ceased },
    );
    const { pages } = built;
    const files = bundleFiles(built, await signedManifest(deps, built.manifest, now()));
    const key = `scorecards/${campaign.campaignId}/${run.year}/${run.runId}.zip`;
    // The table's results and the bundle's bytes at once (a fixed time in every ZIP entry: its bytes depend on the
    // run's content and the signature only).
    const [itemsWritten, kept] = await Promise.all([
      deps.results.writeResults(campaign.campaignId, run.year, run.runId, { rankings, summary, digest, pages }),
      deps.blobs?.putArchive(key, files, built.at),
    ]);
    const bundle = kept ? { key, ...kept } : null;
    const counts = {
      units: rankings.length,
      figures: current.figures.length,
      itemsRead: units.length + current.itemsRead,
      itemsWritten,
      rankingDigest: digest,
    };
    await advance('publishing');
    const refused = await deps.results.publishResults(run, now());
    const done: AggregationRun = {
      ...run,
      status: refused ? 'discarded' : 'succeeded',
      finishedAt: now().toISOString(),
      leaseUntil: null,
      progress: null,
      bundle,
      counts,
      error: refused ? DISCARDED[refused] : null,
    };
    await deps.results.putRun(done);
    if (!refused) {
      if (run.finalizing) await recordFinalRun(deps, campaign, done);
      await deps.results.pruneResults(campaign.campaignId, run.year, new Date(now().getTime() - KEEP_SUPERSEDED_MS));
    }
    return done;
  } catch (e) {
    await deps.results.putRun({
      ...run,
      status: 'failed',
      finishedAt: now().toISOString(),
      leaseUntil: null,
      progress: null,
      error: e instanceof Error ? e.message : String(e),
    });
    throw e;
  }
}

const DISCARDED: Record<NonNullable<Awaited<ReturnType<Deps['results']['publishResults']>>>, string> = {
  finalized: 'Năm đã chốt kết quả chính thức trong khi lượt này chạy: kết quả chính thức giữ nguyên',
  superseded: 'Đã có kết quả của lượt chạy bắt đầu sau lượt này: kết quả đó giữ nguyên',
  'lease-lost': 'Lượt chạy quá thời hạn hoặc đã được lượt khác tiếp quản: không công bố kết quả',
};

/** The finalization's own run is in: the year's final results are that run's, recorded in the year's history. */
async function recordFinalRun(deps: Deps, campaign: Campaign, run: AggregationRun) {
  const f = await deps.catalogue.getFinalization(campaign.campaignId, run.year);
  if (f?.state !== 'final' || f.pendingRunId !== run.runId) return;
  const { revision, ...before } = f;
  const record = { ...before, runId: run.runId, rankingDigest: run.counts?.rankingDigest ?? null, pendingRunId: null };
  const actor = { sub: run.startedBy, role: 'admin' as const, unitId: null };
  const entry = auditEntry(actor, deps.clock.now(), 'year-final-run', {
    after: { runId: run.runId, rankingDigest: record.rankingDigest },
  });
  if (!(await deps.catalogue.saveFinalization(record, entry, revision))) throw changedMeanwhile(run.year);
}

/** A run's record, for the console's and integrators' polling (GET …/runs/{runId}). */
export async function aggregationRun(deps: Deps, year: number, runId: string, campaignId?: string) {
  const campaign = await loadCampaign(deps, campaignId);
  const run = await deps.results.getRun(campaign.campaignId, year, runId);
  if (!run) throw notFound(`lượt chạy ${runId} năm ${year}`, 'runId');
  return presentRun(run, campaign, deps.clock.now());
}

/** A run of the year still queued or running under its lease, if any: pressing "run" again waits for that one. */
async function runUnderWay(deps: Deps, campaignId: string, year: number) {
  const now = deps.clock.now();
  return (
    (await deps.results.listRuns(campaignId, year))
      .map((r) => runAsOf(r, now))
      .find((r) => (r.status === 'queued' || r.status === 'running') && !r.finalizing) ?? null
  );
}

/** The run an admin's action asks for: the year's run under way if there is one (pressing again follows it), else a new one. */
export async function adminRun(deps: Deps, campaign: Campaign, year: number, actor: Actor) {
  return (
    (await runUnderWay(deps, campaign.campaignId, year)) ??
    (await requestAggregation(deps, {
      campaignId: campaign.campaignId,
      year,
      trigger: 'admin',
      startedBy: actor.sub,
      actor,
      runId: randomUUID(),
    }))
  );
}

/**
 * The signatures of the cited files that have any (a report records which when it cites them), as checked when they
 * were stored or re-checked since, by SHA-256: the bundle carries them, so a result says which evidence was signed.
 */
async function signaturesOfEvidence(
  deps: Deps,
  signedFiles: Array<{ unitId: string; sha256: string }>,
): Promise<Record<string, PdfSignature[]>> {
  const shaOf = new Map(signedFiles.map((f) => [fileIdOf(f.unitId, f.sha256), f.sha256]));
  const found = await deps.files.signaturesOf([...shaOf.keys()]);
  return Object.fromEntries(
    [...found].map(([id, signatures]) => [shaOf.get(id)!, signatures] as const).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

/** The board's signature of the manifest; none where the deployment signs nothing or has no certificate yet. */
async function signedManifest(deps: Deps, manifest: Uint8Array, at: Date): Promise<Uint8Array | null> {
  if (!deps.boardSigner) return null;
  try {
    return await deps.boardSigner.signDetached(manifest, at);
  } catch (e) {
    // No certificate configured (409): the run publishes its bundle unsigned rather than not at all.
    if (e instanceof DomainError && e.code === 'CONFLICT') return null;
    throw e;
  }
}
