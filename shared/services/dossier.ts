/** The award dossier of a unit proposed for an award: Forms 01 and 02 and the cluster's biên bản, from the records. */
import { assertMayAccessUnit } from '../domain/auth.js';
import { AWARD_DECIDED_BY_LABELS, AWARD_NAMES } from '../domain/awards.js';
import { formatDateTime } from '../domain/calendar.js';
import {
  buildDossier,
  type DossierDocument,
  type DossierFacts,
  dateline,
  placeOf,
  withDigitalSignature,
} from '../domain/dossier.js';
import { DomainError, notFound } from '../domain/errors.js';
import { targetText } from '../domain/kinds/index.js';
import type { CriterionScore } from '../domain/kinds/kind.js';
import { CRITERION_STATUS_LABELS } from '../domain/labels.js';
import type { Actor } from '../domain/types.js';
import type { Deps } from '../ports/index.js';
import { boardOf, loadCampaign, loadCampaignYear, loadUnit, yearClustersOf } from './context.js';
import { resultStatus } from './finalization.js';
import { voteOf } from './round.js';

const percent = (r: number) => `${(r * 100).toFixed(1).replace('.', ',')}%`;
const points = (n: number) => n.toFixed(2).replace('.', ',');
const count = (n: number) => n.toLocaleString('vi-VN');

/** What a unit achieved on a criterion, in the criterion's own terms: the figure, Đạt/Không đạt, tasks completed. */
function resultText(c: Pick<CriterionScore, 'tasks' | 'value' | 'status'>): string {
  if (c.tasks?.length) {
    const done = c.tasks.filter((t) => t.timeliness === 'on_time' || t.timeliness === 'late').length;
    return `Hoàn thành ${done}/${c.tasks.length} nhiệm vụ`;
  }
  const v = c.value;
  if (!v) return CRITERION_STATUS_LABELS[c.status];
  if (v.kind === 'ratio')
    return `${count(v.numerator)}/${count(v.denominator)} (${percent(v.numerator / v.denominator)})`;
  if (v.kind === 'boolean') return v.achieved ? 'Đạt' : 'Không đạt';
  if (v.kind === 'count') return count(v.count);
  if (v.kind === 'task') return v.status === 'done' ? 'Hoàn thành' : 'Không hoàn thành';
  return CRITERION_STATUS_LABELS[c.status];
}

