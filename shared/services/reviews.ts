/** Decisions of the emulation & rewards board (Ban Thi đua - Khen thưởng) on submitted figures. */
import { assertMayActOnCampaign } from '../domain/auth.js';
import { DomainError, invalid } from '../domain/errors.js';
import { moduleOf } from '../domain/kinds/index.js';
import { crossCheckCapacity } from '../domain/round.js';
import { decisionBodySchema } from '../domain/schemas.js';
import { decodeSubmissionId } from '../domain/submission-id.js';
import type {
  Actor,
  Campaign,
  DecisionCapacity,
  FigureValue,
  Recommendation,
  Review,
  Submission,
} from '../domain/types.js';
import { parseOrThrow } from '../domain/validation.js';
import { type Deps, OwnUnitDecision, YearLocked } from '../ports/index.js';
import {
  assertNotFinalized,
  auditEntry,
  isReopened,
  loadCampaign,
  loadCampaignYear,
  loadUnit,
  localTime,
  yearClustersOf,
  yearLockedNow,
} from './context.js';
import { assertStageOpen } from './round.js';
import { getSubmission } from './submission-reads.js';
import { parseValue } from './submissions.js';

const superseded = () =>
  new DomainError('SUPERSEDED', 'Báo cáo này đã được thay thế bằng một báo cáo mới hơn của đơn vị', [
    { field: 'submissionId', message: 'đã bị thay thế' },
  ]);
const alreadyDecided = (s: Submission) =>
  new DomainError('ALREADY_DECIDED', `Báo cáo đã được xử lý (${s.status}), không thể quyết định lại`, [
    { field: 'submissionId', message: `trạng thái hiện tại: ${s.status}` },
  ]);
const versionConflict = () =>
  new DomainError(
    'VERSION_CONFLICT',
    'Báo cáo vừa được người khác xử lý hoặc thay đổi; hãy tải lại trước khi quyết định',
    [{ field: 'expectedVersion', message: 'không còn khớp' }],
  );

const ownUnit = () =>
  new DomainError(
    'CONFLICT_OF_INTEREST',
    'Không ai thẩm định báo cáo của chính đơn vị mình: báo cáo của trưởng cụm do phó cụm hoặc Ban Thi đua - Khen thưởng xem xét',
    [{ field: 'submissionId', message: 'là báo cáo của chính đơn vị' }],
  );

/**
 * In which capacity the actor decides: reviewers and admins as the Ban Thi đua - Khen thưởng; a unit's person as
 * its cluster's head (or deputy, for the head's reports), never on its own unit (403 CONFLICT_OF_INTEREST).
 */
async function capacityOf(deps: Deps, actor: Actor, s: Submission): Promise<DecisionCapacity> {
  if (actor.role !== 'unit') return 'reviewer';
  if (actor.unitId === s.unitId) throw ownUnit();
  const { clusters } = await yearClustersOf(deps, s.campaignId, s.year);
  const capacity = crossCheckCapacity(clusters, actor.unitId!, s.unitId);
  if (!capacity) throw new DomainError('FORBIDDEN', 'Đơn vị không phải trưởng cụm, khối của đơn vị báo cáo năm này');
  return capacity;
}

/** Whether a reviewer's decision is the head's recommendation: the same decision, correction and points. */
const confirms = (
  r: Recommendation,
  body: { decision: Review['decision']; points?: number },
  correctedValue: FigureValue | null,
): 'confirmed' | 'overridden' =>
  r.decision === body.decision &&
  (r.points ?? null) === (body.points ?? null) &&
  JSON.stringify(r.correctedValue) === JSON.stringify(correctedValue)
    ? 'confirmed'
    : 'overridden';

/**
 * Records a decision (a reviewer's), or a cluster head's recommendation (kiểm tra chéo) that waits for a reviewer;
 * returns the submission with its campaign.
 */
