/**
 * Jobs on the local server: run in the background of the same process, by the handler of the function that owns them,
 * as Lambda runs them after an asynchronous invocation. The server waits for them before it closes.
 */
import type { AnyHandler } from '../functions/registry.js';
import type { FunctionName } from '../functions/routes.js';
import { JOB_SOURCE } from '../shared/domain/schemas.js';
import type { Job, JobRunner } from '../shared/ports.js';
import { lambdaContext } from './http-io.js';

/** The function each kind of job belongs to (in AWS, the one that invokes itself). */
const OWNER: Record<Job['kind'], FunctionName> = { aggregation: 'aggregation' };

export class LocalJobRunner implements JobRunner {
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly handlers: () => Map<FunctionName, AnyHandler>,
    private readonly log: (line: string) => void,
  ) {}

  async start(job: Job) {
    const fn = OWNER[job.kind];
    const done: Promise<unknown> = new Promise((resolve) => setImmediate(resolve))
      .then(() => this.handlers().get(fn)!({ source: JOB_SOURCE, job } as never, lambdaContext(fn)))
      .catch((e: unknown) => this.log(`[job] ${job.kind} ${job.runId}: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => this.running.delete(done));
    this.running.add(done);
  }

  /** Resolves once no job is running (the server's close, tests). */
  async idle() {
    while (this.running.size) await Promise.all([...this.running]);
  }
}
