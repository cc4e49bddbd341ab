/**
 * Signs a PDF (PAdES, adbe.pkcs7.detached): @signpdf adds the signature dictionary with room for the signature and
 * computes the byte range; the CMS is built here for a signer whose key may be elsewhere (cms.ts).
 */
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf } from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import { type CmsSigner, cmsSign } from './cms.js';

class CmsPdfSigner extends Signer {
  constructor(private readonly signer: CmsSigner) {
    super();
  }
  override async sign(signedBytes: Buffer, signingTime?: Date) {
    return Buffer.from(await cmsSign(signedBytes, this.signer, signingTime ?? new Date()));
  }
}

export interface SignatureLabel {
  /** Who signs, as the signature's /Name says (the board). */
  name: string;
  reason: string;
  location: string;
  contactInfo: string;
}

/** The PDF signed by `signer`, at `at`, with its label in the signature dictionary. */
export async function signPdf(pdf: Uint8Array, signer: CmsSigner, label: SignatureLabel, at: Date): Promise<Buffer> {
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: Buffer.from(pdf),
    // @signpdf writes these strings UTF-8-encoded twice when they leave Latin-1 (readers show them garbled): they go
    // without diacritics. Who signed, in full Vietnamese, is the certificate's to say.
    name: ascii(label.name),
    reason: ascii(label.reason),
    location: ascii(label.location),
    contactInfo: ascii(label.contactInfo),
    signingTime: at,
    // The CMS with a chain of three 2,048-bit RSA certificates is about 4 KB; room for longer chains.
    signatureLength: 16_384,
    // Written as a PDF name (no spaces, ASCII): the platform's short name.
    appName: 'ThiDuaCDS',
  });
  return new SignPdf().sign(withPlaceholder, new CmsPdfSigner(signer), at);
}

/** Vietnamese without its diacritics (đ as d): "Hồ sơ đề nghị" → "Ho so de nghi". */
const ascii = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '');
