/**
 * The local stand-in for GuardDuty Malware Protection for S3: each file stored under evidence/ is scanned in the
 * background and its result handed to the same scan-results handler as in AWS, in the shape of GuardDuty's
 * EventBridge event. It knows one signature, the EICAR test string, so the quarantine path can be tried locally.
 */
import { createScanResultsHandler } from '../functions/scan-results/handler.js';
import type { BlobStore, Deps } from '../shared/ports/index.js';
import { BackgroundWork } from './background.js';

/** Built from parts, so this source file is not itself taken for a test virus by a scanner on the machine. */
const EICAR = ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'].join('');

export class LocalScanner {
  private readonly work: BackgroundWork;
  private readonly record: ReturnType<typeof createScanResultsHandler>;

  constructor(
    private readonly blobs: Pick<BlobStore, 'read'>,
    deps: Deps,
    log: (line: string) => void,
  ) {
    this.work = new BackgroundWork(log, 'scan');
    this.record = createScanResultsHandler(deps);
  }

  /** Starts the scan of a stored object; the answer of the request that stored it does not wait for it. */
  scan(key: string) {
    this.work.start(key, async () => {
      const bytes = await this.blobs.read(key);
      if (!bytes) return;
      const infected = Buffer.from(bytes).includes(EICAR, 0, 'latin1');
      await this.record({
        detail: {
          s3ObjectDetails: { bucketName: 'local', objectKey: key },
          scanResultDetails: { scanResultStatus: infected ? 'THREATS_FOUND' : 'NO_THREATS_FOUND' },
        },
      });
    });
  }

  idle() {
    return this.work.idle();
  }
}
