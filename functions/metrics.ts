/**
 * CloudWatch metrics in the embedded metric format: a log line of a known shape that CloudWatch turns into metrics,
 * with no API call in the request path. Written through the logger, so a quiet local server stays quiet. The
 * namespace names the stage; alarms and the dashboard (infra/) read the same names from here.
 */
import { logger } from './log.js';

export const metricsNamespace = (stage = process.env.STAGE ?? 'local') => `ThiDua/${stage}`;

export const METRICS = {
  /** Campaign years whose year-end run is overdue, counted by the hourly watchdog. */
  overdueRuns: { name: 'OverdueYearEndRuns', unit: 'Count' },
  runSucceeded: { name: 'YearEndRunSucceeded', unit: 'Count' },
  runFailed: { name: 'YearEndRunFailed', unit: 'Count' },
  runDuration: { name: 'YearEndRunDuration', unit: 'Milliseconds' },
  submissions: { name: 'ReportsSubmitted', unit: 'Count' },
  decisions: { name: 'ReviewDecisions', unit: 'Count' },
  remindersSent: { name: 'RemindersSent', unit: 'Count' },
  /** Messages that could not be sent (the run fails, the scheduler retries, at last the DLQ has it). */
  remindersFailed: { name: 'RemindersFailed', unit: 'Count' },
} as const;
type Metric = (typeof METRICS)[keyof typeof METRICS];

export function emitMetrics(values: Array<[Metric, number]>) {
  logger.info('metrics', {
    _aws: {
      Timestamp: Date.now(),
      CloudWatchMetrics: [
        {
          Namespace: metricsNamespace(),
          Dimensions: [[]],
          Metrics: values.map(([m]) => ({ Name: m.name, Unit: m.unit })),
        },
      ],
    },
    ...Object.fromEntries(values.map(([m, v]) => [m.name, v])),
  });
}
