/**
 * The bình xét round after self-assessment: stages that open and close on the calendar (an admin may reopen one with
 * a reason), units' objections to their provisional results, the clusters' secret ballots and the meetings' minutes.
 */
import { assertMayAccessUnit, assertMayActOnCampaign, requireRole } from '../domain/auth.js';
import type { AwardDecision, AwardName } from '../domain/awards.js';
import { DomainError, invalid, notFound } from '../domain/errors.js';
import {
  DEFAULT_VOTING,
  decodeObjectionId,
  encodeObjectionId,
  type MeetingMinutes,
  type Objection,
  tallyVote,
} from '../domain/round.js';
import {
  ballotBodySchema,
  minutesBodySchema,
  objectionAnswerSchema,
  objectionBodySchema,
  reopenSchema,
} from '../domain/schemas.js';
import { ROUND_STAGE_LABELS, type RoundStage, stageEnded, stageOpenAt, stageWindow } from '../domain/stages.js';
import type { Actor, Campaign, CampaignYear, YearCluster } from '../domain/types.js';
import { parseOrThrow } from '../domain/validation.js';
import type { Deps, PageQuery, YearResults } from '../ports/index.js';
import { recordReopening } from './catalogue.js';
import {
  assertNotFinalized,
  assertReopenUntil,
  auditEntry,
  loadCampaign,
  loadCampaignYear,
  localTime,
  yearClustersOf,
} from './context.js';
import { markCited, resolveEvidenceFiles } from './evidence-files.js';

/** Refuses an action outside its stage (409 STAGE_CLOSED, naming the stage's window), unless an admin reopened it. */
export async function assertStageOpen(
  deps: Deps,
  campaign: Campaign,
  cy: Pick<CampaignYear, 'year' | 'calendar'>,
  stage: RoundStage,
  now = deps.clock.now(),
) {
  const reopened = await deps.round.getStageReopening(campaign.campaignId, cy.year, stage);
  if (stageOpenAt(cy.calendar, stage, now, reopened?.until ?? null)) return;
  const w = stageWindow(cy.calendar, stage);
  const when = !w
    ? `lịch năm ${cy.year} không có giai đoạn này`
    : [w.opensAt && `từ ${localTime(w.opensAt, campaign)}`, w.closesAt && `đến ${localTime(w.closesAt, campaign)}`]
        .filter(Boolean)
        .join(' ');
  throw new DomainError(
    'STAGE_CLOSED',
    `Ngoài thời gian "${ROUND_STAGE_LABELS[stage]}" năm ${cy.year} (${when}); quản trị viên có thể mở lại giai đoạn, kèm lý do`,
    [{ field: 'year', message: `ngoài giai đoạn ${ROUND_STAGE_LABELS[stage].toLowerCase()}` }],
  );
}

/** An admin reopens a stage of a year until an instant, with a reason recorded in the year's history. */
export async function reopenStage(deps: Deps, actor: Actor, year: number, stage: RoundStage, raw: unknown) {
  const body = parseOrThrow(reopenSchema, raw);
  const campaign = await loadCampaign(deps, body.campaignId);
  assertMayActOnCampaign(actor, campaign.campaignId);
  await loadCampaignYear(deps, campaign, year);
  await assertNotFinalized(deps, campaign, year);
  const now = deps.clock.now();
  assertReopenUntil(body.until, year, now);
  const record = {
    campaignId: campaign.campaignId,
    year,
    stage,
    until: new Date(body.until).toISOString(),
    reason: body.reason,
  };
  const existing = await deps.round.getStageReopening(campaign.campaignId, year, stage);
  const { revision, ...before } = existing ?? { revision: 0 };
  const entry = auditEntry(actor, now, 'stage-reopened', {
    before: existing ? before : null,
    after: record,
    comment: body.reason,
  });
  if (!(await deps.round.saveStageReopening(record, entry, revision)))
    throw new DomainError('CONFLICT', 'Giai đoạn vừa được người khác mở lại, vui lòng thử lại');
  return { ...record, stageLabel: ROUND_STAGE_LABELS[stage], untilLocal: localTime(record.until, campaign) };
}

const presentObjection = (o: Objection, campaign: Campaign) => ({
  ...o,
  filedAtLocal: localTime(o.filedAt, campaign),
  answeredAtLocal: o.answer ? localTime(o.answer.answeredAt, campaign) : null,
});

