/**
 * Structured JSON logs (Powertools Logger, the ecosystem's choice for Lambda): every line of a request carries its
 * requestId (API Gateway's, the one the answer's x-request-id and an error's requestId quote) and the route. The keys
 * of the request being handled are found through AsyncLocalStorage and added to each line it writes: when requests
 * run side by side (the local server, one process for all), no line takes another request's keys. (A child logger per
 * request did the same at 4 % of the local server's CPU per report: Powertools builds a whole logger for it.)
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@aws-lambda-powertools/logger';

const base = new Logger({ serviceName: 'thi-dua-cds' });
const requestKeys = new AsyncLocalStorage<Record<string, unknown>>();
const WRITES = new Set<PropertyKey>(['debug', 'info', 'warn', 'error', 'critical']);

/** The process's logger; a line written while a request is handled carries that request's keys. */
export const logger: Logger = new Proxy(base, {
  get(target, name) {
    const value = Reflect.get(target, name, target);
    if (typeof value !== 'function') return value;
    const keys = WRITES.has(name) ? requestKeys.getStore() : undefined;
    if (!keys) return value.bind(target);
    // The request's keys first: a key the line itself gives wins, as it did over a child logger's keys.
    return (message: string, ...extra: unknown[]) => value.call(target, message, keys, ...extra);
  },
});

/** Runs `work` so that every line it logs carries `keys`. */
export function withRequestKeys<T>(keys: Record<string, unknown>, work: () => Promise<T>): Promise<T> {
  return requestKeys.run(keys, work);
}
