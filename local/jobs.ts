/**
 * Jobs on the local server: run in the background of the same process, by the handler of the function that owns them,
 * as Lambda runs them after an asynchronous invocation. The server waits for them before it closes.
 */
import type { AnyHandler } from '../functions/registry.js';
import type { FunctionName } from '../functions/routes.js';
import { JOB_SOURCE } from '../shared/domain/schemas.js';
import type { Job, JobRunner } from '../shared/ports/index.js';
import { BackgroundWork } from './background.js';
import { lambdaContext } from './http-io.js';

/** The function each kind of job belongs to (in AWS, the one that invokes itself). */
const OWNER: Record<Job['kind'], FunctionName> = { aggregation: 'aggregation', import: 'catalogue' };

export class LocalJobRunner implements JobRunner {
  private readonly work: BackgroundWork;

  constructor(
    private readonly handlers: () => Map<FunctionName, AnyHandler>,
    log: (line: string) => void,
  ) {
    this.work = new BackgroundWork(log, 'job');
  }

  async start(job: Job) {
    const fn = OWNER[job.kind];
    this.work.start(`${job.kind} ${job.kind === 'import' ? job.importId : job.runId}`, () =>
      this.handlers().get(fn)!({ source: JOB_SOURCE, job } as never, lambdaContext(fn)),
    );
  }

  /** Resolves once no job is running (the server's close, tests). */
  idle() {
    return this.work.idle();
  }
}
