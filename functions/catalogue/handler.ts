/** Units, criteria sets, calendars and reopenings. */
import { assertMayAccessUnit } from '../../shared/domain/auth.js';
import { taskDueDate, tasksForUnit } from '../../shared/domain/criteria.js';
import type { Deps } from '../../shared/ports.js';
import {
  getCampaignYear,
  listCriteria,
  reopenUnitYear,
  saveCampaignYear,
  saveUnit,
} from '../../shared/services/catalogue.js';
import { loadCampaign, loadCampaignYear, loadUnit, localTime } from '../../shared/services/context.js';
import { apiHandler, json } from '../http.js';
import { campaignQuery, criteriaQuery, parseOrThrow, unitsQuery, yearPath } from '../params.js';

export const createCatalogueHandler = (deps: Deps) =>
  apiHandler(
    'catalogue',
    {
      'GET /v1/units': async ({ query }) => {
        const q = parseOrThrow(unitsQuery, query);
        const units = await deps.catalogue.listUnits(q);
        return json(200, { items: units.sort((a, b) => a.unitId.localeCompare(b.unitId)) });
      },
      'GET /v1/units/{unitId}': async ({ path, actor }) => {
        const { audit, ...unit } = await loadUnit(deps, path.unitId!);
        if (actor!.role !== 'admin') return json(200, unit);
        const campaign = await loadCampaign(deps);
        return json(200, { ...unit, audit: audit.map((e) => ({ ...e, atLocal: localTime(e.at, campaign) })) });
      },
      'PUT /v1/units/{unitId}': async ({ path, actor, body }) =>
        json(200, await saveUnit(deps, actor!, path.unitId!, body)),
      'GET /v1/units/{unitId}/tasks/{year}': async ({ path, actor, query }) => {
        assertMayAccessUnit(actor!, path.unitId!);
        const year = yearPath(path);
        const campaign = await loadCampaign(deps, parseOrThrow(campaignQuery, query).campaignId);
        const [unit, cy] = await Promise.all([loadUnit(deps, path.unitId!), loadCampaignYear(deps, campaign, year)]);
        const items = [];
        for (const c of cy.criteria) {
          if (c.kind !== 'task' || !c.levels.includes(unit.level)) continue;
          const tasks = tasksForUnit(await deps.catalogue.getTasks(campaign.campaignId, c.taskCatalogue), unit, year);
          items.push(...tasks.map((t) => ({ criterionId: c.criterionId, ...t, dueOn: taskDueDate(t, year) })));
        }
        return json(200, { items });
      },
      'POST /v1/units/{unitId}/years/{year}/reopen': async ({ path, actor, body }) =>
        json(200, await reopenUnitYear(deps, actor!, path.unitId!, yearPath(path), body)),
      'GET /v1/criteria': async ({ query }) => json(200, await listCriteria(deps, parseOrThrow(criteriaQuery, query))),
      'GET /v1/campaigns/{campaignId}/years/{year}': async ({ path }) =>
        json(200, await getCampaignYear(deps, path.campaignId!, yearPath(path))),
      'PUT /v1/campaigns/{campaignId}/years/{year}': async ({ path, actor, body }) =>
        json(200, await saveCampaignYear(deps, actor!, path.campaignId!, yearPath(path), body)),
    },
    deps,
  );
