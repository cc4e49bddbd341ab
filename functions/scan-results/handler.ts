/**
 * GuardDuty Malware Protection for S3 reports each scan of a stored evidence file on EventBridge; this records
 * the verdict on the file: clean, infected, or unscannable (unsupported, access denied, failed) — the last two
 * quarantined. A result that is none of these leaves the file pending, and the log says so.
 */
import * as z from 'zod/mini';
import type { Deps } from '../../shared/ports/index.js';
import { recordScanResult } from '../../shared/services/evidence-files.js';
import { logger } from '../log.js';

const scanResultEvent = /* @__PURE__ */ z.lazy(() =>
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
  const log = recorded === 'clean' ? logger.info : logger.warn;
  log.call(logger, 'malware scan result', { key, result: detail.scanResultDetails.scanResultStatus, recorded });
  return { key, recorded };
};
