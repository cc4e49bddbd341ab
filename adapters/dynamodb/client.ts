/** DynamoDB document client from the environment: AWS in Lambda, the embedded store locally (DYNAMODB_ENDPOINT). */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Logger } from '@smithy/types';

/**
 * The SDK's default no-op logger still has an `info` method, and the logger middleware builds a
 * sensitive-data-filtered copy of every request and response for it: a third of the CPU of a large
 * query. A logger without `info` skips that work. Errors reach the handlers, which log them once.
 */
const noop = () => undefined;
const quietLogger = { debug: noop, warn: noop, error: noop } as unknown as Logger;

export function documentClient(endpoint = process.env.DYNAMODB_ENDPOINT): DynamoDBDocumentClient {
  const client = new DynamoDBClient(
    endpoint
      ? {
          endpoint,
          region: process.env.AWS_REGION ?? 'local',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          maxAttempts: 5,
          logger: quietLogger,
        }
      : { maxAttempts: 5, logger: quietLogger },
  );
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

const isConditionalFailure = (e: unknown): boolean =>
  e instanceof Error && (e.name === 'ConditionalCheckFailedException' || e.name === 'TransactionCanceledException');

/** Runs a conditional write: true when applied, false when its condition did not hold; other errors propagate. */
export async function applied(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (e) {
    if (isConditionalFailure(e)) return false;
    throw e;
  }
}
