/**
 * Evidence files (tệp minh chứng): announced, uploaded straight to the blob store through a signed link, checked
 * (size, SHA-256, type by content), then stored under their hash. A stored file never changes; once a report
 * cites it, it cannot be deleted.
 */
import { assertMayAccessUnit } from '../domain/auth.js';
import { DomainError, invalid, notFound } from '../domain/errors.js';
import {
  blobKeys,
  DOWNLOAD_LINK_MINUTES,
  EVIDENCE_TYPES,
  type EvidenceFile,
  fileIdOf,
  fileNameProblem,
  refusalOf,
  type ScanState,
  scanStateOf,
  UPLOAD_LINK_MINUTES,
} from '../domain/evidence-files.js';
import { FILE_STATUS_LABELS, SCAN_STATE_LABELS } from '../domain/labels.js';
import { evidenceFileBodySchema } from '../domain/schemas.js';
import { signatureLines } from '../domain/signatures.js';
import { decodeSubmissionId } from '../domain/submission-id.js';
import type { Actor, Evidence } from '../domain/types.js';
import { parseOrThrow } from '../domain/validation.js';
import type { BlobStore, Deps, EvidenceFileRecord, PageQuery } from '../ports/index.js';
import { auditEntry, crossChecksFor, loadCampaign, loadUnit } from './context.js';

const blobsOf = (deps: Deps): BlobStore => {
  if (!deps.blobs) throw new Error('this function has no blob store');
  return deps.blobs;
};

const minutesFrom = (now: Date, minutes: number) => new Date(now.getTime() + minutes * 60_000);

/** Saves a change of a file, or says someone changed it first (a retry reads it again). */
async function saveChange(deps: Deps, file: EvidenceFile, revision: number, entry: ReturnType<typeof auditEntry>) {
  if (!(await deps.files.saveFile(file, entry, revision)))
    throw new DomainError('CONFLICT', 'Tệp vừa được thay đổi bởi một yêu cầu khác; vui lòng thử lại');
}

/** A unit learns nothing of other units' files: foreign and unknown ids look the same (404). */
async function visibleFile(deps: Deps, actor: Actor, fileId: string): Promise<EvidenceFileRecord> {
  const file = await deps.files.getFile(fileId);
  if (!file || (actor.role === 'unit' && file.unitId !== actor.unitId)) throw notFound(`tệp minh chứng ${fileId}`);
  return file;
}

/**
 * A file to read: its unit's own, any for staff, and for a cluster's head (or deputy) the files of the reports it
 * cross-checks — the year of the report that cites the file decides whose head it is.
 */
async function readableFile(deps: Deps, actor: Actor, fileId: string): Promise<EvidenceFileRecord> {
  const file = await deps.files.getFile(fileId);
  const citing = file?.citedBy ? decodeSubmissionId(file.citedBy) : null;
  if (
    file &&
    actor.role === 'unit' &&
    file.unitId !== actor.unitId &&
    citing &&
    (await crossChecksFor(deps, actor, citing.campaignId, citing.year, file.unitId))
  )
    return file;
  return visibleFile(deps, actor, fileId);
}

const withoutRevision = ({ revision: _r, ...file }: EvidenceFileRecord): EvidenceFile => file;

/** Announces a file: its record, and a link that takes exactly the announced bytes until it expires. */
export async function requestUpload(deps: Deps, actor: Actor, raw: unknown) {
  const body = parseOrThrow(evidenceFileBodySchema, raw);
  const nameProblem = fileNameProblem(body.fileName, body.contentType);
  if (nameProblem) throw invalid('fileName', nameProblem);
  assertMayAccessUnit(actor, body.unitId);
  await loadUnit(deps, body.unitId);
  const now = deps.clock.now();
  const fileId = fileIdOf(body.unitId, body.sha256);
  const existing = await deps.files.getFile(fileId);
  // The same bytes again: the file is already there, nothing to send.
  if (existing?.status === 'stored') return { file: withoutRevision(existing), upload: null, expiresAt: null };
  const expiresAt = minutesFrom(now, UPLOAD_LINK_MINUTES);
  const file: EvidenceFile = {
    fileId,
    unitId: body.unitId,
    fileName: body.fileName,
    contentType: body.contentType,
    size: body.size,
    sha256: body.sha256,
    status: 'awaiting-upload',
    scan: 'pending',
    createdAt: now.toISOString(),
    createdBy: actor.sub,
    uploadExpiresAt: expiresAt.toISOString(),
    storedAt: null,
    citedBy: null,
    refusedReason: null,
  };
  await saveChange(
    deps,
    file,
    existing?.revision ?? 0,
    auditEntry(actor, now, 'file-announced', { after: { fileId, fileName: file.fileName, sha256: file.sha256 } }),
  );
  const upload = await blobsOf(deps).uploadLink(blobKeys.upload(fileId), file, expiresAt);
  return { file, upload, expiresAt: expiresAt.toISOString() };
}

