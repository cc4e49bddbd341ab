/** Results of the year-end run: run status, rankings and the report in JSON, CSV and XLSX. */
import { invalid } from '../../shared/domain/errors.js';
import { toCsv } from '../../shared/domain/report.js';
import type { Deps } from '../../shared/ports/index.js';
import { awardDossier, signedAwardDossier } from '../../shared/services/dossier.js';
import { aggregationRuns, rankings, yearReport } from '../../shared/services/results.js';
import { aggregationRun } from '../../shared/services/runs.js';
import { unitResults } from '../../shared/services/unit-results.js';
import { apiHandler, json } from '../http.js';
import {
  campaignQuery,
  dossierQuery,
  parseOrThrow,
  rankingQuery,
  reportQuery,
  resultsQuery,
  runIdPath,
  yearPath,
} from '../params.js';

export const createResultsHandler = (deps: Deps) =>
  apiHandler(
    'results',
    {
      'GET /v1/aggregations/{year}': async ({ path, query }) =>
        json(200, await aggregationRuns(deps, yearPath(path), parseOrThrow(campaignQuery, query).campaignId)),
      'GET /v1/aggregations/{year}/runs/{runId}': async ({ path, query }) =>
        json(
          200,
          await aggregationRun(deps, yearPath(path), runIdPath(path), parseOrThrow(campaignQuery, query).campaignId),
        ),
      'GET /v1/units/{unitId}/results': async ({ path, query }) =>
        json(200, await unitResults(deps, path.unitId!, parseOrThrow(resultsQuery, query))),
      'GET /v1/rankings/{year}': async ({ path, query }) =>
        json(200, await rankings(deps, yearPath(path), parseOrThrow(rankingQuery, query))),
      'GET /v1/reports/{year}': async ({ path, query }) => {
        const q = parseOrThrow(reportQuery, query);
        const { filename, ...report } = await yearReport(deps, yearPath(path), {
          campaignId: q.campaignId,
          codes: q.codes === 'true',
        });
        if (q.format === 'csv') {
          return {
            statusCode: 200,
            headers: {
              'content-type': 'text/csv; charset=utf-8',
              'content-disposition': `attachment; filename="${filename}.csv"`,
            },
            body: toCsv(report.heading, report.tables, q.separator),
          };
        }
        if (q.format === 'xlsx') {
          // The XLSX library is large: loaded only when an XLSX is asked for, not at every cold start.
          const { toXlsx } = await import('./xlsx.js');
          const buffer = await toXlsx(report, ['Tổng hợp', 'Xếp hạng']);
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
        return json(200, report);
      },
      'GET /v1/awards/{year}/{unitId}/dossier': async ({ actor, path, query }) => {
        const q = parseOrThrow(dossierQuery, query);
        const pdf = q.format === 'pdf';
        if (q.signed === 'true' && !pdf) throw invalid('signed', 'chỉ bản PDF được ký số: thêm format=pdf');
        // The DOCX and PDF libraries are loaded only when a dossier is asked for.
        const { toDocx, toPdf } = await import('./dossier.js');
        const { filename, bytes } =
          q.signed === 'true'
            ? await signedAwardDossier(deps, actor!, yearPath(path), path.unitId!, q.campaignId, toPdf).then((d) => ({
                filename: `${d.filename}-ky-so`,
                bytes: d.pdf,
              }))
            : await awardDossier(deps, actor!, yearPath(path), path.unitId!, q.campaignId).then(async (d) => ({
                filename: d.filename,
                bytes: pdf ? await toPdf(d.document) : await toDocx(d.document),
              }));
        return {
          statusCode: 200,
          isBase64Encoded: true,
          body: Buffer.from(bytes).toString('base64'),
          headers: {
            'content-type': pdf
              ? 'application/pdf'
              : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
            'content-disposition': `attachment; filename="${filename}.${pdf ? 'pdf' : 'docx'}"`,
          },
        };
      },
    },
    deps,
  );
