/** The parts of the KMS and SSM SDKs the board's signer calls, loaded on first use (see on-first-use.ts). */
export { KMSClient, SignCommand } from '@aws-sdk/client-kms';
export { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
