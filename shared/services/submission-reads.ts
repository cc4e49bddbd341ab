/** Reports read back: one, a unit's or the review queue (by cluster for its head), a slot's history, their public shape. */

import { assertMayAccessUnit } from '../domain/auth.js';
import { DomainError, invalid, notFound } from '../domain/errors.js';
import { decodeSubmissionId } from '../domain/submission-id.js';
import type { Actor, Campaign, Level, Role, Submission, SubmissionStatus } from '../domain/types.js';
import type { Deps, Page, PageQuery } from '../ports/index.js';
import {
  crossChecksFor,
  currentYearOf,
  loadCampaign,
  loadCampaignYear,
  loadUnit,
  localTime,
  yearClustersOf,
} from './context.js';

export async function getSubmission(deps: Deps, actor: Actor, submissionId: string): Promise<Submission> {
  const key = decodeSubmissionId(submissionId);
  // A unit learns nothing about other units' ids: foreign and unknown ids look the same (its cluster's head aside).
  if (
    !key ||
    (actor.role === 'unit' &&
      key.unitId !== actor.unitId &&
      !(await crossChecksFor(deps, actor, key.campaignId, key.year, key.unitId)))
  )
    throw notFound(`báo cáo ${submissionId}`);
  const submission = await deps.submissions.get(submissionId);
  if (!submission) throw notFound(`báo cáo ${submissionId}`);
  return submission;
}

export interface ListParams {
  unitId?: string;
  year?: number;
  status?: SubmissionStatus;
  level?: Level;
  cluster?: string;
  criterionId?: string;
  limit?: number;
  nextToken?: string;
  campaignId?: string;
}

export async function listSubmissions(
  deps: Deps,
  actor: Actor,
  params: ListParams,
): Promise<Page<Submission> & { campaign: Campaign }> {
  const campaign = await loadCampaign(deps, params.campaignId);
  const year = params.year ?? (await currentYearOf(deps, campaign));
  // A cluster's head lists its members' reports (its cross-check queue): the cluster, without its own unit.
  const headOf =
    actor.role === 'unit' && params.cluster && !params.unitId
      ? await headsCluster(deps, actor, campaign.campaignId, year, params.cluster)
      : null;
  const unitId = actor.role === 'unit' && !headOf ? (params.unitId ?? actor.unitId!) : params.unitId;
  if (unitId && !(await crossChecksFor(deps, actor, campaign.campaignId, year, unitId)))
    assertMayAccessUnit(actor, unitId);
  if (!unitId && !params.status) throw invalid('status', 'là bắt buộc khi không chọn đơn vị (unitId)');
  await loadCampaignYear(deps, campaign, year);
  if (unitId) await loadUnit(deps, unitId);
  const page = await deps.submissions.list({
    campaignId: campaign.campaignId,
    year,
    unitId,
    status: params.status,
    level: params.level,
    cluster: params.cluster,
    criterionId: params.criterionId,
    limit: params.limit ?? 50,
    nextToken: params.nextToken,
    // The review queue is worked oldest first (a unit's own list goes by criterion).
    oldestFirst: !unitId,
  });
  return { ...page, items: headOf ? page.items.filter((i) => i.unitId !== actor.unitId) : page.items, campaign };
}

/** The cluster a unit's account heads in a year, or 403: a unit lists another cluster's reports only as its head. */
async function headsCluster(deps: Deps, actor: Actor, campaignId: string, year: number, clusterId: string) {
  const { clusters } = await yearClustersOf(deps, campaignId, year);
  const cluster = clusters.find((c) => c.clusterId === clusterId);
  if (!actor.scopes && cluster && cluster.head === actor.unitId) return cluster;
  throw new DomainError('FORBIDDEN', 'Chỉ đơn vị trưởng cụm, khối xem được báo cáo của các thành viên', [
    { field: 'cluster', message: `đơn vị không phải trưởng cụm, khối ${clusterId} năm ${year}` },
  ]);
}

export interface HistoryEntry {
  at: string;
  atLocal: string;
  actor: string;
  actorName?: string;
  role: Role;
  action: string;
  submissionId: string;
  version: number;
  before?: unknown;
  after?: unknown;
  comment?: string;
}

/** The audit chain of a submission's slot, page by page: the versions of the page, each with its steps. */
export async function submissionHistory(
  deps: Deps,
  actor: Actor,
  submissionId: string,
  page: PageQuery,
): Promise<Page<HistoryEntry>> {
  const submission = await getSubmission(deps, actor, submissionId);
  const campaign = await loadCampaign(deps, submission.campaignId);
  const versions = await deps.submissions.slotVersions(submission, page);
  const items = versions.items
    .flatMap((v) =>
      v.audit.map((e) => ({
        ...e,
        atLocal: localTime(e.at, campaign),
        submissionId: v.submissionId,
        version: v.version,
      })),
    )
    // A superseding is caused by the newer report made at the same instant: it reads after it.
    .sort(
      (a, b) =>
        a.at.localeCompare(b.at) ||
        Number(a.action === 'superseded') - Number(b.action === 'superseded') ||
        a.version - b.version,
    );
  return { items, nextToken: versions.nextToken };
}

/** The public shape of a submission (the audit trail is served by /history). */
export function presentSubmission(s: Submission, campaign: Campaign) {
  const { audit: _audit, slotId: _slot, ...rest } = s;
  return {
    ...rest,
    submittedAtLocal: localTime(s.submittedAt, campaign),
    recommendation: s.recommendation
      ? { ...s.recommendation, recommendedAtLocal: localTime(s.recommendation.recommendedAt, campaign) }
      : null,
    review: s.review && { ...s.review, decidedAtLocal: localTime(s.review.decidedAt, campaign) },
  };
}
