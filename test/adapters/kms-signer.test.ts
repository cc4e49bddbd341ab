/**
 * The board's key in KMS: KMS is sent the SHA-256 digest of what is signed (never the document) and signs it with
 * RSASSA-PKCS1-v1_5; the certificate comes from the stage's SSM parameter. KMS is played here by a test key that signs
 * a digest exactly as KMS does (DigestInfo, PKCS #1 v1.5 padding), so the signed PDF is checked for real.
 */
import { constants, createPrivateKey, privateEncrypt } from 'node:crypto';
import { KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { boardSigner } from '../../adapters/board-signer.js';
import { kmsSigningKey, NO_CERTIFICATE_YET } from '../../adapters/kms-signer.js';
import { toPem } from '../../adapters/pades/certificates.js';
import { readPdfSignatures } from '../../adapters/pades/read.js';
import { DomainError } from '../../shared/domain/errors.js';
import { plainPdf, type TestPki, testPki } from '../fixtures/pki.js';

/** DER of DigestInfo { sha256, NULL } before the 32-byte digest (RFC 8017 §9.2). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');
const kms = mockClient(KMSClient);
const ssm = mockClient(SSMClient);
// Mocked by class (every instance): put back for the files that run after this one in the same process.
afterAll(() => {
  kms.restore();
  ssm.restore();
});
let pki: TestPki;
let keyPem: string;
beforeAll(async () => {
  pki = await testPki(new Date('2026-11-20T03:00:00Z'));
  const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', pki.signer.keys.privateKey)).toString('base64');
  keyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8}\n-----END PRIVATE KEY-----\n`;
}, 60_000);
beforeEach(() => {
  kms.reset();
  ssm.reset();
  kms.on(SignCommand).callsFake(async (input: { Message: Uint8Array }) => ({
    Signature: privateEncrypt(
      { key: createPrivateKey(keyPem), padding: constants.RSA_PKCS1_PADDING },
      Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(input.Message)]),
    ),
  }));
});
const signer = () =>
  boardSigner(
    kmsSigningKey('alias/thi-dua-prod-board-signing', '/thi-dua/prod/board-certificate', {
      kms: new KMSClient({}),
      ssm: new SSMClient({}),
    }),
  );

describe('the board signs with its key in KMS', () => {
  it('signs a PDF sending KMS only a digest; the signature verifies and chains to the CA', async () => {
    const chain = `${toPem(pki.signer.certificate)}\n${toPem(pki.intermediate.certificate)}\n`;
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: chain } });
    const at = new Date('2026-12-19T03:00:00Z');
    const signed = await signer().signPdf(await plainPdf('Tờ trình'), { reason: 'Hồ sơ', location: 'Hải Phòng' }, at);
    const calls = kms.commandCalls(SignCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toMatchObject({
      KeyId: 'alias/thi-dua-prod-board-signing',
      MessageType: 'DIGEST',
      SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256',
    });
    expect(calls[0]!.args[0].input.Message).toHaveLength(32);
    const [s] = await readPdfSignatures(signed, [new Uint8Array(pki.root.certificate.rawData)], at);
    expect(s).toMatchObject({ signer: 'UBND phường Hồng Bàng', intact: true, trusted: true, coversWholeFile: true });
  });

  it('refuses (409) while the parameter holds no certificate, without calling KMS', async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: NO_CERTIFICATE_YET } });
    const refused = await signer()
      .signPdf(await plainPdf('Tờ trình'), { reason: 'Hồ sơ', location: 'Hải Phòng' }, new Date())
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('CONFLICT');
    expect(kms.commandCalls(SignCommand)).toHaveLength(0);
  });
});
