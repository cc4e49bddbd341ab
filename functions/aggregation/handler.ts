/**
 * The year-end aggregation: one handler started by the EventBridge Scheduler schedule, by an admin's
 * POST /v1/aggregations/{year}, and by the local server's scheduler (same schedule definition).
 */

import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { type ScheduledEvent, scheduledEventSchema, WATCHDOG_EVENT } from '../../shared/domain/schemas.js';
import { parseOrThrow } from '../../shared/domain/validation.js';
import type { Deps } from '../../shared/ports.js';
import { finalizeYear, reopenYear, revokeAward } from '../../shared/services/finalization.js';
import { reopenStage } from '../../shared/services/round.js';
import { type AggregationRequest, overdueYearEndRuns, runAggregation } from '../../shared/services/scores.js';
import { type ApiEvent, apiHandler, isApiEvent, json } from '../http.js';
import { logger } from '../log.js';
import { emitMetrics, METRICS } from '../metrics.js';
import { campaignQuery, stagePath, yearPath } from '../params.js';

export function createAggregationHandler(deps: Deps) {
  const api = apiHandler(
    'aggregation',
    {
      'POST /v1/aggregations/{year}': async ({ actor, path, query }) => {
        const run = await measuredRun(deps, {
          campaignId: parseOrThrow(campaignQuery, query).campaignId,
          year: yearPath(path),
          trigger: 'admin',
          startedBy: actor!.sub,
          actor: actor!,
          runId: randomUUID(),
        });
        return json(200, run);
      },
      'POST /v1/years/{year}/finalize': async ({ actor, path, query, body }) =>
        json(
          200,
          await finalizeYear(deps, actor!, yearPath(path), body, parseOrThrow(campaignQuery, query).campaignId),
        ),
      'POST /v1/years/{year}/stages/{stage}/reopen': async ({ actor, path, body }) => {
        const { year, stage } = stagePath(path);
        return json(200, await reopenStage(deps, actor!, year, stage, body));
      },
      'POST /v1/awards/{year}/{unitId}/revoke': async ({ actor, path, query, body }) =>
        json(
          200,
          await revokeAward(
            deps,
            actor!,
            yearPath(path),
            path.unitId!,
            body,
            parseOrThrow(campaignQuery, query).campaignId,
          ),
        ),
      'POST /v1/years/{year}/reopen': async ({ actor, path, query, body }) =>
        json(200, await reopenYear(deps, actor!, yearPath(path), body, parseOrThrow(campaignQuery, query).campaignId)),
    },
    deps,
  );
  return async (event: ApiEvent | ScheduledEvent | typeof WATCHDOG_EVENT, context: Context) => {
    if (isApiEvent(event)) return api(event, context);
    if (event.source === WATCHDOG_EVENT.source) {
      const overdue = await overdueYearEndRuns(deps);
      if (overdue.length) logger.warn('year-end runs overdue', { overdue });
      emitMetrics([[METRICS.overdueRuns, overdue.length]]);
      return { overdue };
    }
    const e = scheduledEventSchema.parse(event);
    // A year finalized before its scheduled run keeps its final results: the schedule has nothing to do.
    if (e.campaignId && e.year && (await deps.catalogue.getFinalization(e.campaignId, e.year))?.state === 'final') {
      logger.info('year-end run skipped: the year is finalized', { campaignId: e.campaignId, year: e.year });
      return { skipped: 'finalized' };
    }
    const run = await measuredRun(deps, {
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

/** A run, counted in the metrics the alarms watch: succeeded with its duration, or failed (scheduled or admin's). */
async function measuredRun(deps: Deps, request: AggregationRequest) {
  const started = Date.now();
  try {
    const run = await runAggregation(deps, request);
    emitMetrics([
      [METRICS.runSucceeded, 1],
      [METRICS.runDuration, Date.now() - started],
    ]);
    return run;
  } catch (err) {
    emitMetrics([[METRICS.runFailed, 1]]);
    throw err;
  }
}
