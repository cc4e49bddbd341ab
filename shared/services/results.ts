/** Results of the year-end run as people read them: runs, rankings by level or cluster, the year's report. */
import { formatDate, formatDateTime } from '../domain/calendar.js';
import { dateline, placeOf } from '../domain/dossier.js';
import { DomainError, notFound } from '../domain/errors.js';
import { DOWNLOAD_LINK_MINUTES } from '../domain/evidence-files.js';
import { levelLabelsOn } from '../domain/levels.js';
import { reportTables } from '../domain/report.js';
import { signatureLines } from '../domain/signatures.js';
import type { Campaign, Level } from '../domain/types.js';
import type { Deps } from '../ports/index.js';
import { cutOffOf, loadCampaign, loadCampaignYear } from './context.js';
import { resultStatus } from './finalization.js';
import { presentRun } from './runs.js';

const notAggregated = (message: string) =>
  new DomainError('AGGREGATION_NOT_FOUND', message, [{ field: 'year', message: 'chưa chạy tổng hợp' }]);

async function loadResults(deps: Deps, campaign: Campaign, year: number) {
  const results = await deps.results.readResults(campaign.campaignId, year);
  if (!results) throw notAggregated(`Chưa có kết quả tổng hợp, xếp hạng năm ${year}`);
  return results;
}

/** The year's aggregation runs, newest first, and which one the year's results are. */
export async function aggregationRuns(deps: Deps, year: number, campaignId?: string) {
  const campaign = await loadCampaign(deps, campaignId);
  const [runs, results] = await Promise.all([
    deps.results.listRuns(campaign.campaignId, year),
    deps.results.readResults(campaign.campaignId, year),
  ]);
  if (runs.length === 0) throw notAggregated(`Chưa chạy tổng hợp năm ${year}`);
  return {
    campaignId: campaign.campaignId,
    year,
    latest: presentRun(runs[0]!, campaign, deps.clock.now()),
    publishedRunId: results?.runId ?? null,
    runs: runs.map((r) => presentRun(r, campaign, deps.clock.now())),
  };
}

/** The names of a year's clusters: the year's own (set by import for that year), else the campaign's. */
async function clusterNamesOf(deps: Deps, campaign: Campaign, year: number): Promise<Record<string, string>> {
  const names: Record<string, string> = Object.fromEntries(campaign.clusters.map((c) => [c.clusterId, c.name]));
  for (const c of (await deps.catalogue.getYearClusters(campaign.campaignId, year))?.clusters ?? [])
    names[c.clusterId] = c.name;
  return names;
}

/** Rankings of a level or a cluster/block: `rank` is the rank within what was asked for. */
export async function rankings(
  deps: Deps,
  year: number,
  filter: { level?: Level; cluster?: string; campaignId?: string },
) {
  const campaign = await loadCampaign(deps, filter.campaignId);
  const results = await loadResults(deps, campaign, year);
  const clusterNames = new Map(Object.entries(await clusterNamesOf(deps, campaign, year)));
  const revoked = new Map((await deps.catalogue.listRevocations(campaign.campaignId, year)).map((r) => [r.unitId, r]));
  const items = results.rankings
    .filter((r) => (!filter.level || r.level === filter.level) && (!filter.cluster || r.cluster === filter.cluster))
    .map((r) => ({
      rank: filter.cluster ? r.clusterRank : r.levelRank,
      ...r,
      clusterName: r.cluster ? (clusterNames.get(r.cluster) ?? r.cluster) : null,
      // A revoked award stays visible as revoked (publicity): when, and why.
      awardRevoked: ((v) =>
        v
          ? { reason: v.reason, revokedAt: v.revokedAt, revokedAtLocal: formatDateTime(v.revokedAt, campaign.timeZone) }
          : null)(revoked.get(r.unitId)),
    }))
    .sort((a, b) => a.level.localeCompare(b.level) || (a.rank ?? 0) - (b.rank ?? 0));
  return { campaignId: campaign.campaignId, year, ...(await resultStatus(deps, campaign.campaignId, year)), items };
}

