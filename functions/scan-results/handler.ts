/**
 * GuardDuty Malware Protection for S3 reports each scan of a stored evidence file on EventBridge; this records
 * the verdict on the file (clean or infected). Other results (unsupported, failed) leave it pending, and say so.
 */
import * as z from 'zod/mini';
import type { Deps } from '../../shared/ports.js';
import { recordScanResult } from '../../shared/services/evidence-files.js';
import { logger } from '../log.js';

const scanResultEvent = z.lazy(() =>
  z.object({
    detail: z.object({
      s3ObjectDetails: z.object({ bucketName: z.string(), objectKey: z.string() }),
      scanResultDetails: z.object({ scanResultStatus: z.string() }),
    }),
  }),
);

export const createScanResultsHandler = (deps: Deps) => async (event: unknown) => {
  const { detail } = scanResultEvent.parse(event);
  const key = decodeURIComponent(detail.s3ObjectDetails.objectKey.replace(/\+/g, ' '));
  const recorded = await recordScanResult(deps, key, detail.scanResultDetails.scanResultStatus);
  const log = recorded === 'infected' || recorded === null ? logger.warn : logger.info;
  log.call(logger, 'malware scan result', { key, result: detail.scanResultDetails.scanResultStatus, recorded });
  return { key, recorded };
};
