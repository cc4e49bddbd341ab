/** Digital signatures: the trust anchors, reading signatures in PDFs, and the board's signing key. */

import type { PdfSignature, TrustAnchor } from '../domain/signatures.js';
import type { AuditEntry } from '../domain/types.js';

/** The certificates the province trusts for signatures in evidence (bounded: an admin adds a few CAs). */
export interface TrustAnchorStore {
  listTrustAnchors(): Promise<TrustAnchor[]>;
  /** Adds the anchor and records `entry` in the trust anchors' history; false when it is there already. */
  addTrustAnchor(anchor: TrustAnchor, entry: AuditEntry): Promise<boolean>;
}
/**
 * Reads digital signatures (PDF structure, CMS, X.509): PKI.js in the files function (loaded on first use) and the
 * local server. A file it cannot read is reported, never thrown.
 */
export interface SignatureReader {
  read(pdf: Uint8Array, anchors: TrustAnchor[], now: Date): Promise<PdfSignature[]>;
  /** A certificate (PEM, or DER in base64) as an anchor would keep it; null when the text is no certificate. */
  describe(certificate: string): Promise<(Omit<TrustAnchor, 'addedAt' | 'addedBy'> & { isCa: boolean }) | null>;
}
/**
 * Signs what the board issues (Ban Thi đua - Khen thưởng): award dossiers as signed PDFs (PAdES) and the scorecard
 * bundle's manifest as a detached CMS. In AWS the key stays in KMS (it is sent digests only); locally a key and
 * certificate the local server made in its data directory.
 */
export interface BoardSigner {
  /** Who signs, as the certificate names it; a 409 while the deployment has no certificate for its key. */
  signer(): Promise<string>;
  signPdf(pdf: Uint8Array, label: { reason: string; location: string }, at: Date): Promise<Uint8Array>;
  /** A detached CMS SignedData (DER) over `bytes`, with the board's certificate chain. */
  signDetached(bytes: Uint8Array, at: Date): Promise<Uint8Array>;
}
