/** Evidence files' records on DynamoDB: one item each, listed per unit (newest first) through GSI2. */

import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { forEachAtMost } from '../../shared/domain/concurrency.js';
import type { EvidenceFile } from '../../shared/domain/evidence-files.js';
import type { PdfSignature } from '../../shared/domain/signatures.js';
import type { AuditEntry } from '../../shared/domain/types.js';
import type { EvidenceFileRecord, EvidenceFileStore, PageQuery } from '../../shared/ports/index.js';
import { type Item, strip, TableStore } from './base.js';
import { keys } from './table.js';

/** A file's record as the domain has it: without the TTL attribute its transient states carry. */
const fileRecord = (item: Item | undefined): EvidenceFileRecord | null => {
  const record = strip<EvidenceFileRecord & { expiresAt?: unknown }>(item);
  if (!record) return null;
  const { expiresAt: _ttl, ...file } = record;
  return file;
};

export class DynamoEvidenceFileStore extends TableStore implements EvidenceFileStore {
  async getFile(fileId: string) {
    const out = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.evidenceFile(fileId), ConsistentRead: true }),
    );
    return fileRecord(out.Item);
  }
  async signaturesOf(fileIds: readonly string[]) {
    const found = new Map<string, PdfSignature[]>();
    const batches: Array<Array<Record<string, string>>> = [];
    // BatchGetItem takes 100 keys; only the id and the signatures are read (the rest of a record is not needed).
    for (let i = 0; i < fileIds.length; i += 100) batches.push(fileIds.slice(i, i + 100).map(keys.evidenceFile));
    const read = async (Keys: Array<Record<string, string>>, attempt = 0): Promise<void> => {
      const out = await this.db.send(
        new BatchGetCommand({
          RequestItems: {
            [this.table]: {
              Keys,
              ProjectionExpression: 'fileId, #s',
              ExpressionAttributeNames: { '#s': 'signatures' },
            },
          },
        }),
      );
      for (const item of out.Responses?.[this.table] ?? [])
        if (Array.isArray(item.signatures) && item.signatures.length) found.set(item.fileId, item.signatures);
      const left = out.UnprocessedKeys?.[this.table]?.Keys as Array<Record<string, string>> | undefined;
      if (left?.length) {
        if (attempt >= 8) throw new Error(`BatchGetItem left ${left.length} keys unread after ${attempt} retries`);
        await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
        await read(left, attempt + 1);
      }
    };
    // 16 in flight: what a function's connection pool serves without queueing.
    await forEachAtMost(batches, 16, (b) => read(b));
    return found;
  }
  async listFiles(unitId: string, page: PageQuery) {
    const found = await this.newestFirst(keys.unitFiles(unitId), page);
    return { items: found.items.map((i) => fileRecord(i)!), nextToken: found.nextToken };
  }
  async saveFile(file: EvidenceFile, entry: AuditEntry, expectedRevision: number) {
    // An upload never completed, or refused, leaves its record to DynamoDB's TTL a day after its link expired.
    const transient = file.status === 'awaiting-upload' || file.status === 'refused';
    return this.auditedWrite(
      keys.evidenceFile(file.fileId),
      keys.unitHistory(file.unitId),
      {
        ...file,
        GSI2PK: keys.unitFiles(file.unitId),
        GSI2SK: `${file.createdAt}#${file.fileId}`,
        expiresAt: transient ? Math.ceil(Date.parse(file.uploadExpiresAt) / 1000) + 86_400 : null,
      },
      entry,
      expectedRevision,
    );
  }
}
