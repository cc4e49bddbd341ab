/** The S3 blob store: presigned links that make S3 enforce the declared bytes, and its calls (aws-sdk-client-mock). */
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { S3BlobStore } from '../../adapters/s3-blobs.js';

const s3 = new S3Client({
  region: 'ap-southeast-1',
  credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' },
  requestChecksumCalculation: 'WHEN_REQUIRED',
});
const store = new S3BlobStore('thi-dua-prod-evidence', s3);
const SHA = 'a'.repeat(64);

describe('S3BlobStore links', () => {
  it('signs an upload with its size, type and SHA-256, so S3 refuses any other bytes', async () => {
    const target = await store.uploadLink(
      'uploads/f-1',
      { size: 1234, sha256: SHA, contentType: 'application/pdf' },
      new Date(Date.now() + 15 * 60_000),
    );
    const url = new URL(target.url);
    expect(url.host).toBe('thi-dua-prod-evidence.s3.ap-southeast-1.amazonaws.com');
    expect(url.pathname).toBe('/uploads/f-1');
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(
      expect.arrayContaining(['content-length', 'content-type', 'host', 'x-amz-checksum-sha256']),
    );
    // No checksum of an empty body slipped in by the SDK's default checksum calculation.
    expect(target.url).not.toMatch(/crc32/i);
    expect(Number(url.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(900);
    expect(target.headers).toEqual({
      'content-type': 'application/pdf',
      'content-length': '1234',
      'x-amz-checksum-sha256': Buffer.from(SHA, 'hex').toString('base64'),
    });
  });
  it('signs a download that names the file in UTF-8 and expires', async () => {
    const url = new URL(
      await store.downloadLink(
        'evidence/u/x',
        { fileName: 'Báo cáo.pdf', contentType: 'application/pdf' },
        new Date(Date.now() + 300_000),
      ),
    );
    expect(url.searchParams.get('response-content-disposition')).toBe(
      `inline; filename="Bao cao.pdf"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o.pdf`,
    );
    expect(url.searchParams.get('response-content-type')).toBe('application/pdf');
  });
});

describe('S3BlobStore calls', () => {
  const mock = mockClient(s3);
  beforeEach(() => mock.reset());
  it('reads nothing for a missing key, and rethrows anything else', async () => {
    mock.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'none', $metadata: {} }));
    await expect(store.read('uploads/f-2')).resolves.toBeNull();
    mock.on(GetObjectCommand).rejects(new Error('AccessDenied'));
    await expect(store.read('uploads/f-2')).rejects.toThrow('AccessDenied');
  });
  it('moves an upload by copying it (keeping a SHA-256 checksum) and removing the original', async () => {
    mock.on(CopyObjectCommand).resolves({});
    mock.on(DeleteObjectCommand).resolves({});
    await store.move('uploads/f-3', 'evidence/so-a/abc');
    expect(mock.commandCalls(CopyObjectCommand)[0]!.args[0].input).toMatchObject({
      Bucket: 'thi-dua-prod-evidence',
      Key: 'evidence/so-a/abc',
      CopySource: 'thi-dua-prod-evidence/uploads/f-3',
      ChecksumAlgorithm: 'SHA256',
    });
    expect(mock.commandCalls(DeleteObjectCommand)[0]!.args[0].input.Key).toBe('uploads/f-3');
  });
  it('does not remove the upload when the copy failed', async () => {
    mock.on(CopyObjectCommand).rejects(new Error('SlowDown'));
    await expect(store.move('uploads/f-4', 'evidence/so-a/def')).rejects.toThrow('SlowDown');
    expect(mock.commandCalls(DeleteObjectCommand)).toHaveLength(0);
  });
  it('puts a scorecard with its type', async () => {
    mock.on(PutObjectCommand).resolves({});
    await store.put('scorecards/c/2026/r.zip', new Uint8Array([1, 2]), 'application/zip');
    expect(mock.commandCalls(PutObjectCommand)[0]!.args[0].input).toMatchObject({
      Key: 'scorecards/c/2026/r.zip',
      ContentType: 'application/zip',
    });
  });
});
