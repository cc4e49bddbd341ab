/** Mail to units: the outbox the reminders fill, and the mailer that sends it. */

import type { OutboxMessage } from '../domain/reminders.js';
import type { Page, PageQuery } from './common.js';

/** The messages the platform sends: each kept once under its id, listed per mailbox (newest first). */
export interface MessageStore {
  /**
   * Stores the message (status `sending`) unless one with its id is there, or is there but failed: true when this
   * caller may now send it, false when it was sent (or is being sent) already. So a reminder goes at most once.
   */
  claimMessage(message: OutboxMessage): Promise<boolean>;
  /** Records how the sending ended (status, sentAt, error). */
  finishMessage(message: OutboxMessage): Promise<void>;
  listMessages(mailbox: string, page: PageQuery): Promise<Page<OutboxMessage>>;
}
/** Sends e-mail: Amazon SES in AWS, files in the data directory's outbox locally. */
export interface Mailer {
  send(message: Pick<OutboxMessage, 'messageId' | 'to' | 'subject' | 'text'>): Promise<void>;
}