/**
 * After the bytes were sent: checks them (size, SHA-256, type by content) and stores the file under its hash, or
 * refuses it and keeps nothing. Repeating it for a stored file changes nothing.
 */
export async function completeUpload(deps: Deps, actor: Actor, fileId: string): Promise<EvidenceFile> {
  const file = await visibleFile(deps, actor, fileId);
  if (file.status === 'stored') return withoutRevision(file);
  if (file.status !== 'awaiting-upload')
    throw new DomainError('CONFLICT', `Tệp đã ${file.status === 'refused' ? 'bị từ chối' : 'bị xóa'}; hãy khai lại`);
  const blobs = blobsOf(deps);
  const now = deps.clock.now();
  const bytes = await blobs.read(blobKeys.upload(fileId));
  if (!bytes)
    throw new DomainError(
      'FILE_NOT_UPLOADED',
      Date.parse(file.uploadExpiresAt) < now.getTime()
        ? 'Chưa nhận được nội dung tệp và đường dẫn tải lên đã hết hạn; hãy khai lại tệp'
        : 'Chưa nhận được nội dung tệp; hãy gửi tệp tới đường dẫn tải lên trước',
    );
  const reason = refusalOf(file, bytes);
  if (reason) {
    await blobs.remove(blobKeys.upload(fileId));
    await saveChange(
      deps,
      { ...withoutRevision(file), status: 'refused', refusedReason: reason },
      file.revision,
      auditEntry(actor, now, 'file-refused', { after: { fileId, reason } }),
    );
    throw new DomainError('FILE_REFUSED', `Tệp ${file.fileName} bị từ chối: ${reason}`, [
      { field: 'Tệp', message: reason },
    ]);
  }
  // A PDF's digital signatures are read from the bytes checked here, before they are stored; kept with the file.
  const signed = await signaturesOf(deps, file, bytes, now);
  try {
    await blobs.move(blobKeys.upload(fileId), blobKeys.stored(file));
  } catch (e) {
    // Two completions at once: the other one moved it.
    const again = await deps.files.getFile(fileId);
    if (again?.status === 'stored') return withoutRevision(again);
    throw e;
  }
  // The scanner may record its verdict on the stored bytes before this write: keep it and write again.
  for (let current = file, attempt = 0; attempt < 5; attempt++) {
    const stored: EvidenceFile = {
      ...withoutRevision(current),
      ...signed,
      status: 'stored',
      storedAt: now.toISOString(),
    };
    if (
      await deps.files.saveFile(stored, auditEntry(actor, now, 'file-stored', { after: { fileId } }), current.revision)
    )
      return stored;
    const again = await deps.files.getFile(fileId);
    if (again?.status === 'stored') return withoutRevision(again);
    if (again?.status !== 'awaiting-upload') break;
    current = again;
  }
  throw new DomainError('CONFLICT', 'Tệp vừa được thay đổi bởi một yêu cầu khác; vui lòng thử lại');
}

/** How people read a PDF's signatures (in the default campaign's time zone); null where none were checked. */
async function signatureLinesOf(deps: Deps, file: EvidenceFile): Promise<string[] | null> {
  if (!file.signatures) return null;
  return signatureLines(file.signatures, (await loadCampaign(deps, undefined)).timeZone);
}

/** The signatures of a PDF (none checked for other types, or where the function reads no signatures). */
export async function signaturesOf(
  deps: Deps,
  file: Pick<EvidenceFile, 'contentType'>,
  bytes: Uint8Array,
  now: Date,
): Promise<Pick<EvidenceFile, 'signatures' | 'signaturesCheckedAt'>> {
  if (file.contentType !== 'application/pdf' || !deps.signatures) return {};
  const anchors = await deps.trust.listTrustAnchors();
  return { signatures: await deps.signatures.read(bytes, anchors, now), signaturesCheckedAt: now.toISOString() };
}

/** A file as people see it, with a short-lived link to its bytes once it is stored and scanned clean. */
export async function getEvidenceFile(deps: Deps, actor: Actor, fileId: string) {
  const file = withoutRevision(await readableFile(deps, actor, fileId));
  const expiresAt = minutesFrom(deps.clock.now(), DOWNLOAD_LINK_MINUTES);
  const download =
    file.status === 'stored' && file.scan === 'clean'
      ? {
          url: await blobsOf(deps).downloadLink(blobKeys.stored(file), file, expiresAt),
          expiresAt: expiresAt.toISOString(),
        }
      : null;
  return {
    ...file,
    typeLabel: EVIDENCE_TYPES[file.contentType],
    statusLabel: FILE_STATUS_LABELS[file.status],
    scanLabel: SCAN_STATE_LABELS[file.scan],
    signatureLines: await signatureLinesOf(deps, file),
    download,
  };
}

export async function listEvidenceFiles(deps: Deps, actor: Actor, unitId: string, page: PageQuery) {
  assertMayAccessUnit(actor, unitId);
  await loadUnit(deps, unitId);
  const found = await deps.files.listFiles(unitId, page);
  return { items: found.items.map(withoutRevision), nextToken: found.nextToken };
}