/** A unit objects to its provisional result on a criterion, in the objection window; once per criterion. */
export async function fileObjection(deps: Deps, actor: Actor, raw: unknown) {
  requireRole(actor, ['unit']);
  const body = parseOrThrow(objectionBodySchema, raw);
  const campaign = await loadCampaign(deps, body.campaignId);
  const cy = await loadCampaignYear(deps, campaign, body.year);
  const unitId = actor.unitId!;
  if (!cy.criteria.some((c) => c.criterionId === body.criterionId))
    throw invalid('criterionId', `không có trong bộ tiêu chí năm ${body.year}`);
  await assertNotFinalized(deps, campaign, body.year);
  const now = deps.clock.now();
  await assertStageOpen(deps, campaign, cy, 'objections', now);
  // Its files as a report's: stored files of the unit itself, then kept (cited) so they cannot be deleted.
  const { evidence, files } = await resolveEvidenceFiles(deps, unitId, body.evidence);
  const objectionId = encodeObjectionId({
    campaignId: campaign.campaignId,
    year: body.year,
    unitId,
    criterionId: body.criterionId,
  });
  if (await deps.round.getObjection(campaign.campaignId, body.year, unitId, body.criterionId))
    throw new DomainError('CONFLICT', `Đơn vị đã gửi kiến nghị về tiêu chí ${body.criterionId} năm ${body.year}`, [
      { field: 'criterionId', message: 'đã có kiến nghị' },
    ]);
  await markCited(deps, actor, files, objectionId);
  const objection: Objection = {
    objectionId,
    campaignId: campaign.campaignId,
    year: body.year,
    unitId,
    criterionId: body.criterionId,
    reason: body.reason,
    evidence,
    status: 'open',
    filedAt: now.toISOString(),
    filedBy: actor.sub,
    answer: null,
  };
  const entry = auditEntry(actor, now, 'objection-filed', {
    after: { unitId, criterionId: body.criterionId, reason: body.reason },
  });
  if (!(await deps.round.saveObjection(objection, entry, 0)))
    throw new DomainError('CONFLICT', `Đơn vị đã gửi kiến nghị về tiêu chí ${body.criterionId} năm ${body.year}`, [
      { field: 'criterionId', message: 'đã có kiến nghị' },
    ]);
  return presentObjection(objection, campaign);
}

/**
 * A reviewer answers an objection. Accepting it reopens the unit's year until the meetings begin, so the unit
 * corrects its report and the correction goes through the normal review before the vote.
 */
export async function answerObjection(deps: Deps, actor: Actor, objectionId: string, raw: unknown) {
  const key = decodeObjectionId(objectionId);
  if (!key) throw notFound(`kiến nghị ${objectionId}`, 'objectionId');
  assertMayActOnCampaign(actor, key.campaignId);
  const body = parseOrThrow(objectionAnswerSchema, raw);
  const stored = await deps.round.getObjection(key.campaignId, key.year, key.unitId, key.criterionId);
  if (!stored) throw notFound(`kiến nghị ${objectionId}`, 'objectionId');
  const campaign = await loadCampaign(deps, key.campaignId);
  const cy = await loadCampaignYear(deps, campaign, key.year);
  await assertNotFinalized(deps, campaign, key.year);
  const { revision, ...before } = stored;
  if (before.status !== 'open')
    throw new DomainError('ALREADY_DECIDED', 'Kiến nghị đã được trả lời', [
      { field: 'objectionId', message: `đã ${before.status === 'accepted' ? 'chấp nhận' : 'không chấp nhận'}` },
    ]);
  const now = deps.clock.now();
  const answered: Objection = {
    ...before,
    status: body.decision,
    answer: { decision: body.decision, comment: body.comment, answeredAt: now.toISOString(), answeredBy: actor.sub },
  };
  const entry = auditEntry(actor, now, `objection-${body.decision}`, {
    before: { status: before.status },
    after: { status: body.decision, unitId: key.unitId, criterionId: key.criterionId },
    comment: body.comment,
  });
  if (!(await deps.round.saveObjection(answered, entry, revision)))
    throw new DomainError('CONFLICT', 'Kiến nghị vừa được người khác trả lời, vui lòng tải lại');
  let reopenedUntil: string | null = null;
  if (body.decision === 'accepted') {
    const until = cy.calendar.meetingsOpenAt ?? cy.calendar.reviewClosesAt;
    // The correction window ends when the meetings begin; an objection answered later gets a week.
    const end = Date.parse(until) > now.getTime() ? until : new Date(now.getTime() + 7 * 86_400_000).toISOString();
    reopenedUntil = (
      await recordReopening(
        deps,
        actor,
        campaign,
        {
          unitId: key.unitId,
          year: key.year,
          until: end,
          reason: `Kiến nghị được chấp nhận (${key.criterionId}): ${body.comment}`,
        },
        now,
        'objection-reopened',
      )
    ).until;
  }
  return { ...presentObjection(answered, campaign), reopenedUntil };
}

