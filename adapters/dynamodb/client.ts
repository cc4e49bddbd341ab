/** DynamoDB document client from the environment: AWS in Lambda, the embedded store locally (DYNAMODB_ENDPOINT). */
import type { HttpAuthScheme, Logger } from '@smithy/types';
import { type DocumentSender, FastDocumentClient } from './documents.js';

/**
 * The SDK's default no-op logger still has an `info` method, and the logger middleware builds a
 * sensitive-data-filtered copy of every request and response for it: a third of the CPU of a large
 * query. A logger without `info` skips that work. Errors reach the handlers, which log them once.
 */
const noop = () => undefined;
const quietLogger = { debug: noop, warn: noop, error: noop } as unknown as Logger;

/**
 * For local stores only: they check that a request carries a well-formed SigV4 header but not its signature,
 * and computing one (SigV4's hashes and HMACs) costs a tenth of the CPU of each store call.
 */
const placeholderSigV4: HttpAuthScheme = {
  schemeId: 'aws.auth#sigv4',
  identityProvider: (config) => config.getIdentityProvider('aws.auth#sigv4'),
  signer: {
    async sign(request) {
      const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
      request.headers['x-amz-date'] = amzDate;
      request.headers.authorization = `AWS4-HMAC-SHA256 Credential=local/${amzDate.slice(0, 8)}/local/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`;
      return request;
    },
  },
};

export function documentClient(endpoint = process.env.DYNAMODB_ENDPOINT): FastDocumentClient {
  return new FastDocumentClient(
    endpoint
      ? {
          endpoint,
          region: process.env.AWS_REGION ?? 'local',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          maxAttempts: 5,
          logger: quietLogger,
          httpAuthSchemes: [placeholderSigV4],
        }
      : { maxAttempts: 5, logger: quietLogger },
  );
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

/** Counts the commands sent through a client (each once, whatever the SDK's retries): the benchmarks print it. */
export function countCommands(db: DocumentSender): () => number {
  let sent = 0;
  db.middlewareStack.add(
    (next) => (args) => {
      sent++;
      return next(args);
    },
    { step: 'initialize', name: 'countCommands' },
  );
  return () => sent;
}

const WRITES = new Set(['PutCommand', 'UpdateCommand', 'DeleteCommand', 'BatchWriteCommand', 'TransactWriteCommand']);
/**
 * Counts the write commands that went through a client and were applied (a refused conditional write changes
 * nothing and is not counted): while the count stands still, the table is as it was. Tests use it to skip a scan.
 */
export function countAppliedWrites(db: DocumentSender): () => number {
  let applied = 0;
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const out = await next(args);
      if (WRITES.has(context.commandName ?? '')) applied++;
      return out;
    },
    { step: 'initialize', name: 'countAppliedWrites' },
  );
  return () => applied;
}
