/**
 * The parts of the S3 SDK the blob store calls, in one module it imports on first use: a function pays for loading
 * the S3 client only once a request needs bytes or a link, not at every cold start (bench:init measures it).
 */
export {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
export { getSignedUrl } from '@aws-sdk/s3-request-presigner';
