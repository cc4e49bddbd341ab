/** The platform's messages on DynamoDB: claimed once under their id, listed per mailbox (newest first) through GSI2. */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { OutboxMessage } from '../../shared/domain/reminders.js';
import type { MessageStore, PageQuery } from '../../shared/ports/index.js';
import { type Item, strip, TableStore } from './base.js';
import { applied } from './client.js';
import { keys } from './table.js';

const messageItem = (m: OutboxMessage): Item => ({
  ...keys.message(m.messageId),
  entity: 'message',
  ...m,
  GSI2PK: keys.mailbox(m.mailbox),
  GSI2SK: `${m.createdAt}#${m.messageId}`,
});

export class DynamoMessageStore extends TableStore implements MessageStore {
  async claimMessage(message: OutboxMessage) {
    return applied(() =>
      this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: messageItem({ ...message, status: 'sending' }),
          ConditionExpression: 'attribute_not_exists(PK) OR #status = :failed',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':failed': 'failed' },
        }),
      ),
    );
  }
  async finishMessage(message: OutboxMessage) {
    await this.db.send(new PutCommand({ TableName: this.table, Item: messageItem(message) }));
  }
  async listMessages(mailbox: string, page: PageQuery) {
    const found = await this.newestFirst(keys.mailbox(mailbox), page);
    return { items: found.items.map((i) => strip<OutboxMessage>(i)!), nextToken: found.nextToken };
  }

  /** One page of a GSI2 listing (a unit's files, a mailbox), newest first. */
}
