/** Lambda entry point: the same handler the local server runs, wired to AWS from the environment. */
import { makeDeps } from '../../adapters/deps.js';
import { kmsBoardSignerFromEnv } from '../../adapters/kms-signer.js';
import { lambdaJobsFromEnv } from '../../adapters/lambda-jobs.js';
import { s3BlobsFromEnv } from '../../adapters/s3-blobs.js';
import { createAggregationHandler } from './handler.js';

// The scorecard bundle's manifest is signed with the board's key in KMS (unsigned until its certificate is set).
export const handler = createAggregationHandler({
  ...makeDeps(),
  blobs: s3BlobsFromEnv(),
  jobs: lambdaJobsFromEnv(),
  boardSigner: kmsBoardSignerFromEnv(),
});
