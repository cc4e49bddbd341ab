/**
 * The blob store of the local server: files under its data directory, reached through links it signs itself
 * (HMAC, with an expiry), so uploads and downloads take the same shape as S3's presigned links. Like S3, the
 * upload side refuses bytes whose size or SHA-256 is not the declared one, and keeps nothing of them.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '../shared/domain/errors.js';
import {
  type EvidenceType,
  hexToBase64,
  MAX_EVIDENCE_FILE_BYTES,
  uploadHeaders,
} from '../shared/domain/evidence-files.js';
import type { BlobStore, Clock } from '../shared/ports/index.js';
import { contentDisposition } from './content-disposition.js';
import { putArchive } from './zip.js';

/** Keys the platform makes (uploads/…, evidence/unit/sha, scorecards/…, imports/id/…): nothing else reaches the disk. */
const KEY = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9.-]*)*$/;
export const LOCAL_BLOB_PATH = '/local/blobs/';

const refused = (message: string) =>
  new DomainError('VALIDATION_FAILED', message, [{ field: 'Tệp', message: message.toLowerCase() }]);

export class LocalBlobStore implements BlobStore {
  private readonly secret: Buffer;
  /** Upload links that delivered their bytes, until they expire (in memory: a restart forgets, links live minutes). */
  private readonly usedUploads = new Map<string, number>();