export async function decide(
  deps: Deps,
  actor: Actor,
  submissionId: string,
  raw: unknown,
): Promise<{ submission: Submission; campaign: Campaign }> {
  // The campaign is in the id: staff of other campaigns are refused before anything else is read.
  const key = decodeSubmissionId(submissionId);
  if (key) assertMayActOnCampaign(actor, key.campaignId);
  const body = parseOrThrow(decisionBodySchema, raw);
  const submission = await getSubmission(deps, actor, submissionId);
  const now = deps.clock.now();
  const campaign = await loadCampaign(deps, submission.campaignId);
  const cy = await loadCampaignYear(deps, campaign, submission.year);
  await assertNotFinalized(deps, campaign, submission.year);
  const criterion = cy.criteria.find((c) => c.criterionId === submission.criterionId);
  if (!criterion)
    throw new DomainError(
      'CONFLICT',
      `Tiêu chí ${submission.criterionId} không còn trong bộ tiêu chí năm ${submission.year}`,
    );

  const comment = body.comment?.trim() || null;
  if (body.decision !== 'approved' && !comment)
    throw invalid('comment', `là bắt buộc khi ${body.decision === 'returned' ? 'yêu cầu bổ sung' : 'từ chối'}`);
  if (body.decision !== 'approved' && body.correctedValue !== undefined)
    throw invalid('correctedValue', 'chỉ dùng khi phê duyệt (approved)');
  const kind = moduleOf(criterion);
  if (body.points !== undefined && (!kind.reviewerPoints || body.decision !== 'approved'))
    throw invalid('points', 'chỉ dùng khi phê duyệt tiêu chí do Ban Thi đua chấm điểm (đánh giá)');
  if (kind.reviewerPoints && body.decision === 'approved') {
    if (body.points === undefined) throw invalid('points', 'là bắt buộc khi phê duyệt tiêu chí đánh giá');
    if (body.points > criterion.maxPoints)
      throw invalid('points', `không được vượt quá điểm tối đa ${criterion.maxPoints}`);
  }
  let correctedValue: FigureValue | null = null;
  if (body.correctedValue !== undefined) {
    // The stored unit: the tasks it leads may come from its predecessors.
    const unit = await loadUnit(deps, submission.unitId);
    correctedValue = await parseValue(
      deps,
      campaign,
      criterion,
      unit,
      submission.year,
      body.correctedValue,
      'correctedValue',
      now,
    );
    // A correction changes the figure, never which slot (task) it fills.
    if (kind.slotOf(criterion, correctedValue) !== submission.slotId)
      throw invalid('correctedValue', 'phải cùng nhiệm vụ (ô số liệu) với báo cáo gốc');
  }

  if (submission.status === 'superseded') throw superseded();
  if (submission.status !== 'submitted') throw alreadyDecided(submission);
  const latest = await deps.submissions.latestInSlot(submission);
  if (latest && latest.version > submission.version) {
    await deps.submissions.supersede(
      submission,
      auditEntry(actor, now, 'superseded', {
        before: { status: submission.status },
        after: { status: 'superseded', by: latest.submissionId },
      }),
    );
    throw superseded();
  }
  const capacity = await capacityOf(deps, actor, submission);
  if (body.expectedVersion !== submission.version) throw versionConflict();
  // A cluster's head competes with its members: its cross-check is a recommendation a reviewer confirms or overrides.
  if (capacity !== 'reviewer') {
    await assertStageOpen(deps, campaign, cy, 'cross-check', now);
    const recommendation: Recommendation = {
      decision: body.decision,
      comment,
      correctedValue,
      points: body.points ?? null,
      recommendedBy: actor.sub,
      ...(actor.name ? { recommendedByName: actor.name } : {}),
      recommendedAt: now.toISOString(),
      capacity,
      unitId: actor.unitId!,
    };
    const entry = auditEntry(actor, now, `recommended-${body.decision}`, {
      before: { recommendation: submission.recommendation ?? null },
      after: { recommendation, capacity },
      ...(comment ? { comment } : {}),
    });
    const recorded = await deps.submissions
      .recommend(submission, recommendation, entry, body.expectedVersion)
      .catch((e: unknown) => {
        if (e instanceof OwnUnitDecision) throw ownUnit();
        throw e;
      });
    if (!recorded) throw versionConflict();
    return { submission: { ...submission, recommendation, audit: [...submission.audit, entry] }, campaign };
  }
  if (
    now.getTime() > Date.parse(cy.calendar.reviewClosesAt) &&
    !(await isReopened(deps, campaign.campaignId, submission.unitId, submission.year, now))
  ) {
    throw new DomainError(
      'REVIEW_CLOSED',
      `Đã hết thời gian thẩm định năm ${submission.year} (${localTime(cy.calendar.reviewClosesAt, campaign)}); cần quản trị mở lại cho đơn vị`,
    );
  }

  const review: Review = {
    decision: body.decision,
    comment,
    correctedValue,
    points: body.points ?? null,
    decidedBy: actor.sub,
    ...(actor.name ? { decidedByName: actor.name } : {}),
    decidedAt: now.toISOString(),
    capacity,
    // The head's recommendation, if there was one, is confirmed by the same decision or overridden by another.
    ...(submission.recommendation ? { recommendation: confirms(submission.recommendation, body, correctedValue) } : {}),
  };
  const entry = auditEntry(actor, now, body.decision, {
    before: { status: submission.status, value: submission.value },
    after: {
      status: body.decision,
      value: correctedValue ?? submission.value,
      corrected: correctedValue !== null,
      points: review.points,
      capacity,
      // The files the decision was based on (căn cứ), by hash: they cannot change under their id.
      files: submission.evidence.flatMap((e) => (e.fileId ? [{ fileId: e.fileId, sha256: e.sha256 }] : [])),
    },
    ...(comment ? { comment } : {}),
  });
  // The condition (still submitted, same version) is checked inside the write: of two reviewers deciding at once, one wins.
  const decided = await deps.submissions.decide(submission, review, entry, body.expectedVersion).catch(async (e) => {
    if (e instanceof YearLocked) await yearLockedNow(deps, submission);
    if (e instanceof OwnUnitDecision) throw ownUnit();
    throw e;
  });
  if (!decided) {
    const now2 = await deps.submissions.get(submissionId);
    throw now2?.status === 'superseded' ? superseded() : versionConflict();
  }
  return {
    submission: { ...submission, status: body.decision, review, audit: [...submission.audit, entry] },
    campaign,
  };
}
