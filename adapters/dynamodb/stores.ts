/** The domain's stores on one DynamoDB table: one module per port, sharing the table's keys and page tokens. */
import type { Stores } from '../../shared/ports/index.js';
import { tableTokens } from './base.js';
import { DynamoCatalogueStore } from './catalogue.js';
import { DynamoClientStore } from './clients.js';
import type { DocumentSender } from './documents.js';
import { DynamoEvidenceFileStore } from './files.js';
import { DynamoIdempotencyStore } from './idempotency.js';
import { DynamoImportStore } from './imports.js';
import { DynamoMessageStore } from './messages.js';
import { DynamoResultStore } from './results.js';
import { DynamoRoundStore } from './round.js';
import { DynamoSubmissionStore } from './submissions.js';
import { DynamoTrustAnchorStore } from './trust.js';

export function dynamoStores(db: DocumentSender, table: string, options: { transactions?: boolean } = {}): Stores {
  const ctx = { db, table, tokens: tableTokens(db, table), transactions: options.transactions ?? true };
  return {
    catalogue: new DynamoCatalogueStore(ctx),
    trust: new DynamoTrustAnchorStore(ctx),
    clients: new DynamoClientStore(ctx),
    files: new DynamoEvidenceFileStore(ctx),
    messages: new DynamoMessageStore(ctx),
    round: new DynamoRoundStore(ctx),
    submissions: new DynamoSubmissionStore(ctx),
    results: new DynamoResultStore(db, table, ctx.transactions),
    idempotency: new DynamoIdempotencyStore(db, table),
    imports: new DynamoImportStore(ctx),
  };
}
