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
    ...label,
    signingTime: at,
    // The CMS with a chain of three 2,048-bit RSA certificates is about 4 KB; room for longer chains.
    signatureLength: 16_384,
    appName: 'Nền tảng thi đua chuyển đổi số',
  });
  return new SignPdf().sign(withPlaceholder, new CmsPdfSigner(signer), at);
}
