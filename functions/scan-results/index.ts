/** Lambda entry point: GuardDuty's scan results (EventBridge), wired to AWS from the environment. */
import { makeDeps } from '../../adapters/deps.js';
import { s3BlobsFromEnv } from '../../adapters/s3-blobs.js';
import { createScanResultsHandler } from './handler.js';

export const handler = createScanResultsHandler({ ...makeDeps(), blobs: s3BlobsFromEnv() });