/** The year-end report (báo cáo tổng kết): its heading, naming the campaign's legal basis, and its tables. */
export async function yearReport(deps: Deps, year: number, options: { campaignId?: string; codes?: boolean } = {}) {
  const campaign = await loadCampaign(deps, options.campaignId);
  const results = await loadResults(deps, campaign, year);
  const [cy, clusterNames, status] = await Promise.all([
    loadCampaignYear(deps, campaign, year),
    clusterNamesOf(deps, campaign, year),
    resultStatus(deps, campaign.campaignId, year),
  ]);
  // A provisional report says so in its title, on screen and on paper.
  const heading = [
    // The year before the movement's name ("…ĐỊNH HƯỚNG ĐẾN NĂM 2030 NĂM 2026" read as one phrase).
    `BÁO CÁO KẾT QUẢ NĂM ${year}: ${campaign.name.toUpperCase()}${status.status === 'provisional' ? ` (${status.statusLabel.toUpperCase()})` : ''}`,
    `Căn cứ văn bản số ${campaign.documentNumber} ngày ${formatDate(`${campaign.issuedOn}T12:00:00Z`, campaign.timeZone)} của ${campaign.issuer ?? campaign.province}`,
    `Ngày lập: ${formatDate(deps.clock.now(), campaign.timeZone)}`,
  ];
  return {
    campaignId: campaign.campaignId,
    year,
    ...status,
    heading,
    summary: results.summary,
    tables: reportTables(results.summary, results.rankings, clusterNames, {
      codes: options.codes,
      levelLabels: levelLabelsOn(cutOffOf(cy)),
    }),
    // Where and when it was drawn up (địa danh, ngày tháng năm), above the signatures of a printed report.
    dateline: dateline(placeOf(campaign.province), deps.clock.now(), campaign.timeZone),
    filename: `bao-cao-thi-dua-${campaign.campaignId}-${year}`,
  };
}

/** The run whose results are the year's, with the verifiable scorecard it left. */
async function publishedRun(deps: Deps, campaign: Campaign, year: number) {
  const results = await deps.results.readResults(campaign.campaignId, year);
  const run = results && (await deps.results.getRun(campaign.campaignId, year, results.runId));
  if (!run) throw notAggregated(`Chưa có kết quả tổng hợp, xếp hạng năm ${year}`);
  return run;
}
async function publishedBundle(deps: Deps, campaign: Campaign, year: number) {
  const run = await publishedRun(deps, campaign, year);
  if (!run.bundle || !deps.blobs)
    throw notAggregated(`Chưa có bảng điểm kiểm chứng năm ${year}: cần chạy tổng hợp, xếp hạng`);
  return { run, bundle: run.bundle, blobs: deps.blobs };
}

/** Where to fetch the year's scorecard bundle (a short-lived link), with what identifies it. */
export async function scorecardBundle(deps: Deps, year: number, campaignId?: string) {
  const campaign = await loadCampaign(deps, campaignId);
  const { run, bundle, blobs } = await publishedBundle(deps, campaign, year);
  const expiresAt = new Date(deps.clock.now().getTime() + DOWNLOAD_LINK_MINUTES * 60_000);
  const fileName = `bang-diem-${campaign.campaignId}-${year}-${run.runId.slice(0, 8)}.zip`;
  return {
    campaignId: campaign.campaignId,
    year,
    runId: run.runId,
    finishedAt: run.finishedAt,
    digest: run.counts?.rankingDigest ?? null,
    sha256: bundle.sha256,
    bytes: bundle.bytes,
    fileName,
    url: await blobs.downloadLink(bundle.key, { fileName, contentType: 'application/zip' }, expiresAt),
    expiresAt: expiresAt.toISOString(),
  };
}

/**
 * A unit's public scorecard (công khai): how each point was earned, from the page the year's run wrote for it — the
 * same data its verifiable bundle holds. Reviewers' identities stay out of the public view.
 */
export async function publicScorecard(deps: Deps, year: number, unitId: string, campaignId?: string) {
  const campaign = await loadCampaign(deps, campaignId);
  const run = await publishedRun(deps, campaign, year);
  const page = await deps.results.readUnitPage(campaign.campaignId, year, unitId);
  if (!page) throw notFound(`bảng điểm năm ${year} của đơn vị ${unitId}`, 'unitId');
  const cy = await deps.catalogue.getCampaignYear(campaign.campaignId, year);
  const titles = new Map((cy?.criteria ?? []).map((c) => [c.criterionId, c.title]));
  const signatures = page.evidenceSignatures;
  return {
    campaignId: campaign.campaignId,
    campaignName: campaign.name,
    year,
    runId: run.runId,
    finishedAt: run.finishedAt,
    finishedAtLocal: run.finishedAt ? formatDateTime(run.finishedAt, campaign.timeZone) : null,
    digest: run.counts?.rankingDigest ?? null,
    bundleSha256: run.bundle?.sha256 ?? null,
    ...(await resultStatus(deps, campaign.campaignId, year)),
    unit: page.unit,
    ranking: page.ranking,
    score: {
      ...page.score,
      criteria: page.score.criteria.map((c) => ({ ...c, title: titles.get(c.criterionId) ?? c.criterionId })),
    },
    figures: page.figures,
    /**
     * The cited files' signatures as the run found them, as people read them, by SHA-256 (no read per request): a file
     * the run lists none for has none. Pages of runs from before signatures were read say nothing.
     */
    evidenceSignatures: signatures
      ? Object.fromEntries(
          page.figures
            .flatMap((f) => f.fileHashes)
            .map((sha) => [sha, signatureLines(signatures[sha] ?? [], campaign.timeZone)]),
        )
      : {},
    predecessors: page.predecessors,
  };
}
