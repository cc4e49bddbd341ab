/**
 * A ZIP's table of contents read before anything is inflated (OOXML files, DOCX and XLSX, are ZIPs; so is the
 * scorecard bundle): how many parts, how big each says it is, and then, part by part, whether it inflates to no more
 * than it says — stopping at the first byte beyond. A ZIP bomb (1 GiB of XML in a 1 MB file) is refused after reading
 * its directory, or after the first lying part's declared size, never after inflating it. Inflating is Node's zlib
 * (native, and nothing to load at a cold start: fflate's tables cost its functions 6 ms there, 12/2026).
 */
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** Where the part's local header starts. */
  offset: number;
}

const u16 = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u32 = (b: Uint8Array, i: number) => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries of the central directory, or null when the bytes are no ZIP this reads (ZIP64 included: too big). */
export function zipDirectory(bytes: Uint8Array): ZipEntry[] | null {
  const end = (() => {
    for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--)
      if (u32(bytes, i) === EOCD) return i;
    return -1;
  })();
  if (end < 0) return null;
  const count = u16(bytes, end + 10);
  const size = u32(bytes, end + 12);
  const start = u32(bytes, end + 16);
  if (count === 0xffff || size === 0xffffffff || start === 0xffffffff || start + size > end) return null;
  const entries: ZipEntry[] = [];
  let at = start;
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || u32(bytes, at) !== CENTRAL) return null;
    const nameLength = u16(bytes, at + 28);
    const next = at + 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
    if (next > end) return null;
    const entry = {
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: u16(bytes, at + 10),
      compressedSize: u32(bytes, at + 20),
      size: u32(bytes, at + 24),
      offset: u32(bytes, at + 42),
    };
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff || entry.offset === 0xffffffff) return null;
    entries.push(entry);
    at = next;
  }
  return entries;
}

/** Limits on a ZIP's contents: how many parts and how many bytes they may say they hold, together. */
export interface ZipLimits {
  maxEntries: number;
  maxTotalSize: number;
}

/**
 * Why a ZIP may not be opened, in words for the person who sent it; null when it may. Reads the directory, then
 * inflates each part only up to the size it declares (a part inflating beyond it is a bomb).
 */
export function zipProblem(bytes: Uint8Array, limits: ZipLimits): string | null {
  const entries = zipDirectory(bytes);
  if (!entries) return 'không đọc được cấu trúc tệp nén (ZIP)';
  if (entries.length > limits.maxEntries) return `có ${entries.length} phần, quá ${limits.maxEntries} phần cho phép`;
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  if (total > limits.maxTotalSize)
    return `giải nén ra ${Math.round(total / 1_048_576)} MB, quá ${Math.round(limits.maxTotalSize / 1_048_576)} MB cho phép`;
  for (const e of entries) {
    const part = partBytes(bytes, e);
    if (typeof part === 'string') return part;
  }
  return null;
}

/**
 * The parts of a ZIP whose names `wanted` accepts, inflated, or null when the bytes are no ZIP this reads or a wanted
 * part is damaged or inflates beyond its declared size (so a part never costs more memory than its directory said).
 */
export function zipParts(
  bytes: Uint8Array,
  wanted: (name: string) => boolean = () => true,
): Record<string, Uint8Array> | null {
  const entries = zipDirectory(bytes);
  if (!entries) return null;
  const parts: Record<string, Uint8Array> = {};
  for (const e of entries) {
    if (!wanted(e.name)) continue;
    const part = partBytes(bytes, e);
    if (typeof part === 'string') return null;
    parts[e.name] = part;
  }
  return parts;
}

/** A part's bytes, inflated to no more than its declared size, or why it cannot be read (in words for the sender). */
function partBytes(bytes: Uint8Array, e: ZipEntry): Uint8Array | string {
  if (e.offset + 30 > bytes.length || u32(bytes, e.offset) !== LOCAL) return `phần ${e.name} hỏng`;
  const data = e.offset + 30 + u16(bytes, e.offset + 26) + u16(bytes, e.offset + 28);
  if (data + e.compressedSize > bytes.length) return `phần ${e.name} hỏng`;
  const stored = bytes.subarray(data, data + e.compressedSize);
  if (e.method === 0) return e.compressedSize === e.size ? stored : `phần ${e.name} hỏng`;
  if (e.method !== 8) return `phần ${e.name} nén theo cách không hỗ trợ`;
  const beyond = `phần ${e.name} giải nén ra nhiều hơn kích thước đã ghi (tệp nén độc hại)`;
  try {
    // zlib stops with an error at the first chunk past the limit: one byte beyond the declared size is enough to tell.
    const inflated = inflateRawSync(stored, { maxOutputLength: e.size + 1 });
    if (inflated.length === e.size) return new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.length);
    return inflated.length > e.size ? beyond : `phần ${e.name} hỏng`;
  } catch (error) {
    return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? beyond : `phần ${e.name} hỏng`;
  }
}
