/**
 * The local server's signing key for the board: an RSA key and a certificate from a CA of this machine ("máy cục
 * bộ", trusted by nobody else; its root is the chain's last certificate), made on first use and kept in the data directory, so signed dossiers verify
 * across restarts. A province's real key stays in KMS (adapters/kms-signer.ts).
 */
import { createPrivateKey, sign } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pemChain, type SigningKey } from './board-signer.js';
import { onFirstUse } from './on-first-use.js';

export function localSigningKey(dataDir: string, now: () => Date): SigningKey {
  const dir = join(dataDir, 'board-signing');
  const made = onFirstUse(async () => {
    const keyFile = join(dir, 'key.pem');
    const chainFile = join(dir, 'chain.pem');
    if (!existsSync(keyFile) || !existsSync(chainFile)) {
      const { issueCertificate, toPem } = await import('./pades/certificates.js');
      const at = now();
      const years = (n: number) => new Date(at.getTime() + n * 365 * 86_400_000);
      // A CA of this machine issues the board's certificate, as a licensed CA would: its root is what a checker trusts.
      const root = await issueCertificate({
        subject: 'CN=CA máy cục bộ, O=Nền tảng chấm điểm thi đua',
        ca: true,
        notBefore: years(-1),
        notAfter: years(10),
      });
      const issued = await issueCertificate({
        subject: 'CN=Ban Thi đua - Khen thưởng (máy cục bộ), O=Nền tảng chấm điểm thi đua',
        issuer: root,
        ca: false,
        notBefore: years(-1),
        notAfter: years(5),
      });
      const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', issued.keys.privateKey)).toString('base64');
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        keyFile,
        `-----BEGIN PRIVATE KEY-----\n${pkcs8.replace(/(.{64})/g, '$1\n')}\n-----END PRIVATE KEY-----\n`,
        {
          mode: 0o600,
        },
      );
      writeFileSync(chainFile, `${toPem(issued.certificate)}\n${toPem(root.certificate)}\n`);
    }
    return { key: createPrivateKey(readFileSync(keyFile)), chain: pemChain(readFileSync(chainFile, 'utf8')) };
  });
  return {
    chain: async () => (await made()).chain,
    sign: async (bytes) => new Uint8Array(sign('sha256', bytes, (await made()).key)),
  };
}