/** A file no report cites can be given up: its bytes go, its record stays (deleted) in the unit's history. */
export async function abandonFile(deps: Deps, actor: Actor, fileId: string): Promise<void> {
  const file = await visibleFile(deps, actor, fileId);
  if (file.status === 'deleted') return;
  // The conditional write decides (a report citing the file meanwhile changes its revision); the bytes go after.
  // A change that is no citation (the scanner's verdict) is read again and the delete tried again.
  for (let current = file, attempt = 0; ; attempt++) {
    if (current.citedBy)
      throw new DomainError(
        'FILE_IN_USE',
        `Tệp ${file.fileName} đã được dẫn làm minh chứng trong báo cáo ${current.citedBy}; không thể xóa`,
        [{ field: 'fileId', message: 'đã được dẫn trong báo cáo' }],
      );
    const entry = auditEntry(actor, deps.clock.now(), 'file-deleted', { after: { fileId } });
    if (await deps.files.saveFile({ ...withoutRevision(current), status: 'deleted' }, entry, current.revision)) break;
    const again = await deps.files.getFile(fileId);
    if (!again || again.status === 'deleted') return;
    if (attempt >= 4) throw new DomainError('CONFLICT', 'Tệp vừa được thay đổi bởi một yêu cầu khác; vui lòng thử lại');
    current = again;
  }
  const blobs = blobsOf(deps);
  await blobs.remove(blobKeys.upload(fileId));
  await blobs.remove(blobKeys.stored(file));
}

/** Why a file not scanned clean cannot be cited, in words for the unit. */
const NOT_CLEAN: Record<Exclude<ScanState, 'clean'>, string> = {
  pending: 'đang chờ quét mã độc; hãy gửi lại sau ít phút',
  infected: 'là tệp có mã độc, không dùng làm minh chứng',
  unscannable: 'không quét mã độc được (tệp bị cách ly); hãy tải lên bản khác của tệp',
};

/**
 * The files a report's evidence names: each must be a stored, clean file of the report's unit, and a
 * SHA-256 given with it must be the file's. Returns the evidence with each file's SHA-256 filled in.
 */
export async function resolveEvidenceFiles(deps: Deps, unitId: string, evidence: Evidence[]) {
  const files: EvidenceFileRecord[] = [];
  const resolved = await Promise.all(
    evidence.map(async (e, i) => {
      if (!e.fileId) return e;
      const field = `evidence.${i}.fileId`;
      const file = await deps.files.getFile(e.fileId);
      if (!file || file.unitId !== unitId || file.status !== 'stored')
        throw invalid(field, 'không phải tệp đã tải lên xong của đơn vị');
      if (file.scan !== 'clean') throw invalid(field, NOT_CLEAN[file.scan]);
      if (e.sha256 && e.sha256 !== file.sha256)
        throw invalid(`evidence.${i}.sha256`, 'khác với mã SHA-256 của tệp đã tải lên');
      files.push(file);
      return { ...e, sha256: file.sha256 };
    }),
  );
  return { evidence: resolved, files };
}

/** Marks files cited by a report (before it is stored: a file being cited can no longer be deleted). */
export async function markCited(deps: Deps, actor: Actor, files: EvidenceFileRecord[], submissionId: string) {
  const now = deps.clock.now();
  for (let file of files) {
    for (let attempt = 0; !file.citedBy; attempt++) {
      const cited = { ...withoutRevision(file), citedBy: submissionId };
      if (
        await deps.files.saveFile(
          cited,
          auditEntry(actor, now, 'file-cited', { after: { submissionId } }),
          file.revision,
        )
      )
        break;
      const again = await deps.files.getFile(file.fileId);
      if (again?.status !== 'stored' || attempt > 4)
        throw new DomainError('CONFLICT', `Tệp ${file.fileName} vừa bị thay đổi; vui lòng gửi lại báo cáo`);
      file = again;
    }
  }
}

/** The scanner's verdict on stored bytes (GuardDuty's result for the object `evidence/{unitId}/{sha256}`). */
export async function recordScanResult(deps: Deps, objectKey: string, result: string): Promise<ScanState | null> {
  const match = /^evidence\/([a-z0-9][a-z0-9-]*)\/([0-9a-f]{64})$/.exec(objectKey);
  const scan = scanStateOf(result);
  if (!match || !scan) return null;
  const system: Actor = { sub: 'malware-scan', role: 'admin', unitId: null };
  for (let attempt = 0; attempt < 5; attempt++) {
    const file = await deps.files.getFile(fileIdOf(match[1]!, match[2]!));
    if (!file || file.status === 'deleted' || file.scan === scan) return file ? scan : null;
    const entry = auditEntry(system, deps.clock.now(), 'file-scanned', { after: { scan, result } });
    if (await deps.files.saveFile({ ...withoutRevision(file), scan }, entry, file.revision)) return scan;
  }
  throw new DomainError('CONFLICT', `Không ghi được kết quả quét của ${objectKey}`);
}
