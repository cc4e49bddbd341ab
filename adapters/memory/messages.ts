/** The outbox's messages in memory, each sent once, listed by mailbox (Hộp thư). */
import type { OutboxMessage } from '../../shared/domain/reminders.js';
import type { MessageStore, PageQuery } from '../../shared/ports/index.js';
import { copy, type MemoryTable, pageOf } from './table.js';

export class MemoryMessageStore implements MessageStore {
  constructor(private readonly table: MemoryTable) {}

  async claimMessage(message: OutboxMessage) {
    const existing = this.table.messages.get(message.messageId);
    if (existing && existing.status !== 'failed') return false;
    this.table.messages.set(message.messageId, copy({ ...message, status: 'sending' }));
    return true;
  }
  async finishMessage(message: OutboxMessage) {
    this.table.messages.set(message.messageId, copy(message));
  }
  async listMessages(mailbox: string, page: PageQuery) {
    const rows = [...this.table.messages.values()]
      .filter((m) => m.mailbox === mailbox)
      .map((m): [string, OutboxMessage] => [`${m.createdAt}#${m.messageId}`, m])
      .sort(([a], [b]) => (a < b ? 1 : -1));
    return pageOf(this.table.tokens, rows, `MAILBOX=${mailbox}`, page, false);
  }
}
