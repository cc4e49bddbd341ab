/** Units' IT systems (machine clients) on DynamoDB: one item each, listed per unit through GSI2. */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ApiClient, AuditEntry } from '../../shared/domain/types.js';
import type { ApiClientRecord, ClientStore } from '../../shared/ports/index.js';
import { queryAll, strip, TableStore } from './base.js';
import { applied } from './client.js';
import { keys } from './table.js';

export class DynamoClientStore extends TableStore implements ClientStore {
  async getClient(clientId: string) {
    const out = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.apiClient(clientId), ConsistentRead: true }),
    );
    return strip<ApiClientRecord>(out.Item);
  }
  async listClients(unitId: string) {
    const { items } = await queryAll(this.db, {
      TableName: this.table,
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :p',
      ExpressionAttributeValues: { ':p': keys.unitClients(unitId) },
      ScanIndexForward: false,
    });
    return items.map((i) => strip<ApiClientRecord>(i)!);
  }
  async saveClient(client: ApiClient, entry: AuditEntry, expectedRevision: number) {
    return this.auditedWrite(
      keys.apiClient(client.clientId),
      keys.unitHistory(client.unitId),
      { ...client, GSI2PK: keys.unitClients(client.unitId), GSI2SK: `${client.createdAt}#${client.clientId}` },
      entry,
      expectedRevision,
    );
  }
  async claimClientPlace(unitId: string, holder: string, limit: number) {
    for (let place = 0; place < limit; place++) {
      const put = new PutCommand({
        TableName: this.table,
        Item: { ...keys.clientPlace(unitId, place), holder },
        ConditionExpression: 'attribute_not_exists(PK)',
      });
      if (await applied(() => this.db.send(put))) return place;
    }
    return null;
  }
  async releaseClientPlace(unitId: string, place: number, holder: string) {
    const del = new DeleteCommand({
      TableName: this.table,
      Key: keys.clientPlace(unitId, place),
      ConditionExpression: 'holder = :h',
      ExpressionAttributeValues: { ':h': holder },
    });
    await applied(() => this.db.send(del));
  }
}
