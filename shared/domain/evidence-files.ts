/**
 * Evidence files (tệp minh chứng): what the platform takes, how it recognises a file by its content, and the
 * life of a file. A file is addressed by its SHA-256 within its unit, so its bytes never change under its id.
 */
import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';

/** The types a unit may upload, with the name people know them by. */
export const EVIDENCE_TYPES = {
  'application/pdf': 'PDF',
  'image/png': 'Ảnh PNG',
  'image/jpeg': 'Ảnh JPEG',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Văn bản Word (DOCX)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Bảng tính Excel (XLSX)',
} as const;
export type EvidenceType = keyof typeof EVIDENCE_TYPES;
export const EVIDENCE_TYPE_NAMES = Object.keys(EVIDENCE_TYPES) as [EvidenceType, ...EvidenceType[]];

/** A scanned dossier of a year is a few MB; 20 MB takes a long scan at 300 dpi. */
export const MAX_EVIDENCE_FILE_BYTES = 20 * 1024 * 1024;
/** How long an upload link (and so an upload not yet completed) lives. */
export const UPLOAD_LINK_MINUTES = 15;
/** How long a download link lives: long enough to open a large scan, short enough not to be passed around. */
export const DOWNLOAD_LINK_MINUTES = 5;

export const FILE_STATUSES = ['awaiting-upload', 'stored', 'refused', 'deleted'] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];
/** The malware scan (quét mã độc): GuardDuty in AWS; the local server has no scanner, so files stay pending there. */
export const SCAN_STATES = ['pending', 'clean', 'infected'] as const;
export type ScanState = (typeof SCAN_STATES)[number];
export interface EvidenceFile {
  fileId: string;
  unitId: string;
  fileName: string;
  contentType: EvidenceType;
  size: number;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  status: FileStatus;
  scan: ScanState;
  createdAt: string;
  createdBy: string;
  /** Until then the upload link works; an upload not completed by then is abandoned (and its bytes removed). */
  uploadExpiresAt: string;
  storedAt: string | null;
  /** The first report that cited the file: from then on it cannot be deleted. */
  citedBy: string | null;
  refusedReason: string | null;
}

/** The id of a unit's file with these bytes: the same bytes uploaded twice by a unit are one file. */
export const fileIdOf = (unitId: string, sha256: string): string =>
  `f-${createHash('sha256').update(`${unitId}\n${sha256}`).digest('hex').slice(0, 32)}`;

/** Where a stored file's bytes are, and where an upload waits until it is checked. */
export const blobKeys = {
  upload: (fileId: string) => `uploads/${fileId}`,
  stored: (file: Pick<EvidenceFile, 'unitId' | 'sha256'>) => `evidence/${file.unitId}/${file.sha256}`,
};

/** The SHA-256 of each evidence file a report cites, in the order of its evidence. */
export const fileHashesOf = (report: { evidence: Array<{ sha256?: string; fileId?: string }> }): string[] =>
  report.evidence.flatMap((e) => (e.fileId && e.sha256 ? [e.sha256] : []));

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
export const hexToBase64 = (hex: string): string => Buffer.from(hex, 'hex').toString('base64');

/** What an upload must send, exactly: the store refuses another size, type or SHA-256 (S3 and the local store alike). */
export const uploadHeaders = (declared: { size: number; sha256: string; contentType: string }) => ({
  'content-type': declared.contentType,
  'content-length': String(declared.size),
  'x-amz-checksum-sha256': hexToBase64(declared.sha256),
});

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

/** The ZIP's entry names, or null when it is not a ZIP that can be read. */
function zipEntries(bytes: Uint8Array): string[] | null {
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        names.push(f.name);
        return false;
      },
    });
  } catch {
    return null;
  }
  return names;
}

/**
 * What the bytes are, by their content alone (never the name or the declared type): one of the evidence types,
 * or null. An Office file is a ZIP with its own parts; one carrying macros (vbaProject.bin) is not taken.
 */
export function sniffEvidenceType(bytes: Uint8Array): EvidenceType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return null;
  const names = zipEntries(bytes);
  if (!names?.includes('[Content_Types].xml') || names.some((n) => /vbaProject\.bin$/i.test(n))) return null;
  if (names.includes('word/document.xml'))
    return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (names.includes('xl/workbook.xml')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return null;
}

/** Why stored bytes are not the file that was announced, in words for the unit; null when they are. */
export function refusalOf(
  file: Pick<EvidenceFile, 'size' | 'sha256' | 'contentType'>,
  bytes: Uint8Array,
): string | null {
  if (bytes.length !== file.size) return `kích thước ${bytes.length} byte, khác với ${file.size} byte đã khai`;
  if (sha256Hex(bytes) !== file.sha256) return 'mã SHA-256 của tệp khác với mã đã khai';
  const type = sniffEvidenceType(bytes);
  if (type === null)
    return `nội dung tệp không phải ${Object.values(EVIDENCE_TYPES).join(', ')} (kiểm tra theo nội dung, không theo tên)`;
  if (type !== file.contentType)
    return `nội dung là ${EVIDENCE_TYPES[type]}, khác với loại đã khai (${EVIDENCE_TYPES[file.contentType]})`;
  return null;
}
