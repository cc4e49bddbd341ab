/**
 * Jobs in AWS: the function invokes itself asynchronously (InvocationType Event) with the job, and answers its request
 * at once. Lambda retries a failed invocation and then hands it to the function's on-failure destination (the
 * dead-letter queue, alarmed), so a job that fails is seen.
 */
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { JOB_SOURCE } from '../shared/domain/schemas.js';
import type { Job, JobRunner } from '../shared/ports/index.js';
import { env } from './deps.js';
import { onFirstUse } from './on-first-use.js';

export class LambdaJobRunner implements JobRunner {
  private readonly aws = onFirstUse(async () => {
    const sdk = await import('./lambda-sdk.js');
    return { sdk, lambda: this.client ?? new sdk.LambdaClient({}) };
  });

  constructor(
    /** The function that does the job: the one that took the request. */
    private readonly functionName: string,
    /** The client to call (tests hand in one to mock); by default one made on first use. */
    private readonly client?: LambdaClient,
  ) {}

  async start(job: Job) {
    const { sdk, lambda } = await this.aws();
    await lambda.send(
      new sdk.InvokeCommand({
        FunctionName: this.functionName,
        InvocationType: 'Event',
        Payload: new TextEncoder().encode(JSON.stringify({ source: JOB_SOURCE, job })),
      }),
    );
  }
}

/** The running function's own name (Lambda sets it): its jobs come back to it. */
export const lambdaJobsFromEnv = () => new LambdaJobRunner(env('AWS_LAMBDA_FUNCTION_NAME'));
