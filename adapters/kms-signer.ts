/**
 * The board's key in AWS KMS (an asymmetric RSA_2048 SIGN_VERIFY key): the platform sends KMS the SHA-256 digest of
 * what it signs, never the document, and the private key never leaves KMS. The certificate a CA issued for the key's
 * public key is configured per deployment in an SSM parameter (docs/deploy-aws.md); until then nothing is signed.
 */
import { createHash } from 'node:crypto';
import type { KMSClient } from '@aws-sdk/client-kms';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { boardSigner, pemChain, type SigningKey } from './board-signer.js';
import { env } from './deps.js';
import { onFirstUse } from './on-first-use.js';

/** What the parameter holds until a province puts its certificate there: no certificate. */
export const NO_CERTIFICATE_YET = 'chưa cấu hình';

export function kmsSigningKey(
  keyId: string,
  certificateParameter: string,
  clients: { kms?: KMSClient; ssm?: SSMClient } = {},
): SigningKey {
  const aws = onFirstUse(async () => {
    const sdk = await import('./kms-sdk.js');
    return { sdk, kms: clients.kms ?? new sdk.KMSClient({}), ssm: clients.ssm ?? new sdk.SSMClient({}) };
  });
  // Read once per container: a new certificate reaches the functions as they start again.
  const chain = onFirstUse(async () => {
    const { sdk, ssm } = await aws();
    const out = await ssm.send(new sdk.GetParameterCommand({ Name: certificateParameter }));
    const found = pemChain(out.Parameter?.Value ?? '');
    return found.length ? found : null;
  });
  return {
    chain,
    async sign(bytes) {
      const { sdk, kms } = await aws();
      const out = await kms.send(
        new sdk.SignCommand({
          KeyId: keyId,
          Message: createHash('sha256').update(bytes).digest(),
          MessageType: 'DIGEST',
          SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256',
        }),
      );
      if (!out.Signature) throw new Error('KMS returned no signature');
      return out.Signature;
    },
  };
}

export const kmsBoardSignerFromEnv = () =>
  boardSigner(kmsSigningKey(env('BOARD_KEY_ID'), env('BOARD_CERTIFICATE_PARAMETER')));
