/**
 * The people's work in a year, through the same use cases as the API, each at the moment it would have happened:
 * units report, heads recommend (kiểm tra chéo), the Ban TĐKT reviews, the year-end run ranks, a unit objects and is
 * answered, the clusters vote and record their minutes, the board finalizes. Every step skips what is done already.
 */
import { fixedClock } from '../../adapters/deps.js';
import { isoDateIn, localParts, zonedTimeToUtc } from '../../shared/domain/calendar.js';
import { forEachAtMost } from '../../shared/domain/concurrency.js';
import { criteriaForLevel, slotIdOf, tasksForUnit } from '../../shared/domain/criteria.js';
import { DomainError } from '../../shared/domain/errors.js';
import { encodeSubmissionId } from '../../shared/domain/submission-id.js';
import type { Actor, Campaign, Criterion, Submission, Task, Unit, YearCluster } from '../../shared/domain/types.js';
import type { CampaignYearRecord, CountedFigure, Deps } from '../../shared/ports/index.js';
import { unitsOfYear } from '../../shared/services/context.js';
import { finalizeYear } from '../../shared/services/finalization.js';
import { decide } from '../../shared/services/reviews.js';
import { answerObjection, castBallot, fileObjection, saveMinutes, voteOf } from '../../shared/services/round.js';
import { runAggregation } from '../../shared/services/runs.js';
import { submitFigure } from '../../shared/services/submissions.js';
import { demoEvidence, demoPoints, demoValue, stableFraction } from './figures.js';
import { SEED_ADMIN } from './structure.js';

export const SEED_REVIEWER: Actor = { sub: 'seed-reviewer', role: 'reviewer', unitId: null };
const unitActor = (unitId: string): Actor => ({ sub: `seed-${unitId}`, role: 'unit', unitId });
/** Whether the seed made a report: it decides on its own reports only, never on what people did since. */
const bySeed = (s: Submission) => s.submittedBy.startsWith('seed-');

/** The year's store and settings, with a clock set to a given moment. */
export interface YearContext {
  deps: Deps;
  campaign: Campaign;
  cy: CampaignYearRecord;
  units: Unit[];
  clusters: YearCluster[];
  /** How many things the seed did in the year this time (0: it was there already). */
  changes: number;
}
export const at = (deps: Deps, instant: string | number): Deps => ({
  ...deps,
  clock: fixedClock(new Date(instant).toISOString()),
});
/** An instant moved by hours. */
export const plusHours = (instant: string | number, hours: number) => new Date(instant).getTime() + hours * 3_600_000;

/**
 * A step that may already have been done before an interruption: its refusal for that reason is no failure. Counts
 * what was done in the year.
 */
async function once(y: YearContext, step: Promise<unknown>, doneCodes: string[]): Promise<void> {
  const done = await step.then(
    () => true,
    (e: unknown) => {
      if (!(e instanceof DomainError && doneCodes.includes(e.code))) throw e;
      return false;
    },
  );
  if (done) y.changes++;
}

export async function yearContext(deps: Deps, campaign: Campaign, year: number): Promise<YearContext> {
  const cy = (await deps.catalogue.getCampaignYear(campaign.campaignId, year))!;
  const [units, clusters] = await Promise.all([
    unitsOfYear(deps, campaign.campaignId, cy),
    deps.catalogue.getYearClusters(campaign.campaignId, year),
  ]);
  return { deps, campaign, cy, units, clusters: clusters?.clusters ?? [], changes: 0 };
}

/** A unit's report slots of the year: each criterion of its level, and each task of a task criterion. */
async function slotsOf(y: YearContext, unit: Unit): Promise<Array<{ criterion: Criterion; task?: Task }>> {
  const slots: Array<{ criterion: Criterion; task?: Task }> = [];
  for (const criterion of criteriaForLevel(y.cy, unit.level)) {
    if (criterion.kind !== 'task') slots.push({ criterion });
    else
      for (const task of tasksForUnit(
        await y.deps.catalogue.getTasks(y.campaign.campaignId, criterion.taskCatalogue),
        unit,
        y.cy.year,
      ))
        slots.push({ criterion, task });
  }
  return slots;
}

/** The figures now in the year, by unit and slot. */
export async function figuresOf(y: YearContext): Promise<Map<string, CountedFigure>> {
  const { figures } = await y.deps.submissions.currentFigures(y.campaign.campaignId, y.cy.year);
  return new Map(figures.map((f) => [`${f.unitId}|${f.slotId}`, f]));
}
export const idOf = (y: YearContext, f: CountedFigure) =>
  encodeSubmissionId({
    campaignId: y.campaign.campaignId,
    year: y.cy.year,
    unitId: f.unitId,
    slotId: f.slotId,
    version: f.version,
  });

