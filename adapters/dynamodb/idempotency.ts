/** Idempotency-Key records on DynamoDB: claimed by a conditional put, expired by DynamoDB's TTL (and by readers). */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { IdempotencyRecord, IdempotencyStore, IdempotentAnswer } from '../../shared/ports/index.js';
import { strip } from './base.js';
import { applied } from './client.js';
import type { DocumentSender } from './documents.js';
import { keys } from './table.js';

export class DynamoIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly db: DocumentSender,
    private readonly table: string,
  ) {}

  async claim(scope: string, key: string, requestHash: string, now: Date, staleAfterMs: number, keepMs: number) {
    const record: IdempotencyRecord = {
      requestHash,
      state: 'pending',
      response: null,
      createdAt: now.toISOString(),
      expiresAt: Math.ceil((now.getTime() + keepMs) / 1000),
    };
    const claimed = await applied(() =>
      this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.idempotency(scope, key), ...record },
          // Free, or expired (TTL deletes within days, not at once), or a pending claim whose request died.
          ConditionExpression:
            'attribute_not_exists(PK) OR expiresAt < :now OR (#state = :pending AND createdAt < :stale AND requestHash = :h)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':now': Math.floor(now.getTime() / 1000),
            ':pending': 'pending',
            ':stale': new Date(now.getTime() - staleAfterMs).toISOString(),
            ':h': requestHash,
          },
        }),
      ),
    );
    if (claimed) return null;
    const out = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.idempotency(scope, key), ConsistentRead: true }),
    );
    return strip<IdempotencyRecord>(out.Item);
  }
  async complete(scope: string, key: string, response: IdempotentAnswer) {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.idempotency(scope, key),
        UpdateExpression: 'SET #state = :done, #response = :r',
        ExpressionAttributeNames: { '#state': 'state', '#response': 'response' },
        ExpressionAttributeValues: { ':done': 'done', ':r': response },
      }),
    );
  }
  async release(scope: string, key: string) {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: keys.idempotency(scope, key) }));
  }
}
