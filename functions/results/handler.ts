/** Results of the year-end run: run status, rankings and the report in JSON, CSV and XLSX. */
import { formatDate, formatDateTime } from '../../shared/domain/calendar.js';
import { DomainError } from '../../shared/domain/errors.js';
import { reportTables, toCsv } from '../../shared/domain/report.js';
import type { Campaign } from '../../shared/domain/types.js';
import type { AggregationRun, Deps } from '../../shared/ports.js';
import { loadCampaign } from '../../shared/services/context.js';
import { apiHandler, json } from '../http.js';
import { campaignQuery, parseOrThrow, rankingQuery, reportQuery, yearPath } from '../params.js';
import { toXlsx } from './xlsx.js';

const presentRun = (run: AggregationRun, campaign: Campaign) => ({
  ...run,
  startedAtLocal: formatDateTime(run.startedAt, campaign.timeZone),
  finishedAtLocal: run.finishedAt ? formatDateTime(run.finishedAt, campaign.timeZone) : null,
});

async function loadResults(deps: Deps, campaign: Campaign, year: number) {
  const results = await deps.results.readResults(campaign.campaignId, year);
  if (!results)
    throw new DomainError('AGGREGATION_NOT_FOUND', `Chưa có kết quả tổng hợp, xếp hạng năm ${year}`, [
      { field: 'year', message: 'chưa chạy tổng hợp' },
    ]);
  return results;
}

export const createResultsHandler = (deps: Deps) =>
  apiHandler(
    'results',
    {
      'GET /v1/aggregations/{year}': async ({ path, query }) => {
        const year = yearPath(path);
        const campaign = await loadCampaign(deps, parseOrThrow(campaignQuery, query).campaignId);
        const runs = await deps.results.listRuns(campaign.campaignId, year);
        if (runs.length === 0)
          throw new DomainError('AGGREGATION_NOT_FOUND', `Chưa chạy tổng hợp năm ${year}`, [
            { field: 'year', message: 'chưa chạy tổng hợp' },
          ]);
        return json(200, {
          campaignId: campaign.campaignId,
          year,
          latest: presentRun(runs[0]!, campaign),
          runs: runs.map((r) => presentRun(r, campaign)),
        });
      },
      'GET /v1/rankings/{year}': async ({ path, query }) => {
        const year = yearPath(path);
        const q = parseOrThrow(rankingQuery, query);
        const campaign = await loadCampaign(deps, q.campaignId);
        const { rankings } = await loadResults(deps, campaign, year);
        const clusterNames = new Map(campaign.clusters.map((c) => [c.clusterId, c.name]));
        const items = rankings
          .filter((r) => (!q.level || r.level === q.level) && (!q.cluster || r.cluster === q.cluster))
          .map((r) => ({
            rank: q.cluster ? r.clusterRank : r.levelRank,
            ...r,
            clusterName: r.cluster ? (clusterNames.get(r.cluster) ?? r.cluster) : null,
          }))
          .sort((a, b) => a.level.localeCompare(b.level) || (a.rank ?? 0) - (b.rank ?? 0));
        return json(200, { campaignId: campaign.campaignId, year, items });
      },
      'GET /v1/reports/{year}': async ({ path, query }) => {
        const year = yearPath(path);
        const q = parseOrThrow(reportQuery, query);
        const campaign = await loadCampaign(deps, q.campaignId);
        const results = await loadResults(deps, campaign, year);
        const clusterNames = Object.fromEntries(campaign.clusters.map((c) => [c.clusterId, c.name]));
        const tables = reportTables(results.summary, results.rankings, clusterNames);
        const heading = [
          `BÁO CÁO KẾT QUẢ ${campaign.name.toUpperCase()} NĂM ${year}`,
          `Căn cứ Kế hoạch số ${campaign.documentNumber} ngày ${formatDate(`${campaign.issuedOn}T12:00:00Z`, campaign.timeZone)} - ${campaign.province}`,
          `Ngày lập: ${formatDate(deps.clock.now(), campaign.timeZone)}`,
        ];
        const filename = `bao-cao-thi-dua-${campaign.campaignId}-${year}`;
        if (q.format === 'csv') {
          return {
            statusCode: 200,
            headers: {
              'content-type': 'text/csv; charset=utf-8',
              'content-disposition': `attachment; filename="${filename}.csv"`,
            },
            body: toCsv(heading, tables),
          };
        }
        if (q.format === 'xlsx') {
          const buffer = await toXlsx(heading, tables, ['Tổng hợp', 'Xếp hạng']);
          return {
            statusCode: 200,
            isBase64Encoded: true,
            body: buffer.toString('base64'),
            headers: {
              'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
              'content-disposition': `attachment; filename="${filename}.xlsx"`,
            },
          };
        }
        return json(200, { campaignId: campaign.campaignId, year, heading, summary: results.summary, tables });
      },
    },
    deps,
  );
