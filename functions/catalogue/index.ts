/** Lambda entry point: the same handler the local server runs, wired to AWS from the environment. */
import { cognitoClientIssuer } from '../../adapters/cognito-clients.js';
import { makeDeps } from '../../adapters/deps.js';
import { eventBridgeSchedulerFromEnv } from '../../adapters/eventbridge-scheduler.js';
import { lambdaJobsFromEnv } from '../../adapters/lambda-jobs.js';
import { s3BlobsFromEnv } from '../../adapters/s3-blobs.js';
import { createCatalogueHandler } from './handler.js';

// Admins change the catalogue here, under optimistic locks: this function always reads it fresh. It also
// registers units' IT systems as app clients of the user pool, and does large sheet imports as its own jobs (the
// sheet kept under imports/ of the bucket).
export const handler = createCatalogueHandler({
  ...makeDeps({ catalogueCacheMs: 0 }),
  clientIssuer: cognitoClientIssuer({ userPoolId: process.env.USER_POOL_ID! }),
  scheduler: eventBridgeSchedulerFromEnv(),
  blobs: s3BlobsFromEnv(),
  jobs: lambdaJobsFromEnv(),
});