/** The local time `hour`:00 on the local day of `day`, in the campaign's time zone. */
export function atLocalHour(y: YearContext, day: number, hour: number): number {
  const tz = y.campaign.timeZone;
  return zonedTimeToUtc({ ...localParts(new Date(day), tz), hour, minute: 0, second: 0 }, tz).getTime();
}

/** A moment between 09:00 and 16:00 on the local day of `day`, the same for a unit each time (office hours). */
const officeHour = (y: YearContext, day: number, unitId: string) =>
  atLocalHour(y, day, 9) + Math.floor(stableFraction(`hour:${unitId}`) * 7 * 60) * 60_000;

/**
 * Units report on the day of `day` (each at its office hour): `share(unit)` of their slots in order (1: all),
 * skipping slots already reported.
 */
export async function report(y: YearContext, units: Unit[], day: number, share: (u: Unit) => number = () => 1) {
  const done = await figuresOf(y);
  await forEachAtMost(units, 8, async (unit) => {
    const when = officeHour(y, day, unit.unitId);
    const deps = at(y.deps, when);
    const today = isoDateIn(new Date(when), y.campaign.timeZone);
    const slots = await slotsOf(y, unit);
    for (const { criterion, task } of slots.slice(0, Math.ceil(slots.length * share(unit)))) {
      if (done.has(`${unit.unitId}|${slotIdOf(criterion.criterionId, task?.taskId)}`)) continue;
      y.changes++;
      await submitFigure(deps, unitActor(unit.unitId), {
        campaignId: y.campaign.campaignId,
        unitId: unit.unitId,
        year: y.cy.year,
        criterionId: criterion.criterionId,
        value: demoValue(criterion, unit, y.cy.year, today, task),
        evidence: demoEvidence(unit, y.cy.year, today),
      });
    }
  });
}

/** A decision's body as a reviewer (or a head recommending) writes it: a reason to return, points where asked. */
function decisionBody(y: YearContext, f: CountedFigure, decision: 'approved' | 'returned') {
  const criterion = y.cy.criteria.find((c) => c.criterionId === f.criterionId)!;
  return {
    decision,
    expectedVersion: f.version,
    ...(decision === 'returned'
      ? { comment: 'Đề nghị bổ sung văn bản chứng minh số liệu (báo cáo có chữ ký, đóng dấu của thủ trưởng đơn vị).' }
      : criterion.kind === 'assessed'
        ? { points: demoPoints(criterion, idOf(y, f)) }
        : {}),
  };
}

/** Each head (the deputy for the head's own unit) recommends approving the first report of `share` of its members. */
export async function recommend(y: YearContext, when: number, share = 1) {
  const figures = [...(await figuresOf(y)).values()];
  const deps = at(y.deps, when);
  for (const c of y.clusters) {
    const members = c.members.filter((m) => stableFraction(`rec:${y.cy.year}:${m}`) < share);
    for (const member of members) {
      const checker = member === c.head ? c.deputy : c.head;
      const first = figures.find((f) => f.unitId === member && f.status === 'submitted');
      if (!checker || !first) continue;
      const s = await y.deps.submissions.get(idOf(y, first));
      if (!s || !bySeed(s) || s.recommendation) continue;
      await once(y, decide(deps, unitActor(checker), idOf(y, first), decisionBody(y, first, 'approved')), ['CONFLICT']);
    }
  }
}

/** A reviewer's decision on each waiting report at `when`: `choose` says approve, return (with why) or leave it. */
export async function review(
  y: YearContext,
  when: number,
  choose: (id: string) => 'approved' | 'returned' | null = () => 'approved',
) {
  const deps = at(y.deps, when);
  const waiting = [...(await figuresOf(y)).values()].filter((f) => f.status === 'submitted');
  await forEachAtMost(waiting, 8, async (f) => {
    const s = await y.deps.submissions.get(idOf(y, f));
    const decision = s && bySeed(s) ? choose(idOf(y, f)) : null;
    if (decision) await once(y, decide(deps, SEED_REVIEWER, idOf(y, f), decisionBody(y, f, decision)), ['CONFLICT']);
  });
}

