/** Units, criteria sets, calendars and reopenings, sheet imports (large ones as jobs of this function). */

import type { Context } from 'aws-lambda';
import { type JobEvent, jobEventSchema } from '../../shared/domain/schemas.js';
import type { Deps } from '../../shared/ports/index.js';
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
import { getImport } from '../../shared/services/imports.js';
import { getUnit, listUnits, saveUnit, unitHistory, yearClusters } from '../../shared/services/units.js';
import { openNextYear } from '../../shared/services/year-opening.js';
import { type ApiEvent, apiHandler, isApiEvent, json } from '../http.js';
import { campaignQuery, criteriaQuery, pageQuery, parseOrThrow, unitsQuery, yearPath } from '../params.js';
import { runImportJob, sheetImport } from './imports.js';

export function createCatalogueHandler(deps: Deps) {
  const api = apiHandler(
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
      'POST /v1/imports/units': ({ actor, body, query }) => sheetImport(deps, actor!, 'units', query, body),
      'POST /v1/imports/clusters': ({ actor, body, query }) => sheetImport(deps, actor!, 'clusters', query, body),
      'POST /v1/imports/figures': ({ actor, body, query }) => sheetImport(deps, actor!, 'figures', query, body),
      'GET /v1/imports/{importId}': async ({ actor, path }) => json(200, await getImport(deps, actor!, path.importId!)),
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
  return async (event: ApiEvent | JobEvent, context: Context) => {
    if (isApiEvent(event)) return api(event, context);
    const { job } = jobEventSchema.parse(event);
    if (job.kind !== 'import') throw new Error(`not a job of this function: ${job.kind}`);
    return runImportJob(deps, job.importId);
  };
}
