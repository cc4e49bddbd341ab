/** Evidence files (tệp minh chứng): their records, and the blob store that keeps their bytes and the scorecards'. */

import type { EvidenceFile, EvidenceType } from '../domain/evidence-files.js';
import type { PdfSignature } from '../domain/signatures.js';
import type { AuditEntry } from '../domain/types.js';
import type { Page, PageQuery, Revised } from './common.js';

export interface EvidenceFileRecord extends EvidenceFile, Revised {}
/** The records of evidence files (their bytes are in a BlobStore); each change is an entry of the unit's history. */
export interface EvidenceFileStore {
  getFile(fileId: string): Promise<EvidenceFileRecord | null>;
  /**
   * The signatures read in each of these files, by file id: files without any (or unknown) are left out. Many at
   * once, for the year-end run that cites every file of the year.
   */
  signaturesOf(fileIds: readonly string[]): Promise<Map<string, PdfSignature[]>>;
  /** A unit's files, newest first, page by page. */
  listFiles(unitId: string, page: PageQuery): Promise<Page<EvidenceFileRecord>>;
  /** Conditional on `expectedRevision` (0: must not exist yet), like saveUnit. */
  saveFile(file: EvidenceFile, entry: AuditEntry, expectedRevision: number): Promise<boolean>;
}
/** A link that takes the bytes of one upload: the client sends them with exactly these headers. */
export interface UploadTarget {
  url: string;
  method: 'PUT';
  headers: Record<string, string>;
}
/**
 * Where bytes are kept: a private S3 bucket in AWS, a directory of the local server's data. Links are signed and
 * short-lived; an upload link takes only the declared bytes (the store checks size and SHA-256 itself).
 */
export interface BlobStore {
  uploadLink(
    key: string,
    declared: { size: number; sha256: string; contentType: EvidenceType },
    expiresAt: Date,
  ): Promise<UploadTarget>;
  /** The bytes, or null when there are none (at most MAX_EVIDENCE_FILE_BYTES are ever read). */
  read(key: string): Promise<Uint8Array | null>;
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** Keeps these files as one ZIP at `key` (the same files and time make the same bytes); says what it kept. */
  putArchive(key: string, files: Record<string, Uint8Array>, mtime: Date): Promise<{ sha256: string; bytes: number }>;
  /** Copies the bytes to `to` and removes `from` (an upload becomes a stored file once checked). */
  move(from: string, to: string): Promise<void>;
  /** Idempotent: removing what is gone succeeds. */
  remove(key: string): Promise<void>;
  downloadLink(key: string, as: { fileName: string; contentType: string }, expiresAt: Date): Promise<string>;
}
