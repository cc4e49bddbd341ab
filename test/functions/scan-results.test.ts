/** GuardDuty's scan results, as EventBridge delivers them, recorded on the file they name. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { fixedClock } from '../../adapters/deps.js';
import { LocalBlobStore } from '../../adapters/local-blobs.js';
import { memoryStores } from '../../adapters/memory/stores.js';
import { createScanResultsHandler } from '../../functions/scan-results/handler.js';
import { type EvidenceFile, fileIdOf } from '../../shared/domain/evidence-files.js';
import type { Actor } from '../../shared/domain/types.js';
import type { Deps } from '../../shared/ports/index.js';
import { getEvidenceFile, resolveEvidenceFiles } from '../../shared/services/evidence-files.js';

const SHA = 'd'.repeat(64);
const event = (objectKey: string, scanResultStatus: string) => ({
  version: '0',
  source: 'aws.guardduty',
  'detail-type': 'GuardDuty Malware Protection Object Scan Result',
  detail: {
    schemaVersion: '1.0',
    scanStatus: 'COMPLETED',
    resourceType: 'S3_OBJECT',
    s3ObjectDetails: { bucketName: 'thi-dua-prod-evidence', objectKey, eTag: 'x', versionId: 'v1', s3Throttled: false },
    scanResultDetails: { scanResultStatus, threats: null },
  },
});

async function withFile(): Promise<Deps> {
  const deps: Deps = { ...memoryStores(), clock: fixedClock('2026-11-20T03:00:00Z'), defaultCampaignId: 'hp-175' };
  const file: EvidenceFile = {
    fileId: fileIdOf('so-a', SHA),
    unitId: 'so-a',
    fileName: 'a.pdf',
    contentType: 'application/pdf',
    size: 10,
    sha256: SHA,
    status: 'stored',
    scan: 'pending',
    createdAt: '2026-11-20T03:00:00.000Z',
    createdBy: 'canbo',
    uploadExpiresAt: '2026-11-20T03:15:00.000Z',
    storedAt: '2026-11-20T03:01:00.000Z',
    citedBy: null,
    refusedReason: null,
  };
  await deps.files.saveFile(file, { at: file.createdAt, actor: 'canbo', role: 'unit', action: 'file-stored' }, 0);
  return deps;
}

describe('scan-results handler', () => {
  it('records clean and infected on the file, in the unit history, once', async () => {
    const deps = await withFile();
    const handle = createScanResultsHandler(deps);
    expect(await handle(event(`evidence/so-a/${SHA}`, 'NO_THREATS_FOUND'))).toMatchObject({ recorded: 'clean' });
    expect((await deps.files.getFile(fileIdOf('so-a', SHA)))?.scan).toBe('clean');
    await handle(event(`evidence/so-a/${SHA}`, 'THREATS_FOUND'));
    await handle(event(`evidence/so-a/${SHA}`, 'THREATS_FOUND'));
    const file = await deps.files.getFile(fileIdOf('so-a', SHA));
    expect([file?.scan, file?.revision]).toEqual(['infected', 3]);
    const history = await deps.catalogue.unitHistory('so-a', { limit: 10 });
    expect(history.items.map((e) => [e.action, e.actor])).toEqual([
      ['file-stored', 'canbo'],
      ['file-scanned', 'malware-scan'],
      ['file-scanned', 'malware-scan'],
    ]);
  });
  it('quarantines a file the scanner could not read, and ignores results that are none and keys that are no stored file', async () => {
    const deps = await withFile();
    const handle = createScanResultsHandler(deps);
    expect(await handle(event('uploads/f-1', 'NO_THREATS_FOUND'))).toMatchObject({ recorded: null });
    expect(await handle(event(`evidence/so-b/${SHA}`, 'NO_THREATS_FOUND'))).toMatchObject({ recorded: null });
    expect(await handle(event(`evidence/so-a/${SHA}`, 'SOMETHING_NEW'))).toMatchObject({ recorded: null });
    expect((await deps.files.getFile(fileIdOf('so-a', SHA)))?.scan).toBe('pending');
    for (const result of ['UNSUPPORTED', 'ACCESS_DENIED', 'FAILED'])
      expect(await handle(event(`evidence/so-a/${SHA}`, result))).toMatchObject({ recorded: 'unscannable' });
    await expect(handle({ detail: {} })).rejects.toThrow();
  });
  it('cites and serves only a file scanned clean: pending and unscannable ones are refused with the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scan-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const deps = {
      ...(await withFile()),
      blobs: new LocalBlobStore(dir, () => 'http://x', fixedClock('2026-11-20T03:00:00Z')),
    };
    const unit: Actor = { sub: 'canbo', role: 'unit', unitId: 'so-a' };
    const fileId = fileIdOf('so-a', SHA);
    const cite = () => resolveEvidenceFiles(deps, 'so-a', [{ title: 'Báo cáo', fileId }]);
    await expect(cite()).rejects.toMatchObject({ details: [{ message: expect.stringContaining('đang chờ quét') }] });
    expect((await getEvidenceFile(deps, unit, fileId)).download).toBeNull();
    await createScanResultsHandler(deps)(event(`evidence/so-a/${SHA}`, 'FAILED'));
    await expect(cite()).rejects.toMatchObject({ details: [{ message: expect.stringContaining('cách ly') }] });
    await createScanResultsHandler(deps)(event(`evidence/so-a/${SHA}`, 'NO_THREATS_FOUND'));
    expect((await cite()).files).toHaveLength(1);
    expect((await getEvidenceFile(deps, unit, fileId)).download).not.toBeNull();
  });
});