  constructor(
    private readonly dir: string,
    /** The server's address, known once it listens. */
    private readonly baseUrl: () => string,
    private readonly clock: Clock,
    /** Told of each file stored under evidence/ (as S3 tells GuardDuty), once its bytes are in place. */
    private readonly onStored: (key: string) => void = () => undefined,
  ) {
    mkdirSync(join(dir, 'tmp'), { recursive: true });
    const secretFile = join(dir, 'link-secret');
    if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32).toString('base64'), { mode: 0o600 });
    this.secret = Buffer.from(readFileSync(secretFile, 'utf8'), 'base64');
  }

  private path(key: string) {
    if (!KEY.test(key)) throw new Error(`not a blob key: ${key}`);
    return join(this.dir, key);
  }
  /** Signs the fields as one JSON array: no field (a file name with a line break) can shift into the next. */
  private sign(fields: string[]) {
    return createHmac('sha256', this.secret).update(JSON.stringify(fields)).digest('base64url');
  }
  private link(key: string, params: Record<string, string>, fields: string[]) {
    const query = new URLSearchParams({ ...params, signature: this.sign(fields) });
    return `${this.baseUrl()}${LOCAL_BLOB_PATH}${key}?${query}`;
  }
  /** The link's parameters if it is one this store signed and it has not expired; throws otherwise. */
  private opened(key: string, query: URLSearchParams, fields: (q: URLSearchParams) => string[]) {
    const given = Buffer.from(query.get('signature') ?? '');
    const expected = Buffer.from(this.sign(fields(query)));
    if (!KEY.test(key) || given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new DomainError('FORBIDDEN', 'Đường dẫn tệp không hợp lệ');
    if (Number(query.get('expires')) * 1000 < this.clock.now().getTime())
      throw new DomainError('FORBIDDEN', 'Đường dẫn tệp đã hết hạn; hãy lấy đường dẫn mới');
  }

  async uploadLink(key: string, declared: { size: number; sha256: string; contentType: EvidenceType }, at: Date) {
    const expires = String(Math.floor(at.getTime() / 1000));
    const url = this.link(key, { expires, size: String(declared.size), sha256: declared.sha256 }, [
      'PUT',
      key,
      expires,
      String(declared.size),
      declared.sha256,
      declared.contentType,
    ]);
    return {
      url,
      method: 'PUT' as const,
      headers: uploadHeaders(declared),
    };
  }

  /**
   * The server's side of an upload link: the bytes are written to a temporary file while their size and SHA-256
   * are counted, and become the blob only if both are the declared ones and the headers are the signed ones.
   */
  async receive(key: string, query: URLSearchParams, headers: Record<string, string>, body: AsyncIterable<Buffer>) {
    const type = headers['content-type'] ?? '';
    this.opened(key, query, (q) => [
      'PUT',
      key,
      q.get('expires') ?? '',
      q.get('size') ?? '',
      q.get('sha256') ?? '',
      type,
    ]);
    // An upload link takes its bytes once: sent again after it succeeded (a replay), it is refused before anything
    // is written. A failed upload may be sent again with the same link.
    const signature = query.get('signature')!;
    if (this.usedUploads.has(signature))
      throw new DomainError('FORBIDDEN', 'Đường dẫn tải lên đã được dùng; hãy lấy đường dẫn mới');
    const size = Number(query.get('size'));
    const sha256 = query.get('sha256')!;
    if (headers['x-amz-checksum-sha256'] !== hexToBase64(sha256))
      throw refused('Thiếu tiêu đề x-amz-checksum-sha256, hoặc khác mã SHA-256 đã khai');
    const tmp = join(this.dir, 'tmp', randomBytes(12).toString('hex'));
    const hash = createHash('sha256');
    let received = 0;
    let tooLarge = false;
    await pipeline(
      body,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          received += chunk.length;
          if (received > size || received > MAX_EVIDENCE_FILE_BYTES) tooLarge = true;
          if (tooLarge) continue; // read to the end, so the client hears the answer, but keep nothing more
          hash.update(chunk);
          yield chunk;
        }
      },
      createWriteStream(tmp),
    );
    try {
      if (tooLarge || received !== size) throw refused(`Tệp có ${received} byte, khác với ${size} byte đã khai`);
      if (hash.digest('hex') !== sha256) throw refused('Mã SHA-256 của tệp khác với mã đã khai; tệp không được lưu');
      mkdirSync(dirname(this.path(key)), { recursive: true });
      await rename(tmp, this.path(key));
      const now = this.clock.now().getTime();
      for (const [used, until] of this.usedUploads) if (until < now) this.usedUploads.delete(used);
      this.usedUploads.set(signature, Number(query.get('expires')) * 1000);
    } finally {
      await rm(tmp, { force: true });
    }
  }

  /** The server's side of a download link: the file to send and the headers to send it with. */
  opening(key: string, query: URLSearchParams): { path: string; headers: Record<string, string> } {
    this.opened(key, query, (q) => ['GET', key, q.get('expires') ?? '', q.get('name') ?? '', q.get('type') ?? '']);
    return {
      path: this.path(key),
      headers: {
        'content-type': query.get('type')!,
        'content-disposition': contentDisposition('inline', query.get('name')!),
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      },
    };
  }

  async read(key: string) {
    try {
      return new Uint8Array(await readFile(this.path(key)));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }
  putArchive(key: string, files: Record<string, Uint8Array>, mtime: Date) {
    return putArchive(this, key, files, mtime);
  }

  async put(key: string, bytes: Uint8Array) {
    const tmp = join(this.dir, 'tmp', randomBytes(12).toString('hex'));
    await writeFile(tmp, bytes);
    mkdirSync(dirname(this.path(key)), { recursive: true });
    await rename(tmp, this.path(key));
  }
  async move(from: string, to: string) {
    mkdirSync(dirname(this.path(to)), { recursive: true });
    await rename(this.path(from), this.path(to));
    if (to.startsWith('evidence/')) this.onStored(to);
  }
  async remove(key: string) {
    await rm(this.path(key), { force: true });
  }
  async downloadLink(key: string, as: { fileName: string; contentType: string }, at: Date) {
    const expires = String(Math.floor(at.getTime() / 1000));
    return this.link(key, { expires, name: as.fileName, type: as.contentType }, [
      'GET',
      key,
      expires,
      as.fileName,
      as.contentType,
    ]);
  }

  /** What S3's lifecycle rule does to abandoned uploads: those older than `before` are removed. Returns how many. */
  async sweepUploads(before: Date): Promise<number> {
    const dir = join(this.dir, 'uploads');
    if (!existsSync(dir)) return 0;
    let removed = 0;
    for (const name of await readdir(dir)) {
      const file = join(dir, name);
      if ((await stat(file)).mtime < before) {
        await rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }
}
