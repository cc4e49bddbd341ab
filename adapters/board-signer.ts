/**
 * The board's signer over a key that signs bytes (KMS in AWS, a local key): the PDF and CMS work is PKI.js and
 * @signpdf's, loaded on the first signature. Without a certificate for the key, nothing is signed (a 409 says so).
 */
import { DomainError } from '../shared/domain/errors.js';
import type { BoardSigner } from '../shared/ports/index.js';
import { onFirstUse } from './on-first-use.js';

const pades = onFirstUse(() => import('./pades-sign.js'));

/** A key that signs: its certificate chain (signer first, DER; null until configured) and RSA SHA-256 signatures. */
export interface SigningKey {
  chain(): Promise<Uint8Array[] | null>;
  sign(bytes: Uint8Array): Promise<Uint8Array>;
}

const notConfigured = () =>
  new DomainError(
    'CONFLICT',
    'Chưa cấu hình chứng thư ký số của Ban Thi đua - Khen thưởng cho nền tảng; hãy tải bản chưa ký hoặc liên hệ quản trị',
  );

export function boardSigner(key: SigningKey): BoardSigner {
  const cms = async () => {
    const chain = await key.chain();
    if (!chain?.length) throw notConfigured();
    return { chain, sign: (bytes: Uint8Array) => key.sign(bytes) };
  };
  /** Who signs, as the signer's certificate (the chain's first) names it. */
  const nameOf = async (chain: Uint8Array[]) =>
    (await pades()).describeCertificate(chain[0]!)?.subject ?? 'Ban Thi đua - Khen thưởng';
  return {
    signer: async () => nameOf((await cms()).chain),
    async signPdf(pdf, label, at) {
      const signer = await cms();
      const { signPdf } = await pades();
      return signPdf(pdf, signer, { name: await nameOf(signer.chain), contactInfo: '', ...label }, at);
    },
    async signDetached(bytes, at) {
      const signer = await cms();
      return (await pades()).cmsSign(bytes, signer, at);
    },
  };
}

/** PEM certificates (a chain) as DER, in order. */
export const pemChain = (pem: string): Uint8Array[] =>
  [...pem.matchAll(/-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/g)].map(
    (m) => new Uint8Array(Buffer.from(m[1]!.replace(/\s/g, ''), 'base64')),
  );
