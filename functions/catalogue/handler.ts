/** Units, criteria sets, calendars and reopenings. */

import { invalid } from '../../shared/domain/errors.js';
import { csvText, parseCsv, sheetRows } from '../../shared/domain/tables.js';
import type { Deps } from '../../shared/ports.js';
import {
  campaignHistory,
  getCampaign,
  getTaskCatalogue,
  listCampaigns,
  saveCampaign,
  saveTaskCatalogue,
} from '../../shared/services/campaigns.js';
import {
  campaignYearHistory,
  getCampaignYear,
  listCriteria,
  listUnitTasks,
  reopenUnitYear,
  saveCampaignYear,
} from '../../shared/services/catalogue.js';
import { listClients, registerClient, revokeClient } from '../../shared/services/clients.js';
import { FIGURE_COLUMNS, importFigures, REQUIRED_FIGURE_COLUMNS } from '../../shared/services/submissions.js';
import {
  CLUSTER_COLUMNS,
  getUnit,
  importClusters,
  importUnits,
  listUnits,
  saveUnit,
  UNIT_COLUMNS,
  unitHistory,
  yearClusters,
} from '../../shared/services/units.js';
import { openNextYear } from '../../shared/services/year-opening.js';
import { apiHandler, json, type SheetBody } from '../http.js';
import { campaignQuery, criteriaQuery, importQuery, pageQuery, parseOrThrow, unitsQuery, yearPath } from '../params.js';

/** The rows of an uploaded sheet: CSV read here, XLSX by exceljs, loaded only when an XLSX comes. */
async function uploadedRows(body: unknown, columns: readonly string[], required: readonly string[]) {
  const sheet = body as SheetBody | undefined;
  if (!sheet?.bytes) throw invalid('(body)', 'cần gửi tệp CSV hoặc XLSX');
  const cells =
    sheet.format === 'csv'
      ? parseCsv(csvText(sheet.bytes))
      : await (await import('./xlsx-read.js')).xlsxCells(sheet.bytes);
  return { rows: sheetRows(cells, required, columns), sha256: sheet.sha256 };
}

export const createCatalogueHandler = (deps: Deps) =>
  apiHandler(
    'catalogue',
    {
      'GET /v1/units': async ({ query }) => json(200, await listUnits(deps, parseOrThrow(unitsQuery, query))),
      'GET /v1/units/{unitId}': async ({ path }) => json(200, await getUnit(deps, path.unitId!)),
      'GET /v1/units/{unitId}/history': async ({ path, query }) =>
        json(200, await unitHistory(deps, path.unitId!, parseOrThrow(pageQuery, query))),
      'PUT /v1/units/{unitId}': async ({ path, actor, body }) =>
        json(200, await saveUnit(deps, actor!, path.unitId!, body)),
      'GET /v1/units/{unitId}/tasks/{year}': async ({ path, actor, query }) => {
        const { campaignId } = parseOrThrow(campaignQuery, query);
        return json(200, { items: await listUnitTasks(deps, actor!, path.unitId!, yearPath(path), campaignId) });
      },
      'GET /v1/units/{unitId}/clients': async ({ path }) => json(200, await listClients(deps, path.unitId!)),
      'POST /v1/units/{unitId}/clients': async ({ path, actor, body }) =>
        json(201, await registerClient(deps, actor!, path.unitId!, body), { 'cache-control': 'no-store' }),
      'DELETE /v1/units/{unitId}/clients/{clientId}': async ({ path, actor }) =>
        json(200, await revokeClient(deps, actor!, path.unitId!, path.clientId!)),
      'POST /v1/units/{unitId}/years/{year}/reopen': async ({ path, actor, body }) =>
        json(200, await reopenUnitYear(deps, actor!, path.unitId!, yearPath(path), body)),
      'POST /v1/imports/units': async ({ actor, body, query }) => {
        const { dryRun } = parseOrThrow(importQuery, query);
        const sheet = () => uploadedRows(body, UNIT_COLUMNS, ['unitId', 'name', 'level']);
        return json(200, await importUnits(deps, actor!, { dryRun: dryRun === 'true', sheet }));
      },
      'POST /v1/imports/clusters': async ({ actor, body, query }) => {
        const q = parseOrThrow(importQuery, query);
        if (q.year === undefined) throw invalid('year', 'là bắt buộc: năm của các cụm, khối');
        const sheet = () => uploadedRows(body, CLUSTER_COLUMNS, ['clusterId', 'unitId']);
        return json(
          200,
          await importClusters(deps, actor!, q.campaignId, q.year, { dryRun: q.dryRun === 'true', sheet }),
        );
      },
      'POST /v1/imports/figures': async ({ actor, body, query }) => {
        const q = parseOrThrow(importQuery, query);
        const sheet = () => uploadedRows(body, FIGURE_COLUMNS, REQUIRED_FIGURE_COLUMNS);
        return json(200, await importFigures(deps, actor!, q.campaignId, { dryRun: q.dryRun === 'true', sheet }));
      },
      'GET /v1/campaigns': async () => json(200, { items: await listCampaigns(deps) }),
      'GET /v1/campaigns/{campaignId}': async ({ path }) => json(200, await getCampaign(deps, path.campaignId!)),
      'PUT /v1/campaigns/{campaignId}': async ({ path, actor, body }) =>
        json(200, await saveCampaign(deps, actor!, path.campaignId!, body)),
      'GET /v1/campaigns/{campaignId}/history': async ({ path, query }) =>
        json(200, await campaignHistory(deps, path.campaignId!, parseOrThrow(pageQuery, query))),
      'GET /v1/campaigns/{campaignId}/task-catalogues/{catalogue}': async ({ path }) =>
        json(200, await getTaskCatalogue(deps, path.campaignId!, path.catalogue!)),
      'PUT /v1/campaigns/{campaignId}/task-catalogues/{catalogue}': async ({ path, actor, body }) =>
        json(200, await saveTaskCatalogue(deps, actor!, path.campaignId!, path.catalogue!, body)),
      'GET /v1/campaigns/{campaignId}/years/{year}/clusters': async ({ path }) =>
        json(200, await yearClusters(deps, path.campaignId!, yearPath(path))),
      'GET /v1/criteria': async ({ query }) => json(200, await listCriteria(deps, parseOrThrow(criteriaQuery, query))),
      'GET /v1/campaigns/{campaignId}/years/{year}': async ({ path }) =>
        json(200, await getCampaignYear(deps, path.campaignId!, yearPath(path))),
      'GET /v1/campaigns/{campaignId}/years/{year}/history': async ({ path, query }) =>
        json(200, await campaignYearHistory(deps, path.campaignId!, yearPath(path), parseOrThrow(pageQuery, query))),
      'PUT /v1/campaigns/{campaignId}/years/{year}': async ({ path, actor, body }) =>
        json(200, await saveCampaignYear(deps, actor!, path.campaignId!, yearPath(path), body)),
      'POST /v1/campaigns/{campaignId}/years/{year}/open-next': async ({ path, actor, body }) =>
        json(201, await openNextYear(deps, actor!, path.campaignId!, yearPath(path), body ?? {})),
    },
    deps,
  );
