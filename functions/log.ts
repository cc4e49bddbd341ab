/**
 * Structured JSON logs (Powertools Logger, the ecosystem's choice for Lambda). Every line of an API request carries
 * its keys — the requestId (API Gateway's, the one the answer's x-request-id and an error's requestId quote), the
 * route, the function — handed to the request's own log (`requestLog`), so requests running side by side (the local
 * server, one process for all) never swap keys. The keys are passed, not looked up: AsyncLocalStorage would find them
 * anywhere, but its promise hooks cost about a tenth of the local server's CPU per report on Node 22 (measured with
 * bench:submit), and a child Powertools logger per request cost 4 %. Only the HTTP wrapper logs during a request.
 */
import { Logger } from '@aws-lambda-powertools/logger';

/** The process's logger: scheduled runs and start-up write with it. */
export const logger = new Logger({ serviceName: 'thi-dua-cds' });

export interface RequestKeys {
  requestId?: string;
  route?: string;
  function?: string;
  lambdaRequestId?: string;
}

type Line = (message: string, extra?: Record<string, unknown>) => void;

/** One request's lines: the request's keys first, so a key the line itself gives wins (as over a child logger's). */
export const requestLog = (keys: RequestKeys): { info: Line; error: Line } => ({
  info: (message, extra = {}) => logger.info(message, { ...keys }, extra),
  error: (message, extra = {}) => logger.error(message, { ...keys }, extra),
});
