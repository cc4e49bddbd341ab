/** Answers about evidence files (tệp minh chứng), their digital signatures, and the trusted CAs. */
import * as z from 'zod/mini';
import { EVIDENCE_TYPE_NAMES, FILE_STATUSES, SCAN_STATES } from '../evidence-files.js';
import { instantText, listOf, pageOf, sha256Text } from './common.js';

/** A digital signature in a PDF, as the platform checked it. */
const signatureAnswer = z.object({
  signer: z.string(),
  organisation: z.nullable(z.string()),
  identifiers: z.array(z.string()),
  issuer: z.string(),
  signedAt: z.nullable(instantText()),
  coversWholeFile: z.boolean(),
  intact: z.boolean(),
  trusted: z.boolean(),
  revocationChecked: z.boolean(),
  problems: z.array(z.string()),
});

/** A file as stored; `signatures` only for a PDF ([]: unsigned). */
export const storedFileAnswer = z.object({
  fileId: z.string(),
  unitId: z.string(),
  fileName: z.string(),
  contentType: z.enum(EVIDENCE_TYPE_NAMES),
  size: z.int(),
  sha256: sha256Text(),
  status: z.enum(FILE_STATUSES),
  scan: z.enum(SCAN_STATES),
  createdAt: instantText(),
  createdBy: z.string(),
  uploadExpiresAt: instantText(),
  storedAt: z.nullable(instantText()),
  citedBy: z.nullable(z.string()),
  refusedReason: z.nullable(z.string()),
  signatures: z.optional(z.array(signatureAnswer)),
  signaturesCheckedAt: z.optional(instantText()),
});
export const filesAnswer = pageOf(storedFileAnswer);

/** A file with its labels, its signatures as people read them, and a short-lived download link once it is safe. */
export const fileAnswer = z.extend(storedFileAnswer, {
  typeLabel: z.string(),
  statusLabel: z.string(),
  scanLabel: z.string(),
  signatureLines: z.nullable(z.array(z.string())),
  download: z.nullable(z.object({ url: z.string(), expiresAt: instantText() })),
});

/** A file announced: where to send its bytes (exactly these headers), or null when the unit already stored them. */
export const announcedFileAnswer = z.object({
  file: storedFileAnswer,
  upload: z.nullable(
    z.object({ url: z.string(), method: z.literal('PUT'), headers: z.record(z.string(), z.string()) }),
  ),
  expiresAt: z.nullable(instantText()),
});

/** A CA certificate the province trusts when it checks signatures. */
export const trustAnchorAnswer = z.object({
  subject: z.string(),
  notBefore: instantText(),
  notAfter: instantText(),
  sha256: sha256Text(),
  pem: z.string(),
  addedAt: instantText(),
  addedBy: z.string(),
  addedByName: z.optional(z.string()),
  revision: z.optional(z.int()),
});
export const trustAnchorsAnswer = listOf(trustAnchorAnswer);
