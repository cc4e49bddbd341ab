/**
 * Structured JSON logs (Powertools Logger, the ecosystem's choice for Lambda): every line of a request carries its
 * requestId (API Gateway's, the one the answer's x-request-id and an error's requestId quote) and the route. Each
 * request logs through a child logger of its own, found through AsyncLocalStorage: when requests run side by side
 * (the local server, one process for all), no line takes another request's keys.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@aws-lambda-powertools/logger';

const base = new Logger({ serviceName: 'thi-dua-cds' });
const current = new AsyncLocalStorage<Logger>();

/** The logger of the request being handled, else the process's. */
export const logger: Logger = new Proxy(base, {
  get(target, name) {
    const active = current.getStore() ?? target;
    const value = Reflect.get(active, name, active);
    return typeof value === 'function' ? value.bind(active) : value;
  },
});

/** Runs `work` with a logger whose every line carries `keys`. */
export function withRequestKeys<T>(keys: Record<string, unknown>, work: () => Promise<T>): Promise<T> {
  const child = base.createChild();
  child.appendKeys(keys);
  return current.run(child, work);
}
