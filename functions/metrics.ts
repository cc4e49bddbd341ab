/**
 * CloudWatch metrics in the embedded metric format, written by Powertools Metrics: a log line of a known shape that
 * CloudWatch turns into metrics, with no API call in the request path. The namespace names the stage; alarms and the
 * dashboard (infra/) read the same names from here. A quiet local server (tests, benchmarks) publishes none.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

export const metricsNamespace = (stage = process.env.STAGE ?? 'local') => `ThiDua/${stage}`;

export const METRICS = {
  /** Campaign years whose year-end run is overdue, counted by the hourly watchdog. */
  overdueRuns: { name: 'OverdueYearEndRuns', unit: MetricUnit.Count },
  runSucceeded: { name: 'YearEndRunSucceeded', unit: MetricUnit.Count },
  runFailed: { name: 'YearEndRunFailed', unit: MetricUnit.Count },
  runDuration: { name: 'YearEndRunDuration', unit: MetricUnit.Milliseconds },
  submissions: { name: 'ReportsSubmitted', unit: MetricUnit.Count },
  decisions: { name: 'ReviewDecisions', unit: MetricUnit.Count },
  remindersSent: { name: 'RemindersSent', unit: MetricUnit.Count },
  /** Messages that could not be sent (the run fails, the scheduler retries, at last the DLQ has it). */
  remindersFailed: { name: 'RemindersFailed', unit: MetricUnit.Count },
} as const;
type Metric = (typeof METRICS)[keyof typeof METRICS];

let publishing = true;
/** The local server's quiet mode (tests, benchmarks) publishes no metrics, as its logger writes only errors. */
export const publishMetrics = (on: boolean) => {
  publishing = on;
};

/** The process's one Metrics, made at its first metric (Powertools builds a console and reads the settings for it). */
let metrics: Metrics | null = null;

/** One line with these values (one EMF document), published at once: no metric waits for the end of a request. */
export function emitMetrics(values: Array<[Metric, number]>) {
  if (!publishing) return;
  metrics ??= new Metrics({ namespace: metricsNamespace(), serviceName: 'thi-dua-cds' });
  for (const [m, v] of values) metrics.addMetric(m.name, m.unit, v);
  metrics.publishStoredMetrics();
}
