/**
 * Structured JSON logs: one line per event, with the fields Powertools Logger writes (level, message, timestamp,
 * service, xray_trace_id) so CloudWatch Logs Insights reads them the same way. Every line of an API request carries
 * its keys — the requestId (API Gateway's, the one the answer's x-request-id and an error's requestId quote), the
 * route, the function — handed to the request's own log (`requestLog`), so requests running side by side (the local
 * server, one process for all) never swap keys. The keys are passed, not looked up: AsyncLocalStorage would find them
 * anywhere, but its promise hooks cost about a tenth of the local server's CPU per report on Node 22 (measured with
 * bench:submit). Our own writer rather than Powertools Logger: this is all we used of it, and loading it added 1–1.5 ms
 * to each function's cold start beside the SDK (3.6 ms on its own; bench:init's probe).
 */

import { sourceMappedStack } from './stack-trace.js';

/** The levels Lambda's setting (TRACE…FATAL) and Powertools' (…CRITICAL, SILENT) name; lines are INFO, WARN, ERROR. */
const LEVELS = { TRACE: 4, DEBUG: 8, INFO: 12, WARN: 16, ERROR: 20, CRITICAL: 24, FATAL: 24, SILENT: 28 } as const;
type Threshold = keyof typeof LEVELS;
type Level = 'INFO' | 'WARN' | 'ERROR';
const isThreshold = (name: string): name is Threshold => name in LEVELS;

/**
 * Errors as their name, message and stack, mapped to the sources (JSON would write `{}`); BigInts as text (JSON
 * would throw).
 */
function plain(_key: string, value: unknown) {
  if (value instanceof Error)
    return { name: value.name, message: value.message, stack: value.stack && sourceMappedStack(value.stack) };
  return typeof value === 'bigint' ? value.toString() : value;
}

type Line = (message: string, ...extra: Array<Record<string, unknown>>) => void;

export class JsonLogger {
  private threshold: number = LEVELS.INFO;
  constructor(
    private readonly service: string,
    /** Lambda's log level setting (advanced logging controls), or Powertools' variable; INFO when neither is set. */
    level = process.env.AWS_LAMBDA_LOG_LEVEL ?? process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO',
  ) {
    this.setLogLevel(level);
  }
  setLogLevel(level: string) {
    const name = level.toUpperCase();
    this.threshold = isThreshold(name) ? LEVELS[name] : LEVELS.INFO;
  }
  private write(level: Level, message: string, extra: Array<Record<string, unknown>>) {
    if (LEVELS[level] < this.threshold) return;
    const trace = process.env._X_AMZN_TRACE_ID?.match(/Root=([^;]+)/)?.[1];
    const fields = Object.assign(
      { level, message, timestamp: new Date().toISOString(), service: this.service },
      trace && { xray_trace_id: trace },
      ...extra,
    );
    let line: string;
    try {
      line = JSON.stringify(fields, plain);
    } catch {
      // A line that cannot be written whole (a cycle) still says what happened.
      line = JSON.stringify({ level, message, timestamp: fields.timestamp, service: this.service, unwritable: true });
    }
    // Errors to stderr, the rest to stdout: Lambda sends both to CloudWatch, a terminal shows them apart.
    (LEVELS[level] >= LEVELS.ERROR ? process.stderr : process.stdout).write(`${line}\n`);
  }
  info: Line = (message, ...extra) => this.write('INFO', message, extra);
  warn: Line = (message, ...extra) => this.write('WARN', message, extra);
  error: Line = (message, ...extra) => this.write('ERROR', message, extra);
}

/** The process's logger: scheduled runs and start-up write with it. */
export const logger = new JsonLogger('thi-dua-cds');

// A type, not an interface: a line's fields are any record of keys.
export type RequestKeys = {
  requestId?: string;
  route?: string;
  function?: string;
  lambdaRequestId?: string;
};

/** One request's lines: the request's keys first, so a key the line itself gives wins. */
export const requestLog = (keys: RequestKeys): { info: Line; error: Line } => ({
  info: (message, ...extra) => logger.info(message, keys, ...extra),
  error: (message, ...extra) => logger.error(message, keys, ...extra),
});
