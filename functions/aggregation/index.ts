/** Lambda entry point: the same handler the local server runs, wired to AWS from the environment. */
import { makeDeps } from '../../adapters/deps.js';
import { lambdaJobsFromEnv } from '../../adapters/lambda-jobs.js';
import { s3BlobsFromEnv } from '../../adapters/s3-blobs.js';
import { createAggregationHandler } from './handler.js';

export const handler = createAggregationHandler({ ...makeDeps(), blobs: s3BlobsFromEnv(), jobs: lambdaJobsFromEnv() });
