/**
 * Digital signatures (chữ ký số) in the evidence units upload: what the platform found in a signed PDF, and how a
 * person reads it. The reading itself (PDF structure, CMS, X.509) is an adapter's; the domain keeps the result.
 */
import { formatDateTime } from './calendar.js';

/** One signature of a PDF as checked at upload (or at a re-check an admin asked for). */
export interface PdfSignature {
  /** The signer certificate's common name (CN): a person or an agency. */
  signer: string;
  /** Its organisation (O), where the certificate names one. */
  organisation: string | null;
  /** Vietnamese identifiers in the subject (UID: MST:…, CCCD:…, CMND:…), as the CA wrote them. */
  identifiers: string[];
  /** The issuing CA's common name. */
  issuer: string;
  /** The signing time the signature states (signingTime), ISO; null when it states none. */
  signedAt: string | null;
  /** The signed bytes reach the end of the file: nothing was added after signing. */
  coversWholeFile: boolean;
  /** The CMS signature verifies over the signed bytes (no byte changed since signing). */
  intact: boolean;
  /** The certificate chains to a trust anchor of the deployment and was valid when signed. */
  trusted: boolean;
  /** Revocation (OCSP/CRL) was not consulted: said, never implied. */
  revocationChecked: boolean;
  /** What is wrong, in Vietnamese, one sentence each; [] for a good signature. */
  problems: string[];
}

/** A root or intermediate certificate the province trusts (tổ chức chứng thực được tin cậy), added by an admin. */
export interface TrustAnchor {
  /** SHA-256 of the certificate's DER bytes, hex: its id. */
  sha256: string;
  subject: string;
  notBefore: string;
  notAfter: string;
  /** The certificate, PEM. */
  pem: string;
  addedAt: string;
  addedBy: string;
}

/** A signature that could not be read at all: reported with its problem, never thrown. */
export const unreadableSignature = (problem: string): PdfSignature => ({
  signer: 'không đọc được',
  organisation: null,
  identifiers: [],
  issuer: '',
  signedAt: null,
  coversWholeFile: false,
  intact: false,
  trusted: false,
  revocationChecked: false,
  problems: [problem],
});

/** The most a file's record keeps (a PDF with more is rare; each is a few hundred bytes). */
export const MAX_SIGNATURES_KEPT = 10;

/** A signature as one line on the review page, the report and the public scorecard. */
export function signatureLine(s: PdfSignature, timeZone: string): string {
  const who = s.organisation && s.organisation !== s.signer ? `${s.signer} (${s.organisation})` : s.signer;
  const when = s.signedAt ? `, ${formatDateTime(s.signedAt, timeZone)}` : '';
  const verdict =
    s.intact && s.coversWholeFile && s.trusted
      ? 'nguyên vẹn, chứng thư hợp lệ'
      : s.problems.join('; ') || 'không kiểm tra được';
  return `Ký số bởi ${who}${when} — ${verdict}`;
}

/** A file's signatures as lines people read; an unsigned PDF says so in one line. */
export const signatureLines = (signatures: PdfSignature[], timeZone: string): string[] =>
  signatures.length ? signatures.map((s) => signatureLine(s, timeZone)) : ['Tệp không có chữ ký số'];
