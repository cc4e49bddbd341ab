/** Lambda entry point: the same handler the local server runs, wired to AWS from the environment. */
import { makeDeps } from '../../adapters/deps.js';
import { s3BlobsFromEnv } from '../../adapters/s3-blobs.js';
import { signatureReader } from '../../adapters/signature-reader.js';
import { createFilesHandler } from './handler.js';

export const handler = createFilesHandler({ ...makeDeps(), blobs: s3BlobsFromEnv(), signatures: signatureReader });
