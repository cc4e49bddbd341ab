/**
 * Digital signatures in evidence: the certificates the province trusts (added by an admin, audited, applied to every
 * check from then on) and a re-check of a stored PDF against them (after an anchor was added, or when in doubt).
 */
import { assertAllCampaigns, requireRole } from '../domain/auth.js';
import { DomainError, invalid } from '../domain/errors.js';
import { blobKeys, type EvidenceFile } from '../domain/evidence-files.js';
import { trustAnchorBodySchema } from '../domain/schemas.js';
import type { TrustAnchor } from '../domain/signatures.js';
import type { Actor } from '../domain/types.js';
import { parseOrThrow } from '../domain/validation.js';
import type { Deps, SignatureReader } from '../ports/index.js';
import { auditEntry } from './context.js';
import { signaturesOf } from './evidence-files.js';

/** An admin adds a few CAs (the government CA's root, a licensed CA's intermediates): bounded, listed whole. */
export const MAX_TRUST_ANCHORS = 50;

const readerOf = (deps: Deps): SignatureReader => {
  if (!deps.signatures) throw new Error('this function reads no signatures');
  return deps.signatures;
};

export async function listTrustAnchors(deps: Deps) {
  return { items: await deps.trust.listTrustAnchors() };
}

/** Adds a root or intermediate certificate (PEM, or DER in base64) the province trusts; the same one twice is one. */
export async function addTrustAnchor(deps: Deps, actor: Actor, raw: unknown): Promise<TrustAnchor> {
  requireRole(actor, ['admin']);
  // Anchors apply to every campaign of the deployment: an admin of some campaigns only may not change them.
  assertAllCampaigns(actor);
  const { certificate } = parseOrThrow(trustAnchorBodySchema, raw);
  const described = await readerOf(deps).describe(certificate);
  if (!described) throw invalid('certificate', 'không phải chứng thư số X.509 (PEM hoặc DER mã hóa base64)');
  if (!described.isCa)
    throw invalid(
      'certificate',
      'phải là chứng thư của tổ chức chứng thực (CA gốc hoặc trung gian), không phải của người ký',
    );
  const existing = await deps.trust.listTrustAnchors();
  const same = existing.find((a) => a.sha256 === described.sha256);
  if (same) return same;
  if (existing.length >= MAX_TRUST_ANCHORS)
    throw invalid('certificate', `đã có ${MAX_TRUST_ANCHORS} chứng thư tin cậy, tối đa cho một tỉnh`);
  const now = deps.clock.now();
  const { isCa: _, ...kept } = described;
  const anchor: TrustAnchor = { ...kept, addedAt: now.toISOString(), addedBy: actor.name ?? actor.sub };
  const entry = auditEntry(actor, now, 'trust-anchor-added', {
    after: { sha256: anchor.sha256, subject: anchor.subject },
  });
  if (!(await deps.trust.addTrustAnchor(anchor, entry)))
    return (await deps.trust.listTrustAnchors()).find((a) => a.sha256 === anchor.sha256) ?? anchor;
  return anchor;
}

/** Checks a stored PDF's signatures again against today's anchors, and keeps the result with the file. */
export async function recheckSignatures(deps: Deps, actor: Actor, fileId: string): Promise<EvidenceFile> {
  requireRole(actor, ['reviewer', 'admin']);
  readerOf(deps);
  const file = await deps.files.getFile(fileId);
  if (!file) throw new DomainError('NOT_FOUND', `Không tìm thấy tệp minh chứng ${fileId}`);
  if (file.status !== 'stored' || file.contentType !== 'application/pdf')
    throw new DomainError('CONFLICT', 'Chỉ kiểm tra lại chữ ký của tệp PDF đã lưu');
  const bytes = await deps.blobs?.read(blobKeys.stored(file));
  if (!bytes) throw new DomainError('CONFLICT', 'Không đọc được nội dung tệp đã lưu');
  const now = deps.clock.now();
  const { revision, ...current } = file;
  const checked: EvidenceFile = { ...current, ...(await signaturesOf(deps, file, bytes, now)) };
  const entry = auditEntry(actor, now, 'file-signatures-checked', {
    after: { fileId, signatures: checked.signatures?.length ?? 0 },
  });
  if (!(await deps.files.saveFile(checked, entry, revision)))
    throw new DomainError('CONFLICT', 'Tệp vừa được thay đổi bởi một yêu cầu khác; vui lòng thử lại');
  return checked;
}
