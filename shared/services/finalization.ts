/**
 * Finalizing a year (chốt kết quả chính thức): the aggregation runs a last time, its results become final, and the
 * year is locked — reports, decisions, criteria, clusters and reopenings of units for that year are refused
 * (YEAR_FINALIZED) until an admin reopens the year with a reason. Every step is in the year's history.
 */
import { randomUUID } from 'node:crypto';
import { assertMayActOnCampaign } from '../domain/auth.js';
import { AWARD_NAMES, type AwardName, type TieDecision } from '../domain/awards.js';
import { formatDateTime } from '../domain/calendar.js';
import { DomainError, invalid } from '../domain/errors.js';
import { RESULT_STATUS_LABELS } from '../domain/labels.js';
import { awardGroupOf } from '../domain/ranking.js';
import { finalizeBodySchema, reasonBodySchema, tieDecisionBodySchema } from '../domain/schemas.js';
import { hasRound } from '../domain/stages.js';
import type { Actor, Campaign } from '../domain/types.js';
import { parseOrThrow } from '../domain/validation.js';
import { type AwardRevocation, type Finalization, resultStatusOf } from '../domain/year-results.js';
import type { Deps, FinalizationRecord } from '../ports/index.js';
import { assertNotFinalized, auditEntry, changedMeanwhile, loadCampaign, loadCampaignYear } from './context.js';
import { assertStageOpen } from './round.js';
import { adminRun, presentRun, requestAggregation } from './runs.js';

const labelled = (f: Finalization | null) => {
  const status = resultStatusOf(f);
  return { status, statusLabel: RESULT_STATUS_LABELS[status] };
};
/** Whether a year's results are final, as every page and report of results says. */
export const resultStatus = async (deps: Deps, campaignId: string, year: number) =>
  labelled(await deps.catalogue.getFinalization(campaignId, year));

const withoutRevision = ({ revision: _r, ...f }: FinalizationRecord): Finalization => f;
const present = (f: Finalization, campaign: Campaign) => ({
  ...f,
  finalizedAtLocal: formatDateTime(f.finalizedAt, campaign.timeZone),
  ...labelled(f),
});

/**
 * Locks the year and starts its last run, which the year's results wait for (a run started before the lock can no
 * longer publish): the answer comes at once, with the run to follow. A crash before that run is in leaves the year
 * locked without final results, and finalizing again starts another. Finalizing a final year changes nothing.
 */
export async function finalizeYear(deps: Deps, actor: Actor, year: number, raw: unknown, campaignId?: string) {
  const campaign = await loadCampaign(deps, campaignId);
  assertMayActOnCampaign(actor, campaign.campaignId);
  const body = parseOrThrow(finalizeBodySchema, raw);
  if (body.confirmYear !== year) throw invalid('confirmYear', `phải là năm được chốt (${year})`);
  const cy = await loadCampaignYear(deps, campaign, year);
  const existing = await deps.catalogue.getFinalization(campaign.campaignId, year);
  if (existing?.state === 'final' && existing.runId)
    return { ...present(withoutRevision(existing), campaign), run: null, unchanged: true };
  // In a year with a bình xét round, only after the clusters' meetings (their votes are part of the result).
  if (existing?.state !== 'final') await assertStageOpen(deps, campaign, cy, 'finalization');
  const runId = randomUUID();
  const record: Finalization =
    existing?.state === 'final'
      ? { ...withoutRevision(existing), pendingRunId: runId }
      : {
          campaignId: campaign.campaignId,
          year,
          state: 'final',
          finalizedAt: deps.clock.now().toISOString(),
          finalizedBy: actor.sub,
          runId: null,
          rankingDigest: null,
          pendingRunId: runId,
          reopenedAt: null,
          reopenReason: null,
        };
  const locked = auditEntry(
    actor,
    deps.clock.now(),
    existing?.state === 'final' ? 'year-final-run-restarted' : 'year-finalized',
    {
      after: { year, state: 'final', runId },
    },
  );
  if (!(await deps.catalogue.saveFinalization(record, locked, existing?.revision ?? 0))) throw changedMeanwhile(year);
  const run = await requestAggregation(deps, {
    campaignId: campaign.campaignId,
    year,
    trigger: 'finalize',
    startedBy: actor.sub,
    actor,
    runId,
    finalizing: true,
  });
  // Where the run went within this call (no job runner), the record now names it.
  const now = withoutRevision(
    (await deps.catalogue.getFinalization(campaign.campaignId, year)) ?? { ...record, revision: 0 },
  );
  return { ...present(now, campaign), run: presentRun(run, campaign, deps.clock.now()), unchanged: false };
}

/** An admin reopens a finalized year, with a reason: its results are provisional again and changes are taken. */
export async function reopenYear(deps: Deps, actor: Actor, year: number, raw: unknown, campaignId?: string) {
  const campaign = await loadCampaign(deps, campaignId);
  assertMayActOnCampaign(actor, campaign.campaignId);
  const body = parseOrThrow(reasonBodySchema, raw);
  const existing = await deps.catalogue.getFinalization(campaign.campaignId, year);
  if (existing?.state !== 'final')
    throw new DomainError('CONFLICT', `Năm ${year} chưa chốt kết quả chính thức: không có gì để mở lại`, [
      { field: 'year', message: 'chưa chốt' },
    ]);
  const { revision } = existing;
  const before = withoutRevision(existing);
  const record: Finalization = {
    ...before,
    state: 'reopened',
    reopenedAt: deps.clock.now().toISOString(),
    reopenReason: body.reason,
  };
  const entry = auditEntry(actor, deps.clock.now(), 'year-reopened', { before, after: record, comment: body.reason });
  if (!(await deps.catalogue.saveFinalization(record, entry, revision))) throw changedMeanwhile(year);
  return present(record, campaign);
}

