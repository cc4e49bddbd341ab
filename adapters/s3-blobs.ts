/** The blob store in AWS: one private S3 bucket, reached through presigned links that S3 itself checks. */
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { hexToBase64, uploadHeaders } from '../shared/domain/evidence-files.js';
import type { BlobStore } from '../shared/ports.js';

import { contentDisposition } from './content-disposition.js';

const secondsUntil = (at: Date) => Math.max(1, Math.floor((at.getTime() - Date.now()) / 1000));

export class S3BlobStore implements BlobStore {
  constructor(
    private readonly bucket: string,
    // Checksums only when an operation requires one: a presigned PUT must not carry a checksum of an empty body.
    private readonly s3 = new S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED' }),
  ) {}

  async uploadLink(key: string, declared: { size: number; sha256: string; contentType: string }, expiresAt: Date) {
    const url = await getSignedUrl(
      this.s3,
      new PutObjectCommand({
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
    try {
      const out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return (await out.Body?.transformToByteArray()) ?? new Uint8Array();
    } catch (e) {
      if (e instanceof NoSuchKey) return null;
      throw e;
    }
  }

  async put(key: string, bytes: Uint8Array, contentType: string) {
    await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentType: contentType }));
  }

  async move(from: string, to: string) {
    await this.s3.send(
      new CopyObjectCommand({
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
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async downloadLink(key: string, as: { fileName: string; contentType: string }, expiresAt: Date) {
    return getSignedUrl(
      this.s3,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ResponseContentType: as.contentType,
        ResponseContentDisposition: contentDisposition('inline', as.fileName),
      }),
      { expiresIn: secondsUntil(expiresAt) },
    );
  }
}
