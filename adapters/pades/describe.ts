/** A certificate as a trust anchor keeps it: its subject, validity, and whether it may issue certificates (a CA). */
import type * as pkijs from 'pkijs';
import { CERT_OID, nameValue, parseCertificate } from './cms.js';

export function describeCertificate(der: Uint8Array) {
  let cert: pkijs.Certificate;
  try {
    cert = parseCertificate(der);
  } catch {
    return null;
  }
  const constraints = cert.extensions?.find((e) => e.extnID === '2.5.29.19')?.parsedValue as
    | pkijs.BasicConstraints
    | undefined;
  const subject = cert.subject.typesAndValues.map((t) => String(t.value.valueBlock.value)).join(', ');
  return {
    subject: nameValue(cert.subject, CERT_OID.commonName) ?? subject,
    notBefore: cert.notBefore.value.toISOString(),
    notAfter: cert.notAfter.value.toISOString(),
    isCa: constraints?.cA === true,
  };
}
