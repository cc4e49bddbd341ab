/**
 * The year-end aggregation: one handler started by the EventBridge Scheduler schedule, by an admin's
 * POST /v1/aggregations/{year}, and by the local server's scheduler (same schedule definition).
 */

import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { type ScheduledEvent, scheduledEventSchema } from '../../shared/domain/schemas.js';
import { parseOrThrow } from '../../shared/domain/validation.js';
import type { Deps } from '../../shared/ports.js';
import { runAggregation } from '../../shared/services/scores.js';
import { type ApiEvent, apiHandler, json } from '../http.js';
import { logger } from '../log.js';
import { campaignQuery, yearPath } from '../params.js';

const isApiEvent = (event: unknown): event is ApiEvent =>
  typeof event === 'object' && event !== null && 'requestContext' in event;

export function createAggregationHandler(deps: Deps) {
  const api = apiHandler(
    'aggregation',
    {
      'POST /v1/aggregations/{year}': async ({ actor, path, query }) => {
        const run = await runAggregation(deps, {
          campaignId: parseOrThrow(campaignQuery, query).campaignId,
          year: yearPath(path),
          trigger: 'admin',
          startedBy: actor!.sub,
          actor: actor!,
          runId: randomUUID(),
        });
        return json(200, run);
      },
    },
    deps,
  );
  return async (event: ApiEvent | ScheduledEvent, context: Context) => {
    if (isApiEvent(event)) return api(event, context);
    const e = scheduledEventSchema.parse(event);
    const run = await runAggregation(deps, {
      campaignId: e.campaignId,
      year: e.year,
      trigger: e.trigger,
      startedBy: 'scheduler',
      runId: randomUUID(),
    });
    logger.info('year-end aggregation finished', { ...run });
    return run;
  };
}
