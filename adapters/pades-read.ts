/** The on-demand module of the signature reader (adapters/signature-reader.ts): PKI.js and its ASN.1 stay out of start-up. */
export { describeCertificate } from './pades/describe.js';
export { readPdfSignatures } from './pades/read.js';