/** A year's objections: a unit sees its own only; reviewers and admins all (or one unit's). */
export async function listObjections(
  deps: Deps,
  actor: Actor,
  q: { year: number; campaignId?: string; unitId?: string } & Partial<PageQuery>,
) {
  const campaign = await loadCampaign(deps, q.campaignId);
  await loadCampaignYear(deps, campaign, q.year);
  const unitId = actor.role === 'unit' ? (q.unitId ?? actor.unitId!) : (q.unitId ?? null);
  if (unitId) assertMayAccessUnit(actor, unitId);
  const page = await deps.round.listObjections(campaign.campaignId, q.year, unitId, {
    limit: q.limit ?? 50,
    nextToken: q.nextToken,
  });
  return {
    items: page.items.map(({ revision: _r, ...o }) => presentObjection(o, campaign)),
    nextToken: page.nextToken,
  };
}

/** A year's cluster with what its vote needs: the rules, the flag quota and the units that may be voted for. */
async function voteSetting(deps: Deps, clusterId: string, year: number, campaignId?: string) {
  const campaign = await loadCampaign(deps, campaignId);
  const cy = await loadCampaignYear(deps, campaign, year);
  const { clusters } = await yearClustersOf(deps, campaign.campaignId, year);
  const cluster = clusters.find((c) => c.clusterId === clusterId);
  if (!cluster) throw notFound(`cụm, khối ${clusterId} năm ${year}`, 'clusterId');
  return { campaign, cy, cluster, ...(await eligibleOf(deps, campaign, cy, cluster)) };
}

/** The flag candidates: the cluster's units that meet the flag's conditions in the latest (provisional) ranking. */
async function eligibleOf(deps: Deps, campaign: Campaign, cy: CampaignYear, cluster: YearCluster) {
  return eligibleIn(await deps.results.readResults(campaign.campaignId, cy.year), campaign, cy, cluster);
}
function eligibleIn(
  results: Pick<YearResults, 'rankings'> | null,
  campaign: Campaign,
  cy: CampaignYear,
  cluster: YearCluster,
) {
  const eligible = (results?.rankings ?? [])
    .filter((r) => r.cluster === cluster.clusterId && r.eligibleFor.includes('co-thi-dua'))
    .map((r) => ({ unitId: r.unitId, name: r.name, totalPoints: r.totalPoints, clusterRank: r.clusterRank }));
  return { eligible, quota: cy.awards.flagPerGroup, rules: campaign.voting ?? DEFAULT_VOTING };
}

/**
 * A member's secret ballot, during the meetings: one per unit (409 ALREADY_VOTED for a second, nothing stored),
 * for at most the cluster's flag quota among its eligible units. The store keeps that the unit voted and, apart,
 * what was chosen.
 */
export async function castBallot(deps: Deps, actor: Actor, clusterId: string, year: number, raw: unknown) {
  requireRole(actor, ['unit']);
  const body = parseOrThrow(ballotBodySchema, raw);
  const { campaign, cy, cluster, eligible, quota } = await voteSetting(deps, clusterId, year, body.campaignId);
  const unitId = actor.unitId!;
  if (!cluster.members.includes(unitId))
    throw new DomainError('FORBIDDEN', `Đơn vị không thuộc ${cluster.name} năm ${year}: không được bỏ phiếu`, [
      { field: 'clusterId', message: 'không phải cụm, khối của đơn vị' },
    ]);
  await assertNotFinalized(deps, campaign, year);
  const now = deps.clock.now();
  await assertStageOpen(deps, campaign, cy, 'meetings', now);
  if (body.candidates.length > quota)
    throw invalid('candidates', `chọn tối đa ${quota} đơn vị (số Cờ thi đua của cụm, khối)`);
  const allowed = new Set(eligible.map((e) => e.unitId));
  const unknown = body.candidates.find((c) => !allowed.has(c));
  if (unknown)
    throw invalid(
      'candidates',
      `${unknown} không đủ điều kiện đề nghị Cờ thi đua của ${cluster.name} (số liệu được phê duyệt, chỉ tiêu, mức tối thiểu)`,
    );
  const voter = { campaignId: campaign.campaignId, year, clusterId, unitId, votedAt: now.toISOString() };
  // The history says who voted, never for whom; the choice goes only into the cluster's totals.
  const entry = auditEntry(actor, now, 'ballot-cast', { after: { clusterId, unitId } });
  if (!(await deps.round.castBallot(voter, body.candidates, entry)))
    throw new DomainError('ALREADY_VOTED', `Đơn vị đã bỏ phiếu bình xét của ${cluster.name} năm ${year}`, [
      { field: 'clusterId', message: 'mỗi đơn vị chỉ bỏ một phiếu' },
    ]);
  return { clusterId, year, votedAt: voter.votedAt, votedAtLocal: localTime(voter.votedAt, campaign) };
}

/**
 * A cluster's vote: who may vote, turnout and quorum at any time; the tally and the result only once the meetings
 * have closed (a running tally would tell the last voters how the first voted). Voters are listed by unit only.
 */
