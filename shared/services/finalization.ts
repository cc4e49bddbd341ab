/**
 * Finalizing a year (chốt kết quả chính thức): the aggregation runs a last time, its results become final, and the
 * year is locked — reports, decisions, criteria, clusters and reopenings of units for that year are refused
 * (YEAR_FINALIZED) until an admin reopens the year with a reason. Every step is in the year's history.
 */
import { randomUUID } from 'node:crypto';
import { assertMayActOnCampaign } from '../domain/auth.js';
import { formatDateTime } from '../domain/calendar.js';
import { DomainError, invalid } from '../domain/errors.js';
import { RESULT_STATUS_LABELS } from '../domain/labels.js';
import { finalizeBodySchema, reasonBodySchema } from '../domain/schemas.js';
import type { Actor, Campaign } from '../domain/types.js';
import { parseOrThrow } from '../domain/validation.js';
import { type AwardRevocation, type Finalization, resultStatusOf } from '../domain/year-results.js';
import type { Deps, FinalizationRecord } from '../ports.js';
import { auditEntry, changedMeanwhile, loadCampaign, loadCampaignYear } from './context.js';
import { assertStageOpen } from './round.js';
import { runAggregation } from './scores.js';

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
 * Locks the year, then runs the aggregation a last time and records that run: a crash in between leaves the year
 * locked with no final run, and finalizing again finishes it. Finalizing a final year changes nothing.
 */
export async function finalizeYear(deps: Deps, actor: Actor, year: number, raw: unknown, campaignId?: string) {
  const campaign = await loadCampaign(deps, campaignId);
  assertMayActOnCampaign(actor, campaign.campaignId);
  const body = parseOrThrow(finalizeBodySchema, raw);
  if (body.confirmYear !== year) throw invalid('confirmYear', `phải là năm được chốt (${year})`);
  const cy = await loadCampaignYear(deps, campaign, year);
  const existing = await deps.catalogue.getFinalization(campaign.campaignId, year);
  if (existing?.state === 'final' && existing.runId)
    return { ...present(withoutRevision(existing), campaign), unchanged: true };
  // In a year with a bình xét round, only after the clusters' meetings (their votes are part of the result).
  if (existing?.state !== 'final') await assertStageOpen(deps, campaign, cy, 'finalization');
  let revision = existing?.revision ?? 0;
  let record: Finalization =
    existing?.state === 'final'
      ? withoutRevision(existing)
      : {
          campaignId: campaign.campaignId,
          year,
          state: 'final',
          finalizedAt: deps.clock.now().toISOString(),
          finalizedBy: actor.sub,
          runId: null,
          rankingDigest: null,
          reopenedAt: null,
          reopenReason: null,
        };
  if (existing?.state !== 'final') {
    const locked = auditEntry(actor, deps.clock.now(), 'year-finalized', { after: { year, state: 'final' } });
    if (!(await deps.catalogue.saveFinalization(record, locked, revision))) throw changedMeanwhile(year);
    revision++;
  }
  const run = await runAggregation(deps, {
    campaignId: campaign.campaignId,
    year,
    trigger: 'finalize',
    startedBy: actor.sub,
    actor,
    runId: randomUUID(),
    finalizing: true,
  });
  record = { ...record, runId: run.runId, rankingDigest: run.counts?.rankingDigest ?? null };
  const ran = auditEntry(actor, deps.clock.now(), 'year-final-run', {
    after: { runId: run.runId, rankingDigest: record.rankingDigest },
  });
  if (!(await deps.catalogue.saveFinalization(record, ran, revision))) throw changedMeanwhile(year);
  return { ...present(record, campaign), unchanged: false };
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
