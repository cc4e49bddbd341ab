/** The on-demand module of the board's signer (adapters/board-signer.ts): PKI.js and @signpdf stay out of start-up. */
export { cmsSign } from './pades/cms.js';
export { describeCertificate } from './pades/describe.js';
export { signPdf } from './pades/sign.js';
