/**
 * The year-end aggregation: one handler started by the EventBridge Scheduler schedule, by an admin's
 * POST /v1/aggregations/{year}, and by the local server's scheduler (same schedule definition).
 */

import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { assertMayActOnCampaign } from '../../shared/domain/auth.js';
import {
  JOB_SOURCE,
  type JobEvent,
  jobEventSchema,
  type ScheduledEvent,
  scheduledEventSchema,
  WATCHDOG_EVENT,
} from '../../shared/domain/schemas.js';
import type { AggregationRun, Deps } from '../../shared/ports/index.js';
import { loadCampaign } from '../../shared/services/context.js';
import { decideTie, finalizeYear, reopenYear, revokeAward } from '../../shared/services/finalization.js';
import { reopenStage } from '../../shared/services/round.js';
import { adminRun, executeAggregation, presentRun, runAggregation } from '../../shared/services/runs.js';
import { overdueYearEndRuns } from '../../shared/services/scores.js';
import { type ApiEvent, apiHandler, isApiEvent, json } from '../http.js';
import { logger } from '../log.js';
import { emitMetrics, METRICS } from '../metrics.js';
import { campaignQuery, parseOrThrow, stagePath, yearPath } from '../params.js';

export function createAggregationHandler(deps: Deps) {
  const api = apiHandler(
    'aggregation',
    {
      // Answered at once: the run goes on as a job; its record (statusUrl) says where it stands.
      'POST /v1/aggregations/{year}': async ({ actor, path, query }) => {
        const { campaignId } = parseOrThrow(campaignQuery, query);
        const year = yearPath(path);
        const campaign = await loadCampaign(deps, campaignId);
        assertMayActOnCampaign(actor!, campaign.campaignId);
        const run = await adminRun(deps, campaign, year, actor!);
        const presented = presentRun(run, campaign, deps.clock.now());
        return json(202, presented, { location: presented.statusUrl });
      },
      'POST /v1/years/{year}/finalize': async ({ actor, path, query, body }) => {
        const f = await finalizeYear(deps, actor!, yearPath(path), body, parseOrThrow(campaignQuery, query).campaignId);
        return f.run ? json(202, f, { location: f.run.statusUrl }) : json(200, f);
      },
      'POST /v1/awards/{year}/tie-decisions': async ({ actor, path, query, body }) =>
        json(201, await decideTie(deps, actor!, yearPath(path), body, parseOrThrow(campaignQuery, query).campaignId)),
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
  return async (event: ApiEvent | ScheduledEvent | JobEvent | typeof WATCHDOG_EVENT, context: Context) => {
    if (isApiEvent(event)) return api(event, context);
    if (event.source === WATCHDOG_EVENT.source) {
      const overdue = await overdueYearEndRuns(deps);
      if (overdue.length) logger.warn('year-end runs overdue', { overdue });
      emitMetrics([[METRICS.overdueRuns, overdue.length]]);
      return { overdue };
    }
    // A run an admin or a finalization asked for: a failure is thrown, so Lambda retries it and at last sends it to
    // the dead-letter queue, where an alarm sees it.
    if (event.source === JOB_SOURCE) {
      const { job } = jobEventSchema.parse(event);
      if (job.kind !== 'aggregation') throw new Error(`not a job of this function: ${job.kind}`);
      return measured(() => executeAggregation(deps, job));
    }
    const e = scheduledEventSchema.parse(event);
    // A year finalized before its scheduled run keeps its final results: the schedule has nothing to do.
    if (e.campaignId && e.year && (await deps.catalogue.getFinalization(e.campaignId, e.year))?.state === 'final') {
      logger.info('year-end run skipped: the year is finalized', { campaignId: e.campaignId, year: e.year });
      return { skipped: 'finalized' };
    }
    const run = await measured(() =>
      runAggregation(deps, {
        campaignId: e.campaignId,
        year: e.year,
        trigger: e.trigger,
        startedBy: 'scheduler',
        runId: randomUUID(),
      }),
    );
    logger.info('year-end aggregation finished', { ...run });
    return run;
  };
}

/** A run, counted in the metrics the alarms watch: succeeded with its duration, or failed (scheduled or admin's). */
async function measured(run: () => Promise<AggregationRun>) {
  const started = Date.now();
  try {
    const done = await run();
    if (done.status === 'succeeded')
      emitMetrics([
        [METRICS.runSucceeded, 1],
        [METRICS.runDuration, Date.now() - started],
      ]);
    return done;
  } catch (err) {
    emitMetrics([[METRICS.runFailed, 1]]);
    throw err;
  }
}