export async function voteOf(deps: Deps, actor: Actor, clusterId: string, year: number, campaignId?: string) {
  const { campaign, cy, cluster, eligible, quota, rules } = await voteSetting(deps, clusterId, year, campaignId);
  const now = deps.clock.now();
  const [voters, totals, minutes] = await Promise.all([
    deps.round.listVoters(campaign.campaignId, year, clusterId),
    deps.round.voteTotals(campaign.campaignId, year, clusterId),
    deps.round.getMinutes(campaign.campaignId, year, clusterId),
  ]);
  const closed = stageEnded(cy.calendar, 'meetings', now);
  const t = tallyVote(
    cluster.members.length,
    eligible.map((e) => e.unitId),
    totals,
    quota,
    rules,
    closed,
  );
  const votedIds = new Set(voters.map((v) => v.unitId));
  const window = stageWindow(cy.calendar, 'meetings');
  return {
    clusterId,
    name: cluster.name,
    year,
    head: cluster.head,
    members: cluster.members.map((unitId) => ({ unitId, voted: votedIds.has(unitId) })),
    eligible,
    quota,
    rules,
    meetings: window && {
      ...window,
      opensLocal: window.opensAt && localTime(window.opensAt, campaign),
      closesLocal: window.closesAt && localTime(window.closesAt, campaign),
    },
    closed,
    turnout: t.turnout,
    quorumNeeded: t.quorumNeeded,
    quorumMet: t.quorumMet,
    tally: closed ? t.tally : null,
    elected: t.elected,
    youVoted: actor.unitId ? votedIds.has(actor.unitId) : null,
    minutes:
      minutes && (({ revision: _r, ...m }) => ({ ...m, recordedAtLocal: localTime(m.recordedAt, campaign) }))(minutes),
  };
}

/** The head enters the meeting's minutes during the meetings; they lock with the vote when the stage closes. */
export async function saveMinutes(deps: Deps, actor: Actor, clusterId: string, year: number, raw: unknown) {
  requireRole(actor, ['unit']);
  const body = parseOrThrow(minutesBodySchema, raw);
  const { campaign, cy, cluster } = await voteSetting(deps, clusterId, year, body.campaignId);
  if (cluster.head !== actor.unitId)
    throw new DomainError('FORBIDDEN', `Chỉ đơn vị trưởng ${cluster.name} năm ${year} ghi biên bản họp bình xét`, [
      { field: 'clusterId', message: 'đơn vị không phải trưởng cụm, khối' },
    ]);
  await assertNotFinalized(deps, campaign, year);
  const now = deps.clock.now();
  await assertStageOpen(deps, campaign, cy, 'meetings', now);
  const minutes: MeetingMinutes = {
    campaignId: campaign.campaignId,
    year,
    clusterId,
    heldOn: body.heldOn,
    place: body.place,
    chair: body.chair,
    ...(body.secretary ? { secretary: body.secretary } : {}),
    attendees: body.attendees,
    notes: body.notes ?? '',
    recordedAt: now.toISOString(),
    recordedBy: actor.sub,
  };
  const existing = await deps.round.getMinutes(campaign.campaignId, year, clusterId);
  const { revision, ...before } = existing ?? { revision: 0 };
  const entry = auditEntry(actor, now, 'minutes-recorded', { before: existing ? before : null, after: minutes });
  if (!(await deps.round.saveMinutes(minutes, entry, revision)))
    throw new DomainError('CONFLICT', 'Biên bản vừa được thay đổi, vui lòng tải lại');
  return minutes;
}

/**
 * The clusters' votes as decisions on their flags, for a year whose meetings have closed: the units each cluster
 * elected hold its flags (none elected: none; a cluster where nobody voted keeps the ranking's order). Empty before the
 * meetings close.
 */
export async function voteDecisions(deps: Deps, campaign: Campaign, cy: CampaignYear, now: Date) {
  const decisions = new Map<string, Partial<Record<AwardName, AwardDecision>>>();
  if (!stageEnded(cy.calendar, 'meetings', now)) return decisions;
  const [{ clusters }, results] = await Promise.all([
    yearClustersOf(deps, campaign.campaignId, cy.year),
    deps.results.readResults(campaign.campaignId, cy.year),
  ]);
  for (const cluster of clusters) {
    const { eligible, quota, rules } = eligibleIn(results, campaign, cy, cluster);
    const totals = await deps.round.voteTotals(campaign.campaignId, cy.year, cluster.clusterId);
    if (totals.ballots === 0) continue;
    const t = tallyVote(
      cluster.members.length,
      eligible.map((e) => e.unitId),
      totals,
      quota,
      rules,
      true,
    );
    decisions.set(cluster.clusterId, { 'co-thi-dua': { by: 'vote', unitIds: t.elected ?? [] } });
  }
  return decisions;
}
