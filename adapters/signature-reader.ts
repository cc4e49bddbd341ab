/**
 * The signature reader the platform uses: PKI.js and @signpdf are heavy, so the files function loads them on first
 * use (a module of their own beside its bundle, infra/bundling.ts), not at every start.
 */
import { createHash } from 'node:crypto';
import { type TrustAnchor, unreadableSignature } from '../shared/domain/signatures.js';
import type { SignatureReader } from '../shared/ports/index.js';
import { onFirstUse } from './on-first-use.js';

const pades = onFirstUse(() => import('./pades-read.js'));

const PEM = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/;

export const signatureReader: SignatureReader = {
  async read(pdf, anchors: TrustAnchor[], now) {
    const { readPdfSignatures } = await pades();
    const ders = anchors.flatMap((a) => derOf(a.pem) ?? []);
    try {
      return await readPdfSignatures(pdf, ders, now);
    } catch {
      // Whatever a file holds, the upload is answered: its signatures are said unreadable, not thrown.
      return [unreadableSignature('không đọc được chữ ký trong tệp')];
    }
  },
  async describe(certificate) {
    const der = derOf(certificate) ?? base64Der(certificate);
    if (!der) return null;
    const { describeCertificate } = await pades();
    const described = describeCertificate(der);
    if (!described) return null;
    const body = Buffer.from(der)
      .toString('base64')
      .replace(/(.{64})/g, '$1\n');
    return {
      ...described,
      sha256: createHash('sha256').update(der).digest('hex'),
      pem: `-----BEGIN CERTIFICATE-----\n${body.trim()}\n-----END CERTIFICATE-----\n`,
    };
  },
};

const derOf = (pem: string): Uint8Array | null => {
  const m = PEM.exec(pem);
  return m ? new Uint8Array(Buffer.from(m[1]!.replace(/\s/g, ''), 'base64')) : null;
};
const base64Der = (text: string): Uint8Array | null =>
  /^[A-Za-z0-9+/=\s]+$/.test(text) ? new Uint8Array(Buffer.from(text.replace(/\s/g, ''), 'base64')) : null;
