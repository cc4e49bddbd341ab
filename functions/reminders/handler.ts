/**
 * Reminders before the reporting deadline and the reviewers' daily digest (started by their schedules), and the
 * mailboxes (Hộp thư) that show what was sent: GET /v1/messages.
 */
import type { Context } from 'aws-lambda';
import { type ReminderEvent, reminderEventSchema } from '../../shared/domain/schemas.js';
import type { Deps } from '../../shared/ports/index.js';
import {
  listMessages,
  RemindersFailed,
  type Sending,
  sendDeadlineReminders,
  sendReviewDigest,
} from '../../shared/services/reminders.js';
import { type ApiEvent, apiHandler, isApiEvent, json } from '../http.js';
import { logger } from '../log.js';
import { emitMetrics, METRICS } from '../metrics.js';
import { messagesQuery, parseOrThrow } from '../params.js';

export function createRemindersHandler(deps: Deps) {
  const api = apiHandler(
    'reminders',
    {
      'GET /v1/messages': async ({ actor, query }) =>
        json(200, await listMessages(deps, actor!, parseOrThrow(messagesQuery, query)), {
          'cache-control': 'no-store',
        }),
    },
    deps,
  );
  return async (event: ApiEvent | ReminderEvent, context: Context) => {
    if (isApiEvent(event)) return api(event, context);
    const e = reminderEventSchema.parse(event);
    let outcome: Sending;
    try {
      outcome =
        e.kind === 'deadline-reminder'
          ? await sendDeadlineReminders(deps, { campaignId: e.campaignId, year: e.year, daysBefore: e.daysBefore })
          : await sendReviewDigest(deps, { campaignId: e.campaignId, year: e.year, scheduledAt: e.scheduledAt });
    } catch (err) {
      // Every failure counts: a message that did not go, and a run that broke before it sent anything.
      emitMetrics(
        err instanceof RemindersFailed
          ? [
              [METRICS.remindersSent, err.outcome.sent],
              [METRICS.remindersFailed, err.outcome.failed],
            ]
          : [[METRICS.remindersFailed, 1]],
      );
      logger.error('reminders failed', { event: e, error: String(err) });
      throw err;
    }
    emitMetrics([
      [METRICS.remindersSent, outcome.sent],
      [METRICS.remindersFailed, 0],
    ]);
    logger.info('reminders sent', { event: e, ...outcome });
    return outcome;
  };
}
