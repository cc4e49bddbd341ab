/**
 * CMS (PKCS #7) signatures as PDFs carry them (PAdES: SubFilter adbe.pkcs7.detached or ETSI.CAdES.detached), with
 * PKI.js and ASN1.js (pure JavaScript, WebCrypto underneath): building one for a signer whose key may live elsewhere
 * (AWS KMS signs the digest it is sent), and reading one back.
 */
import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto }));

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  commonName: '2.5.4.3',
  organisation: '2.5.4.10',
  uid: '0.9.2342.19200300.100.1.1',
} as const;

/** Who signs: the certificate chain (signer first, DER) and a function that signs bytes with RSA PKCS #1 v1.5 SHA-256. */
export interface CmsSigner {
  chain: Uint8Array[];
  sign(toBeSigned: Uint8Array): Promise<Uint8Array>;
}

const bytesOf = (b: ArrayBuffer | Uint8Array) => (b instanceof Uint8Array ? b : new Uint8Array(b));
const bufferOf = (b: Uint8Array) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

export const parseCertificate = (der: Uint8Array) => pkijs.Certificate.fromBER(bufferOf(der));

/** A detached CMS SignedData over `content`, with contentType, signingTime and messageDigest signed. */
export async function cmsSign(content: Uint8Array, signer: CmsSigner, signingTime: Date): Promise<Uint8Array> {
  const certificates = signer.chain.map(parseCertificate);
  const signerCert = certificates[0]!;
  const digest = createHash('sha256').update(content).digest();
  const attrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: [
      new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
      new pkijs.Attribute({ type: OID.signingTime, values: [new asn1js.UTCTime({ valueDate: signingTime })] }),
      new pkijs.Attribute({
        type: OID.messageDigest,
        values: [new asn1js.OctetString({ valueHex: bufferOf(digest) })],
      }),
    ],
  });
  // What is signed is the attributes' DER as a SET (RFC 5652 §5.4), not as the [0] they are stored under.
  const encoded = new Uint8Array(attrs.toSchema().toBER(false));
  encoded[0] = 0x31;
  attrs.encodedValue = bufferOf(encoded);
  const signature = await signer.sign(encoded);
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    certificates,
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: signerCert.issuer, serialNumber: signerCert.serialNumber }),
        digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
        signedAttrs: attrs,
        signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.rsaEncryption }),
        signature: new asn1js.OctetString({ valueHex: bufferOf(signature) }),
      }),
    ],
  });
  const info = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return bytesOf(info.toSchema().toBER(false));
}

/** The first value of an attribute of a name (CN, O, UID…), or null. */
export const nameValue = (name: pkijs.RelativeDistinguishedNames, oid: string): string | null =>
  nameValues(name, oid)[0] ?? null;
const nameValues = (name: pkijs.RelativeDistinguishedNames, oid: string): string[] =>
  name.typesAndValues.filter((t) => t.type === oid).map((t) => String(t.value.valueBlock.value));

export interface CmsReading {
  signerCert: pkijs.Certificate | null;
  certificates: pkijs.Certificate[];
  signedAt: Date | null;
  /** The signature verifies over `content` (the messageDigest and the signature itself). */
  intact: boolean;
}

/** Reads a detached CMS signature over `content`: its signer, stated time, certificates, and whether it verifies. */
export async function cmsRead(der: Uint8Array, content: Uint8Array): Promise<CmsReading> {
  const info = pkijs.ContentInfo.fromBER(bufferOf(der));
  if (info.contentType !== OID.signedData) throw new Error('not a CMS SignedData');
  const signedData = new pkijs.SignedData({ schema: info.content });
  const certificates = (signedData.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
  );
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo) throw new Error('no signer');
  const sid = signerInfo.sid as pkijs.IssuerAndSerialNumber;
  const signerCert =
    certificates.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber)) ?? null;
  const timeAttr = signerInfo.signedAttrs?.attributes.find((a) => a.type === OID.signingTime);
  const signedAt = timeAttr ? (timeAttr.values[0] as asn1js.UTCTime).toDate() : null;
  let intact = false;
  try {
    intact = await signedData.verify({ signer: 0, data: bufferOf(content), checkChain: false });
  } catch {
    intact = false;
  }
  return { signerCert, certificates, signedAt, intact };
}

export const CERT_OID = OID;
