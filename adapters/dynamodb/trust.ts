/** The trust anchors on DynamoDB: one item each under one partition (an admin adds a few), each addition audited. */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { TrustAnchor } from '../../shared/domain/signatures.js';
import type { AuditEntry } from '../../shared/domain/types.js';
import type { TrustAnchorStore } from '../../shared/ports/index.js';
import { strip, TableStore } from './base.js';
import { keys } from './table.js';

export class DynamoTrustAnchorStore extends TableStore implements TrustAnchorStore {
  async listTrustAnchors() {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :anchor)',
        ExpressionAttributeValues: { ':pk': keys.trustAnchors, ':anchor': 'ANCHOR#' },
        ConsistentRead: true,
      }),
    );
    return (out.Items ?? []).map((i) => strip<TrustAnchor>(i)!);
  }
  async addTrustAnchor(anchor: TrustAnchor, entry: AuditEntry) {
    return this.auditedWrite(keys.trustAnchor(anchor.sha256), keys.trustAnchors, { ...anchor }, entry, 0);
  }
}