/**
 * Revokes a unit's award proposal of a finalized year, with its reason (Chapter VII of the law): recorded in the
 * year's history and shown beside the award in the results. A unit without an award has nothing to revoke.
 */
export async function revokeAward(
  deps: Deps,
  actor: Actor,
  year: number,
  unitId: string,
  raw: unknown,
  campaignId?: string,
) {
  const campaign = await loadCampaign(deps, campaignId);
  assertMayActOnCampaign(actor, campaign.campaignId);
  const body = parseOrThrow(reasonBodySchema, raw);
  if (resultStatusOf(await deps.catalogue.getFinalization(campaign.campaignId, year)) !== 'final')
    throw new DomainError('CONFLICT', `Năm ${year} chưa có kết quả chính thức: chưa có khen thưởng để thu hồi`, [
      { field: 'year', message: 'chưa chốt kết quả chính thức' },
    ]);
  const entry = (await deps.results.readResults(campaign.campaignId, year))?.rankings.find((r) => r.unitId === unitId);
  if (!entry?.award)
    throw new DomainError(
      'CONFLICT',
      `Đơn vị ${unitId} không được đề nghị khen thưởng năm ${year}: không có gì để thu hồi`,
      [{ field: 'unitId', message: 'không có đề nghị khen thưởng' }],
    );
  const revocation: AwardRevocation = {
    campaignId: campaign.campaignId,
    year,
    unitId,
    award: entry.award,
    reason: body.reason,
    revokedAt: deps.clock.now().toISOString(),
    revokedBy: actor.sub,
  };
  const audit = auditEntry(actor, deps.clock.now(), 'award-revoked', { after: revocation, comment: body.reason });
  if (!(await deps.catalogue.saveRevocation(revocation, audit)))
    throw new DomainError('CONFLICT', `Khen thưởng năm ${year} của đơn vị ${unitId} đã bị thu hồi trước đó`);
  return { ...revocation, revokedAtLocal: formatDateTime(revocation.revokedAt, campaign.timeZone) };
}

const decidedAlready = (award: AwardName) =>
  new DomainError('CONFLICT', `Đã có quyết định về trường hợp đồng hạng này (${AWARD_NAMES[award]})`, [
    { field: 'award', message: 'đã quyết định' },
  ]);

/**
 * An admin decides a tie at an award's quota where no vote decides it (a level without clusters, or the Bằng khen),
 * naming the tied units that take the award and why: recorded in the year's history, then a run applies it.
 */
export async function decideTie(deps: Deps, actor: Actor, year: number, raw: unknown, campaignId?: string) {
  const campaign = await loadCampaign(deps, campaignId);
  assertMayActOnCampaign(actor, campaign.campaignId);
  const body = parseOrThrow(tieDecisionBodySchema, raw);
  const cy = await loadCampaignYear(deps, campaign, year);
  await assertNotFinalized(deps, campaign, year);
  if (
    (await deps.catalogue.listTieDecisions(campaign.campaignId, year)).some(
      (d) => d.group === body.group && d.award === body.award,
    )
  )
    throw decidedAlready(body.award);
  const results = await deps.results.readResults(campaign.campaignId, year);
  const members = (results?.rankings ?? []).filter((r) => awardGroupOf(r) === body.group);
  if (members.length === 0)
    throw invalid('group', `không có cụm, khối hoặc cấp ${body.group} trong kết quả năm ${year}`);
  if (body.award === 'co-thi-dua' && !body.group.startsWith('level:') && hasRound(cy.calendar))
    throw new DomainError(
      'CONFLICT',
      'Cờ thi đua của cụm, khối do cụm bình xét bằng bỏ phiếu kín, không do quản trị quyết định',
      [{ field: 'award', message: 'do cụm, khối bỏ phiếu' }],
    );
  const tied = new Set(members.filter((r) => r.tiedFor === body.award).map((r) => r.unitId));
  const outside = body.unitIds.find((u) => !tied.has(u));
  if (outside)
    throw invalid(
      'unitIds',
      `${outside} không ở trong nhóm đồng hạng tại ngưỡng ${AWARD_NAMES[body.award]} của kết quả hiện tại`,
    );
  const quota =
    body.award === 'co-thi-dua' ? cy.awards.flagPerGroup : Math.floor(members.length * cy.awards.meritShare);
  const free = quota - members.filter((r) => r.award === body.award).length;
  if (body.unitIds.length > free)
    throw invalid('unitIds', `chỉ còn ${free} suất ${AWARD_NAMES[body.award]} trong nhóm`);
  const decision: TieDecision = {
    campaignId: campaign.campaignId,
    year,
    group: body.group,
    award: body.award,
    unitIds: body.unitIds,
    reason: body.reason,
    decidedAt: deps.clock.now().toISOString(),
    decidedBy: actor.sub,
  };
  const entry = auditEntry(actor, deps.clock.now(), 'tie-decided', { after: decision, comment: body.reason });
  if (!(await deps.catalogue.saveTieDecision(decision, entry))) throw decidedAlready(body.award);
  const run = await adminRun(deps, campaign, year, actor);
  return {
    ...decision,
    decidedAtLocal: formatDateTime(decision.decidedAt, campaign.timeZone),
    run: presentRun(run, campaign, deps.clock.now()),
  };
}