/** The scheduled year-end run at `when` (provisional results), unless it ran already. */
export async function yearEndRun(y: YearContext, when: number) {
  const runId = `lich-${y.cy.year}-${when}`;
  if (await y.deps.results.getRun(y.campaign.campaignId, y.cy.year, runId)) return;
  y.changes++;
  await runAggregation(at(y.deps, when), {
    campaignId: y.campaign.campaignId,
    year: y.cy.year,
    trigger: 'schedule',
    startedBy: 'scheduler',
    runId,
  });
}

/** A commune-level (else any) unit objects to its provisional result on its first criterion; answered if asked. */
export async function objection(y: YearContext, filedAt: number, answeredAt: number | null) {
  const unit = y.units.find((u) => u.level === 'commune') ?? y.units[0];
  const criterion = unit && criteriaForLevel(y.cy, unit.level)[0];
  if (!unit || !criterion) return;
  await once(
    y,
    fileObjection(at(y.deps, filedAt), unitActor(unit.unitId), {
      campaignId: y.campaign.campaignId,
      year: y.cy.year,
      criterionId: criterion.criterionId,
      reason: `Đơn vị đề nghị xem xét lại kết quả tạm tính của tiêu chí "${criterion.title}": số liệu đã được cập nhật đến ngày 30/11.`,
    }),
    ['CONFLICT'],
  );
  if (answeredAt === null) return;
  const { items } = await y.deps.round.listObjections(y.campaign.campaignId, y.cy.year, null, { limit: 50 });
  for (const o of items.filter((x) => x.status === 'open'))
    await once(
      y,
      answerObjection(at(y.deps, answeredAt), SEED_REVIEWER, o.objectionId, {
        decision: 'rejected',
        comment:
          'Ban Thi đua - Khen thưởng đã đối chiếu hồ sơ: số liệu đã phê duyệt là số liệu đơn vị báo cáo trong hạn; giữ nguyên kết quả.',
      }),
      ['CONFLICT'],
    );
}

/**
 * The clusters' secret ballots at `when` (`share` of each cluster's members vote: for the best-ranked candidates,
 * every fourth member for the runner-up where there is one) and, where `minutesAt` is given, the heads' minutes.
 */
export async function vote(y: YearContext, when: number, share: number, minutesAt: number | null) {
  const names = new Map(y.units.map((u) => [u.unitId, u.name]));
  for (const c of y.clusters) {
    const setting = await voteOf(at(y.deps, when), SEED_ADMIN, c.clusterId, y.cy.year, y.campaign.campaignId);
    const ranked = [...setting.eligible]
      .sort((a, b) => (a.clusterRank ?? 0) - (b.clusterRank ?? 0))
      .map((e) => e.unitId);
    const voters = c.members.filter((m) => stableFraction(`vote:${y.cy.year}:${m}`) < share);
    for (const [i, member] of voters.entries()) {
      const choice = i % 4 === 3 && ranked.length > setting.quota ? ranked.slice(1) : ranked;
      await once(
        y,
        castBallot(at(y.deps, when), unitActor(member), c.clusterId, y.cy.year, {
          campaignId: y.campaign.campaignId,
          candidates: choice.slice(0, setting.quota),
        }),
        ['ALREADY_VOTED'],
      );
    }
    if (minutesAt === null || !c.head || (await y.deps.round.getMinutes(y.campaign.campaignId, y.cy.year, c.clusterId)))
      continue;
    y.changes++;
    await saveMinutes(at(y.deps, minutesAt), unitActor(c.head), c.clusterId, y.cy.year, {
      campaignId: y.campaign.campaignId,
      heldOn: isoDateIn(new Date(when), y.campaign.timeZone),
      place: `Hội trường ${names.get(c.head) ?? ''}`.trim(),
      chair: `Lãnh đạo ${names.get(c.head) ?? 'đơn vị trưởng cụm'}`,
      attendees: c.members.map((m) => `Đại diện ${names.get(m) ?? m}`),
      notes: `Các đơn vị thành viên ${c.name} đã xem xét kết quả tạm tính năm ${y.cy.year}, thống nhất bỏ phiếu kín bình xét Cờ thi đua.`,
    });
  }
}

/** The Ban TĐKT finalizes the year at `when` (its last run inside the call), unless it is final already. */
export async function finalize(y: YearContext, when: number) {
  const f = await y.deps.catalogue.getFinalization(y.campaign.campaignId, y.cy.year);
  if (f?.state === 'final' && f.runId) return;
  y.changes++;
  await finalizeYear(at(y.deps, when), SEED_ADMIN, y.cy.year, { confirmYear: y.cy.year }, y.campaign.campaignId);
}