export async function awardDossier(deps: Deps, actor: Actor, year: number, unitId: string, campaignId?: string) {
  const campaign = await loadCampaign(deps, campaignId);
  const cy = await loadCampaignYear(deps, campaign, year);
  const clusters = await yearClustersOf(deps, campaign.campaignId, year);
  const cluster = clusters.clusters.find((c) => c.members.includes(unitId)) ?? null;
  // The unit itself, or its cluster's head who sends the dossier up.
  if (!(actor.role === 'unit' && cluster?.head === actor.unitId)) assertMayAccessUnit(actor, unitId);
  // One source: the figures, rank and award of the year's published run, carried-over scores included.
  const results = await deps.results.readResults(campaign.campaignId, year);
  const entry = results?.rankings.find((r) => r.unitId === unitId);
  const revoked = (await deps.catalogue.listRevocations(campaign.campaignId, year)).some((r) => r.unitId === unitId);
  if (!results || !entry?.award || revoked)
    throw new DomainError('CONFLICT', `Đơn vị ${unitId} không được đề nghị khen thưởng năm ${year}: không có hồ sơ`, [
      { field: 'unitId', message: revoked ? 'khen thưởng đã bị thu hồi' : 'không được đề nghị khen thưởng' },
    ]);
  const [page, run, status] = await Promise.all([
    deps.results.readUnitPage(campaign.campaignId, year, unitId),
    deps.results.getRun(campaign.campaignId, year, results.runId),
    resultStatus(deps, campaign.campaignId, year),
  ]);
  if (!page || !run) throw notFound(`kết quả năm ${year} của đơn vị ${unitId}`, 'unitId');
  const unit = page.unit;
  const vote = cluster ? await voteOf(deps, actor, cluster.clusterId, year, campaign.campaignId) : null;
  const names = new Map(results!.rankings.map((r) => [r.unitId, r.name]));
  const headName = cluster?.head ? (names.get(cluster.head) ?? (await loadUnit(deps, cluster.head)).name) : null;
  const facts: DossierFacts = {
    campaign: { ...campaign, issuer: campaign.issuer ?? `Ủy ban nhân dân ${campaign.province}` },
    board: campaign.contact?.office ?? boardOf({ province: campaign.province }),
    year,
    award: AWARD_NAMES[entry.award],
    status: status.status,
    unit: { unitId, name: unit.name, code: (await loadUnit(deps, unitId)).code ?? null, level: unit.level },
    cluster: { name: cluster?.name ?? 'Khối, cụm thi đua', headName },
    score: {
      totalPoints: entry.totalPoints,
      maxPoints: entry.maxPoints,
      metAllTargets: entry.metAllTargets,
      clusterRank: entry.clusterRank,
      levelRank: entry.levelRank,
    },
    decidedBy: AWARD_DECIDED_BY_LABELS[entry.basis?.decidedBy ?? 'ranking'],
    run: {
      finishedAtLocal: run.finishedAt ? formatDateTime(run.finishedAt, campaign.timeZone) : '',
      digest: run.counts?.rankingDigest ?? results.digest,
    },
    criteria: page.predecessors.length
      ? page.predecessors.map((p) => ({
          title: `Kết quả kế thừa từ ${p.name} (đơn vị tiền thân)`,
          result: `${points(p.totalPoints)}/${p.maxPoints}`,
          target: '—',
          met: '—',
          points: `${points(p.totalPoints)}/${p.maxPoints}`,
        }))
      : page.score.criteria.map((c) => {
          const criterion = cy.criteria.find((k) => k.criterionId === c.criterionId)!;
          return {
            title: criterion.title,
            result: resultText(c),
            target: targetText(criterion, unit.level) ?? '—',
            met: c.met === null ? '—' : c.met ? 'Đạt' : 'Chưa đạt',
            points: `${points(c.points)}/${c.maxPoints}`,
          };
        }),
    vote: vote && {
      members: vote.members.length,
      turnout: vote.turnout,
      quorumNeeded: vote.quorumNeeded,
      tally: vote.tally?.map((t) => ({ name: names.get(t.unitId) ?? t.unitId, votes: t.votes })) ?? null,
      votesForUnit: vote.tally?.find((t) => t.unitId === unitId)?.votes ?? null,
      elected: vote.elected?.map((u) => names.get(u) ?? u) ?? null,
    },
    minutes: vote?.minutes ?? null,
    dateline: dateline(placeOf(campaign.province), deps.clock.now(), campaign.timeZone),
  };
  return {
    filename: `ho-so-khen-thuong-${year}-${unitId}`,
    document: buildDossier(facts),
    facts,
    timeZone: campaign.timeZone,
  };
}

/**
 * The dossier as a PDF signed by the board (PAdES, the board's key): `render` makes the PDF (its library stays in the
 * function that serves it). Refused (409) where the deployment has no signing certificate yet.
 */
export async function signedAwardDossier(
  deps: Deps,
  actor: Actor,
  year: number,
  unitId: string,
  campaignId: string | undefined,
  render: (document: DossierDocument) => Promise<Uint8Array>,
) {
  if (!deps.boardSigner) throw new DomainError('CONFLICT', 'Nền tảng này không ký số hồ sơ');
  const signer = await deps.boardSigner.signer();
  const { filename, document, facts, timeZone } = await awardDossier(deps, actor, year, unitId, campaignId);
  const at = deps.clock.now();
  const marked = withDigitalSignature(document, signer, formatDateTime(at, timeZone));
  const pdf = await deps.boardSigner.signPdf(
    await render(marked),
    { reason: `Hồ sơ đề nghị khen thưởng năm ${year}`, location: facts.campaign.province },
    at,
  );
  return { filename, pdf };
}
