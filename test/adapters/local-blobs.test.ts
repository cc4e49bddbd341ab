/** The local blob store's own rules: signed links that expire, and S3's lifecycle for abandoned uploads. */
import { existsSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../adapters/deps.js';
import { LocalBlobStore } from '../../adapters/local-blobs.js';
import { sha256Hex } from '../../shared/domain/evidence-files.js';

const dir = mkdtempSync(join(tmpdir(), 'blobs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const clock = fixedClock('2026-11-20T03:00:00Z');
const store = new LocalBlobStore(dir, () => 'http://127.0.0.1:1', clock);
const bytes = Buffer.from('%PDF-1.4 thử');
const declared = { size: bytes.length, sha256: sha256Hex(bytes), contentType: 'application/pdf' as const };

describe('LocalBlobStore', () => {
  it('takes the declared bytes through its link, and refuses an expired or altered link', async () => {
    const link = await store.uploadLink('uploads/f-a', declared, new Date('2026-11-20T03:15:00Z'));
    const url = new URL(link.url);
    const key = url.pathname.slice('/local/blobs/'.length);
    await store.receive(key, url.searchParams, link.headers, Readable.from([bytes]));
    expect(Buffer.from((await store.read('uploads/f-a'))!).equals(bytes)).toBe(true);

    const later = new LocalBlobStore(dir, () => 'http://127.0.0.1:1', fixedClock('2026-11-20T03:16:00Z'));
    await expect(later.receive(key, url.searchParams, link.headers, Readable.from([bytes]))).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('hết hạn'),
    });
    const forged = new URLSearchParams(url.searchParams);
    forged.set('size', String(bytes.length + 1));
    await expect(store.receive(key, forged, link.headers, Readable.from([bytes]))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const download = new URL(
      await store.downloadLink(
        'uploads/f-a',
        { fileName: 'a.pdf', contentType: 'application/pdf' },
        new Date('2026-11-20T03:05:00Z'),
      ),
    );
    expect(store.opening('uploads/f-a', download.searchParams).headers['content-type']).toBe('application/pdf');
    expect(() => later.opening('uploads/f-a', download.searchParams)).toThrow('hết hạn');
  });
  it('removes uploads older than a day, as the bucket lifecycle does, and keeps the rest', async () => {
    await store.put('uploads/f-old', bytes);
    await store.put('uploads/f-new', bytes);
    await store.put('evidence/so-a/x', bytes);
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    utimesSync(join(dir, 'uploads/f-old'), twoDaysAgo, twoDaysAgo);
    utimesSync(join(dir, 'evidence/so-a/x'), twoDaysAgo, twoDaysAgo);
    expect(await store.sweepUploads(new Date(Date.now() - 86_400_000))).toBe(1);
    expect(existsSync(join(dir, 'uploads/f-old'))).toBe(false);
    expect(existsSync(join(dir, 'uploads/f-new'))).toBe(true);
    expect(existsSync(join(dir, 'evidence/so-a/x'))).toBe(true);
  });
  it('never maps a key outside its directory', async () => {
    await expect(store.read('../etc/passwd')).rejects.toThrow('not a blob key');
    expect(() => store.opening('../x', new URLSearchParams())).toThrow('không hợp lệ');
  });
});
