/** A campaign year's results from its figures: every unit's score, the rankings, and the digest that names them. */
import { createHash } from 'node:crypto';
import type { AwardDecisions } from './awards.js';
import { carriedScore, type LineageRule } from './lineage.js';
import { type RankingEntry, type ResultStyle, rankUnits } from './ranking.js';
import { type CurrentFigure, scoreUnit, type UnitScore } from './scoring.js';
import type { PdfSignature } from './signatures.js';
import type { CampaignYear, Task, Unit } from './types.js';

export function presentScore(score: UnitScore) {
  return {
    unitId: score.unitId,
    year: score.year,
    totalPoints: score.totalPoints,
    maxPoints: score.maxPoints,
    metAllTargets: score.metAllTargets,
    approvedFigures: score.approvedFigures,
    missing: score.missing,
    criteria: score.criteria.map(({ pointsCenti: _p, ratioMicro: _r, ...c }) => c),
  };
}

/** The units that ceased during a year, before its cut-off, whose figures pass to the units formed from them. */
export interface CarryOver {
  /** How the campaign expresses results (points or an index). */
  style?: ResultStyle;
  ceased: Unit[];
  rule: LineageRule;
  shares: Map<string, Array<{ unitId: string; shareMicro: number }>>;
  /** What the ranking does not decide: the clusters' votes (bình xét) and the admin's decisions on ties. */
  decisions?: AwardDecisions;
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
): { scores: UnitScore[]; rankings: RankingEntry[]; ceased: Map<string, UnitScore> } {
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
  let ceased = new Map<string, UnitScore>();
  if (carry) {
    ceased = new Map(
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
  const rankings = rankUnits(ranked, scores, cy.awards, carry?.style, carry?.decisions).map((e) =>
    carried.has(e.unitId) ? { ...e, carriedFrom: carried.get(e.unitId)! } : e,
  );
  return { scores, rankings, ceased };
}

export const rankingDigest = (rankings: RankingEntry[]): string =>
  createHash('sha256').update(JSON.stringify(rankings)).digest('hex');

/** How a year-end run was started, and where it stands. */
export type AggregationTrigger = 'schedule' | 'admin' | 'local-schedule' | 'seed' | 'bench' | 'finalize';
/** discarded: the run finished, but its results were not made the year's (the year is final, or a newer run is). */
export type AggregationStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'discarded';
/** The steps of a run, in order: what the console shows while it polls. */
export const RUN_STEPS = ['reading', 'scoring', 'writing', 'publishing'] as const;
export type RunProgress = { step: (typeof RUN_STEPS)[number]; at: string };

/** One unit's page of a run: what its public scorecard and its award dossier show, from the run itself. */
export interface UnitPage {
  unit: Pick<Unit, 'unitId' | 'name' | 'level' | 'cluster'>;
  ranking: RankingEntry;
  score: ReturnType<typeof presentScore>;
  /** The figures the run counted (who decided is not in a public page). */
  figures: Array<
    CurrentFigure & {
      submissionId: string;
      version: number;
      decidedAt: string | null;
      fileHashes: string[];
    }
  >;
  /** A score carried from predecessors: each one's result and share. */
  predecessors: Array<{ unitId: string; name: string; totalPoints: number; maxPoints: number; shareMicro: number }>;
  /** The cited PDFs' signatures as the run found them, by SHA-256 (absent on pages of runs before signatures). */
  evidenceSignatures?: Record<string, PdfSignature[]>;
}

/**
 * A year's finalization (chốt kết quả chính thức): once `final`, the year's results are the official basis of the
 * awards and every change for that year is refused (YEAR_FINALIZED) until an admin reopens it with a reason.
 * `runId` is the last run, taken when the year was locked (null while that run has not finished).
 */
export interface Finalization {
  campaignId: string;
  year: number;
  state: 'final' | 'reopened';
  finalizedAt: string;
  finalizedBy: string;
  runId: string | null;
  rankingDigest: string | null;
  /** The run the finalization waits for (started when the year was locked): the only run a final year publishes. */
  pendingRunId?: string | null;
  reopenedAt: string | null;
  reopenReason: string | null;
}
export type ResultStatus = 'provisional' | 'final';
/** Results are final only once the year is locked and its last run is in. */
export const resultStatusOf = (f: Pick<Finalization, 'state' | 'runId'> | null): ResultStatus =>
  f?.state === 'final' && f.runId ? 'final' : 'provisional';

/**
 * An award proposal revoked (thu hồi; Chapter VII of Law 06/2022/QH15: an award won with false figures or forged
 * dossiers is revoked): the ranking keeps the unit's place, and says the award was revoked, when and why.
 */
export interface AwardRevocation {
  campaignId: string;
  year: number;
  unitId: string;
  award: string;
  reason: string;
  revokedAt: string;
  revokedBy: string;
}
