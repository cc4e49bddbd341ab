/** Units, criteria sets, calendars and reopenings. */
import type { Deps } from '../../shared/ports.js';
import {
  campaignYearHistory,
  getCampaignYear,
  getUnit,
  listCriteria,
  listUnits,
  listUnitTasks,
  reopenUnitYear,
  saveCampaignYear,
  saveUnit,
  unitHistory,
} from '../../shared/services/catalogue.js';
import { apiHandler, json } from '../http.js';
import { campaignQuery, criteriaQuery, pageQuery, parseOrThrow, unitsQuery, yearPath } from '../params.js';

export const createCatalogueHandler = (deps: Deps) =>
  apiHandler(
    'catalogue',
    {
      'GET /v1/units': async ({ query }) =>
        json(200, { items: await listUnits(deps, parseOrThrow(unitsQuery, query)) }),
      'GET /v1/units/{unitId}': async ({ path }) => json(200, await getUnit(deps, path.unitId!)),
      'GET /v1/units/{unitId}/history': async ({ path, query }) =>
        json(200, await unitHistory(deps, path.unitId!, parseOrThrow(pageQuery, query))),
      'PUT /v1/units/{unitId}': async ({ path, actor, body }) =>
        json(200, await saveUnit(deps, actor!, path.unitId!, body)),
      'GET /v1/units/{unitId}/tasks/{year}': async ({ path, actor, query }) => {
        const { campaignId } = parseOrThrow(campaignQuery, query);
        return json(200, { items: await listUnitTasks(deps, actor!, path.unitId!, yearPath(path), campaignId) });
      },
      'POST /v1/units/{unitId}/years/{year}/reopen': async ({ path, actor, body }) =>
        json(200, await reopenUnitYear(deps, actor!, path.unitId!, yearPath(path), body)),
      'GET /v1/criteria': async ({ query }) => json(200, await listCriteria(deps, parseOrThrow(criteriaQuery, query))),
      'GET /v1/campaigns/{campaignId}/years/{year}': async ({ path }) =>
        json(200, await getCampaignYear(deps, path.campaignId!, yearPath(path))),
      'GET /v1/campaigns/{campaignId}/years/{year}/history': async ({ path, query }) =>
        json(200, await campaignYearHistory(deps, path.campaignId!, yearPath(path), parseOrThrow(pageQuery, query))),
      'PUT /v1/campaigns/{campaignId}/years/{year}': async ({ path, actor, body }) =>
        json(200, await saveCampaignYear(deps, actor!, path.campaignId!, yearPath(path), body)),
    },
    deps,
  );
