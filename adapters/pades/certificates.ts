/**
 * Keys and certificates made here (@peculiar/x509 over WebCrypto): the local server's signing certificate for the
 * board, and the test suite's own CAs. Never a real key: in AWS the board's key stays in KMS (adapters/kms-signer.ts).
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { CmsSigner } from './cms.js';

const crypto = webcrypto as unknown as Crypto;
x509.cryptoProvider.set(crypto);
const RSA = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};

export interface Issued {
  certificate: x509.X509Certificate;
  keys: CryptoKeyPair;
}

let serial = 0;
/** A certificate for `subject` (an X.500 name, e.g. "CN=UBND phường Hồng Bàng, O=UBND thành phố Hải Phòng"). */
export async function issueCertificate(options: {
  subject: string;
  /** Who signs it; none: self-signed (a root). */
  issuer?: Issued;
  ca: boolean;
  notBefore: Date;
  notAfter: Date;
}): Promise<Issued> {
  const keys = (await crypto.subtle.generateKey(RSA, true, ['sign', 'verify'])) as CryptoKeyPair;
  const extensions = [
    new x509.BasicConstraintsExtension(options.ca, undefined, true),
    new x509.KeyUsagesExtension(
      options.ca ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign : x509.KeyUsageFlags.digitalSignature,
      true,
    ),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: (Date.now() * 1000 + ++serial).toString(16).padStart(16, '0'),
    subject: options.subject,
    issuer: options.issuer?.certificate.subject ?? options.subject,
    notBefore: options.notBefore,
    notAfter: options.notAfter,
    signingAlgorithm: RSA,
    publicKey: keys.publicKey,
    signingKey: options.issuer?.keys.privateKey ?? keys.privateKey,
    extensions,
  });
  return { certificate, keys };
}

/** A CMS signer with a WebCrypto private key and its chain (signer first). */
export const keySigner = (privateKey: CryptoKey, chain: x509.X509Certificate[]): CmsSigner => ({
  chain: chain.map((c) => new Uint8Array(c.rawData)),
  sign: async (toBeSigned) =>
    new Uint8Array(await crypto.subtle.sign(RSA.name, privateKey, new Uint8Array(toBeSigned))),
});

export const toPem = (c: x509.X509Certificate) => c.toString('pem');
export const fromPem = (pem: string) => new x509.X509Certificate(pem);
