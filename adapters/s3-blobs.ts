/** The blob store in AWS: one private S3 bucket, reached through presigned links that S3 itself checks. */
import type { S3Client } from '@aws-sdk/client-s3';
import { hexToBase64, uploadHeaders } from '../shared/domain/evidence-files.js';
import type { BlobStore } from '../shared/ports/index.js';

import { contentDisposition } from './content-disposition.js';
import { env } from './deps.js';
import { onFirstUse } from './on-first-use.js';
import { putArchive } from './zip.js';

const secondsUntil = (at: Date) => Math.max(1, Math.floor((at.getTime() - Date.now()) / 1000));

export class S3BlobStore implements BlobStore {
  /** The SDK and the client, loaded on first use. */
  private readonly aws = onFirstUse(async () => {
    const sdk = await import('./s3-sdk.js');
    // Checksums only when an operation requires one: a presigned PUT must not carry a checksum of an empty body.
    return { sdk, s3: this.client ?? new sdk.S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED' }) };
  });

  constructor(
    private readonly bucket: string,
    /** The client to call (tests hand in one to mock); by default one made on first use. */
    private readonly client?: S3Client,
  ) {}

  async uploadLink(key: string, declared: { size: number; sha256: string; contentType: string }, expiresAt: Date) {
    const { sdk, s3 } = await this.aws();
    const url = await sdk.getSignedUrl(
      s3,
      new sdk.PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ContentLength: declared.size,
        ContentType: declared.contentType,
        ChecksumSHA256: hexToBase64(declared.sha256),
      }),
      {
        expiresIn: secondsUntil(expiresAt),
        // Signed headers the client must send as they are: S3 refuses other sizes, types, and bytes whose
        // SHA-256 is not the declared one (BadDigest), so nothing unannounced is ever stored.
        signableHeaders: new Set(['content-length', 'content-type']),
        unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
      },
    );
    return {
      url,
      method: 'PUT' as const,
      headers: uploadHeaders(declared),
    };
  }

  async read(key: string) {
    const { sdk, s3 } = await this.aws();
    try {
      const out = await s3.send(new sdk.GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return (await out.Body?.transformToByteArray()) ?? new Uint8Array();
    } catch (e) {
      if (e instanceof sdk.NoSuchKey) return null;
      throw e;
    }
  }

  putArchive(key: string, files: Record<string, Uint8Array>, mtime: Date) {
    return putArchive(this, key, files, mtime);
  }

  async put(key: string, bytes: Uint8Array, contentType: string) {
    const { sdk, s3 } = await this.aws();
    await s3.send(new sdk.PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentType: contentType }));
  }

  async move(from: string, to: string) {
    const { sdk, s3 } = await this.aws();
    await s3.send(
      new sdk.CopyObjectCommand({
        Bucket: this.bucket,
        Key: to,
        CopySource: `${this.bucket}/${from.split('/').map(encodeURIComponent).join('/')}`,
        ChecksumAlgorithm: 'SHA256',
        // An upload has no tags; not copying them spares the function s3:GetObjectTagging.
        TaggingDirective: 'REPLACE',
      }),
    );
    await this.remove(from);
  }

  async remove(key: string) {
    const { sdk, s3 } = await this.aws();
    await s3.send(new sdk.DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async downloadLink(key: string, as: { fileName: string; contentType: string }, expiresAt: Date) {
    const { sdk, s3 } = await this.aws();
    return sdk.getSignedUrl(
      s3,
      new sdk.GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ResponseContentType: as.contentType,
        ResponseContentDisposition: contentDisposition('inline', as.fileName),
      }),
      { expiresIn: secondsUntil(expiresAt) },
    );
  }
}

/** The blob store of a function the stack gave the bucket to (BLOB_BUCKET). */
export const s3BlobsFromEnv = () => new S3BlobStore(env('BLOB_BUCKET'));
