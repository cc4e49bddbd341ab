/** Import jobs' records on DynamoDB: one item each, moved on by conditional writes, expired by the table's TTL. */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ImportStatus } from '../../shared/domain/types.js';
import type { ImportJob, ImportStore } from '../../shared/ports/index.js';
import { strip, TableStore } from './base.js';
import { applied } from './client.js';
import { keys } from './table.js';

export class DynamoImportStore extends TableStore implements ImportStore {
  async createImport(job: ImportJob) {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...keys.importJob(job.importId), entity: 'import', ...job },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  }
  async getImport(importId: string) {
    const out = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.importJob(importId), ConsistentRead: true }),
    );
    return strip<ImportJob>(out.Item);
  }
  async moveImport(job: ImportJob, from: ImportStatus[]) {
    const values = Object.fromEntries(from.map((s, i) => [`:from${i}`, s]));
    return applied(() =>
      this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.importJob(job.importId), entity: 'import', ...job },
          ConditionExpression: `#status IN (${Object.keys(values).join(', ')})`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: values,
        }),
      ),
    );
  }
}
