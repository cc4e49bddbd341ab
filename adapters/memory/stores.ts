/**
 * The domain's stores in memory: the same behaviour as the DynamoDB adapters (the contract suite in test/contract
 * proves it), so use-case tests run in milliseconds. One module per port, sharing one table as DynamoDB's share theirs.
 */
import type { Stores } from '../../shared/ports/index.js';
import { MemoryCatalogueStore } from './catalogue.js';
import { MemoryClientStore } from './clients.js';
import { MemoryEvidenceFileStore } from './files.js';
import { MemoryIdempotencyStore } from './idempotency.js';
import { MemoryImportStore } from './imports.js';
import { MemoryMessageStore } from './messages.js';
import { MemoryResultStore } from './results.js';
import { MemoryRoundStore } from './round.js';
import { MemorySubmissionStore } from './submissions.js';
import { MemoryTable } from './table.js';
import { MemoryTrustAnchorStore } from './trust.js';

export function memoryStores(): Stores {
  const table = new MemoryTable();
  return {
    catalogue: new MemoryCatalogueStore(table),
    trust: new MemoryTrustAnchorStore(),
    clients: new MemoryClientStore(table),
    files: new MemoryEvidenceFileStore(table),
    messages: new MemoryMessageStore(table),
    round: new MemoryRoundStore(table),
    submissions: new MemorySubmissionStore((campaignId, year) => table.isFinal(campaignId, year)),
    results: new MemoryResultStore((campaignId, year) => table.finalizationOf(campaignId, year)),
    idempotency: new MemoryIdempotencyStore(),
    imports: new MemoryImportStore(),
  };
}
