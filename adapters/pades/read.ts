/**
 * The signatures of a PDF, checked: each signature dictionary's /ByteRange names the signed bytes and leaves a gap for
 * /Contents, the CMS signature in hex. A signature is intact when the CMS verifies over those bytes, covers the whole
 * file when they reach its end (an incremental update after signing adds bytes past it), and is trusted when its
 * certificate chains to one of the deployment's trust anchors and was valid at the signing time it states.
 */
import * as pkijs from 'pkijs';
import { MAX_SIGNATURES_KEPT, type PdfSignature, unreadableSignature } from '../../shared/domain/signatures.js';
import { CERT_OID, cmsRead, nameValue, parseCertificate } from './cms.js';

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;

/** Reads every signature of `pdf` (at most MAX_SIGNATURES_KEPT), checked against the trust anchors (DER). */
export async function readPdfSignatures(pdf: Uint8Array, anchors: Uint8Array[], now: Date): Promise<PdfSignature[]> {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const trusted = anchors.map(parseCertificate);
  const found: PdfSignature[] = [];
  // The file's end, past trailing whitespace: a signature whose range reaches it covers the whole file.
  const end = text.replace(/\s+$/, '').length;
  for (const m of text.matchAll(BYTE_RANGE)) {
    if (found.length >= MAX_SIGNATURES_KEPT) break;
    const [a, b, c, d] = m.slice(1, 5).map(Number) as [number, number, number, number];
    found.push(await checkOne(pdf, text, [a, b, c, d], end, trusted, now));
  }
  return found;
}

async function checkOne(
  pdf: Uint8Array,
  text: string,
  [a, b, c, d]: [number, number, number, number],
  end: number,
  trusted: pkijs.Certificate[],
  now: Date,
): Promise<PdfSignature> {
  if (a !== 0 || a + b > c || c + d > pdf.length) return unreadableSignature('vùng ký (ByteRange) không hợp lệ');
  const parts = signatureParts(pdf, text, [a, b, c, d]);
  if (!parts) return unreadableSignature('không có chữ ký trong vùng ký');
  const { signed } = parts;
  let reading: Awaited<ReturnType<typeof cmsRead>>;
  try {
    reading = await cmsRead(parts.cms, signed);
  } catch {
    return unreadableSignature('chữ ký không đúng định dạng CMS');
  }
  const { signerCert, certificates, signedAt, intact } = reading;
  const problems: string[] = [];
  if (!signerCert) problems.push('không có chứng thư của người ký');
  if (!intact) problems.push('chữ ký không khớp nội dung: tệp đã bị sửa sau khi ký');
  const coversWholeFile = c + d >= end;
  if (!coversWholeFile) problems.push('tệp có phần thêm vào sau khi ký');
  const at = signedAt ?? now;
  const validAtSigning = !!signerCert && signerCert.notBefore.value <= at && signerCert.notAfter.value >= at;
  if (signerCert && !validAtSigning) problems.push('chứng thư đã hết hạn hoặc chưa có hiệu lực lúc ký');
  let chains = false;
  if (signerCert && trusted.length)
    try {
      const engine = new pkijs.CertificateChainValidationEngine({
        trustedCerts: trusted,
        certs: [signerCert, ...certificates.filter((x) => x !== signerCert)],
        checkDate: at,
      });
      chains = (await engine.verify()).result;
    } catch {
      chains = false;
    }
  if (signerCert && !chains) problems.push('chứng thư không thuộc tổ chức chứng thực được tin cậy');
  return {
    signer: (signerCert && nameValue(signerCert.subject, CERT_OID.commonName)) ?? 'không rõ',
    organisation: signerCert ? nameValue(signerCert.subject, CERT_OID.organisation) : null,
    identifiers: signerCert
      ? signerCert.subject.typesAndValues
          .filter((t) => t.type === CERT_OID.uid)
          .map((t) => String(t.value.valueBlock.value))
      : [],
    issuer: (signerCert && nameValue(signerCert.issuer, CERT_OID.commonName)) ?? '',
    signedAt: signedAt?.toISOString() ?? null,
    coversWholeFile,
    intact,
    trusted: chains && validAtSigning,
    revocationChecked: false,
    problems,
  };
}

/**
 * The bytes a signature signs (the file without the /Contents gap) and its CMS: the gap's hex, cut at the DER's own
 * length — the placeholder pads it with zeros, and a signature may itself end in zero bytes, so no trimming of "00".
 */
function signatureParts(pdf: Uint8Array, text: string, [, b, c, d]: [number, number, number, number]) {
  const hex = text.slice(b, c).replace(/[<>\s]/g, '');
  if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length % 2) return null;
  const padded = new Uint8Array(Buffer.from(hex, 'hex'));
  const length = derLength(padded);
  if (length === null || length > padded.length) return null;
  const signed = new Uint8Array(b + d);
  signed.set(pdf.subarray(0, b), 0);
  signed.set(pdf.subarray(c, c + d), b);
  return { signed, cms: padded.subarray(0, length) };
}

/** The whole length of a DER element (tag, length, content) from its header; null when it is no DER SEQUENCE. */
function derLength(der: Uint8Array): number | null {
  if (der[0] !== 0x30 || der.length < 2) return null;
  const first = der[1]!;
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  if (n === 0 || n > 4 || der.length < 2 + n) return null;
  let length = 0;
  for (let i = 0; i < n; i++) length = length * 256 + der[2 + i]!;
  return 2 + n + length;
}

/** The first signature's signed bytes and CMS, as a standard validator (OpenSSL) is handed them in the tests. */
export function firstSignatureParts(pdf: Uint8Array) {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const m = new RegExp(BYTE_RANGE.source).exec(text);
  if (!m) return null;
  return signatureParts(pdf, text, m.slice(1, 5).map(Number) as [number, number, number, number]);
}
