/** The part of the Lambda SDK the job runner calls, loaded on first use (see on-first-use.ts). */
export { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
