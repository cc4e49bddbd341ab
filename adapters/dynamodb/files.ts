/** Evidence files' records on DynamoDB: one item each, listed per unit (newest first) through GSI2. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { EvidenceFile } from '../../shared/domain/evidence-files.js';
import type { AuditEntry } from '../../shared/domain/types.js';
import type { EvidenceFileRecord, EvidenceFileStore, PageQuery } from '../../shared/ports.js';
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
