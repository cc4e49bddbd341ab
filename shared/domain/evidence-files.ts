/**
 * Evidence files (tệp minh chứng): what the platform takes, how it recognises a file by its content, and the
 * life of a file. A file is addressed by its SHA-256 within its unit, so its bytes never change under its id.
 */
import { createHash } from 'node:crypto';
import type { PdfSignature } from './signatures.js';
import { zipDirectory, zipParts, zipProblem } from './zip-directory.js';

/** The types a unit may upload, with the name people know them by. */
export const EVIDENCE_TYPES = {
  'application/pdf': 'PDF',
  'image/png': 'Ảnh PNG',
  'image/jpeg': 'Ảnh JPEG',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Văn bản Word (DOCX)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Bảng tính Excel (XLSX)',
} as const;
export type EvidenceType = keyof typeof EVIDENCE_TYPES;
export const EVIDENCE_TYPE_NAMES = /* @__PURE__ */ Object.keys(EVIDENCE_TYPES) as [EvidenceType, ...EvidenceType[]];

/** The file name endings each type is known by: a name must end as its type does. */
export const EVIDENCE_EXTENSIONS: Record<EvidenceType, string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
};

/** Windows' reserved device names (CON, NUL.pdf opens the device, not a file). */
const RESERVED_NAME = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;

/**
 * Why a file name cannot be kept, in words for the unit; null when it can: no path, stream or device name, no dots
 * or spaces at its ends, and the ending of its declared type.
 */
export function fileNameProblem(name: string, contentType: EvidenceType): string | null {
  if (/[<>:"/\\|?*]/.test(name)) return 'không được chứa các ký tự < > : " / \\ | ? *';
  if (/^[.\s]|[.\s]$/.test(name)) return 'không được bắt đầu hoặc kết thúc bằng dấu chấm hay khoảng trắng';
  if (RESERVED_NAME.test(name)) return 'là tên thiết bị dành riêng của Windows (CON, NUL, COM1…)';
  const ending = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
  const allowed = EVIDENCE_EXTENSIONS[contentType];
  if (!allowed.includes(ending)) return `phải có đuôi .${allowed.join(' hoặc .')} như loại tệp đã khai`;
  return null;
}

/** A scanned dossier of a year is a few MB; 20 MB takes a long scan at 300 dpi. */
export const MAX_EVIDENCE_FILE_BYTES = 20 * 1024 * 1024;
/** How long an upload link (and so an upload not yet completed) lives. */
export const UPLOAD_LINK_MINUTES = 15;
/** How long a download link lives: long enough to open a large scan, short enough not to be passed around. */
export const DOWNLOAD_LINK_MINUTES = 5;

export const FILE_STATUSES = ['awaiting-upload', 'stored', 'refused', 'deleted'] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];
/**
 * The malware scan (quét mã độc): GuardDuty in AWS, a stand-in on the local server. Only a clean file is served or
 * cited; one the scanner could not read (unsupported, access denied, failed) stays quarantined like an infected one.
 */
export const SCAN_STATES = ['pending', 'clean', 'infected', 'unscannable'] as const;
export type ScanState = (typeof SCAN_STATES)[number];
/** GuardDuty's result (the object tag `GuardDutyMalwareScanStatus`, and the event) as the file's scan state. */
export const scanStateOf = (result: string): ScanState | null =>
  result === 'NO_THREATS_FOUND'
    ? 'clean'
    : result === 'THREATS_FOUND'
      ? 'infected'
      : ['UNSUPPORTED', 'ACCESS_DENIED', 'FAILED'].includes(result)
        ? 'unscannable'
        : null;
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
  /** A PDF's digital signatures as checked at upload or at the last re-check ([]: unsigned); absent: not a PDF. */
  signatures?: PdfSignature[];
  /** When they were checked. */
  signaturesCheckedAt?: string;
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
const endsWith = (bytes: Uint8Array, signature: number[]) =>
  signature.every((b, i) => bytes[bytes.length - signature.length + i] === b);
const utf8 = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

/** A DOCX or XLSX of evidence: at most 2,000 parts and 100 MB inflated (a 20 MB file of text is far less). */
const OOXML_LIMITS = { maxEntries: 2_000, maxTotalSize: 100 * 1024 * 1024 };
/**
 * Parts and content types that carry code or other files (macros, ActiveX, embedded OLE objects); the printer
 * settings Office writes with every page setup are the one binary part a plain document has.
 */
const ACTIVE_PART =
  /(^|\/)(vbaProject|vbaData|activeX|embeddings|oleObject)|(?<!printerSettings\d*)\.(bin|mso|exe|dll|js|vbs|ps1|bat|cmd|scr)$/i;
const ACTIVE_TYPE = /macroEnabled|vbaProject|vbaData|activeX|oleObject|ms-office\.vba|binary|x-msdownload/i;
/** An external relationship of a type that loads something when the file opens (a template, an image, a frame). */
const LOADING_EXTERNAL = /<Relationship\b(?=[^>]*TargetMode="External")(?![^>]*Type="[^"]*\/hyperlink")[^>]*>/i;

/** Why an OOXML file is not a plain document; null when it is (its type then comes from its main part). */
function ooxmlType(bytes: Uint8Array): EvidenceType | null {
  if (zipProblem(bytes, OOXML_LIMITS)) return null;
  const names = zipDirectory(bytes)!.map((e) => e.name);
  if (!names.includes('[Content_Types].xml') || names.some((n) => ACTIVE_PART.test(n))) return null;
  const parts = zipParts(bytes, (name) => name === '[Content_Types].xml' || name.endsWith('.rels'));
  if (!parts || ACTIVE_TYPE.test(utf8(parts['[Content_Types].xml']!))) return null;
  for (const [name, part] of Object.entries(parts)) {
    if (!name.endsWith('.rels')) continue;
    const rels = utf8(part);
    if (LOADING_EXTERNAL.test(rels) || /oleObject|attachedTemplate/i.test(rels)) return null;
  }
  if (names.includes('word/document.xml'))
    return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (names.includes('xl/workbook.xml')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return null;
}

/** Markup a browser would run if the bytes were ever shown as a page (a PDF/HTML polyglot). */
const MARKUP = /<(html|script|body|iframe|svg|object|embed)\b/i;

/**
 * A PDF and nothing else: no markup at its start, nothing after its last %%EOF but the white-space characters of
 * ISO 32000-1 §7.2.2 (NUL, HT, LF, FF, CR, SP) — not a regex's \s, which also admits NBSP, VT and the like.
 */
function isPlainPdf(bytes: Uint8Array): boolean {
  if (MARKUP.test(latin1(bytes.subarray(0, 1024)))) return false;
  const tail = latin1(bytes.subarray(Math.max(0, bytes.length - 4096)));
  const eof = tail.lastIndexOf('%%EOF');
  return eof >= 0 && /^[\0\t\n\f\r ]*$/.test(tail.slice(eof + 5));
}

/**
 * What the bytes are, by their content alone (never the name or the declared type): one of the evidence types,
 * or null. A PDF ends at its %%EOF, an image at its end marker, with nothing appended (no ZIP, no script); an
 * Office file is a ZIP of a bounded size whose parts, content types and relationships carry no code, no embedded
 * object and no external template.
 */
export function sniffEvidenceType(bytes: Uint8Array): EvidenceType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return isPlainPdf(bytes) ? 'application/pdf' : null; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return endsWith(bytes, [0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]) ? 'image/png' : null; // IEND
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return endsWith(bytes, [0xff, 0xd9]) ? 'image/jpeg' : null; // EOI
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return null;
  return ooxmlType(bytes);
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
