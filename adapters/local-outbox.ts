/**
 * E-mail locally: each message is written to the data directory's outbox (outbox/{messageId}.eml, RFC 5322 with
 * UTF-8 headers), so the whole reminder flow can be followed without a mail server; the console's Hộp thư reads
 * the same messages from the store.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock, Mailer } from '../shared/ports/index.js';

const encodedWord = (text: string) => `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;

export class LocalOutbox implements Mailer {
  readonly dir: string;
  constructor(
    dataDir: string,
    private readonly clock: Clock,
    private readonly from = 'thi-dua@localhost',
  ) {
    this.dir = join(dataDir, 'outbox');
    mkdirSync(this.dir, { recursive: true });
  }

  async send(message: Parameters<Mailer['send']>[0]) {
    const eml = [
      `From: ${this.from}`,
      `To: ${message.to.join(', ')}`,
      `Subject: ${encodedWord(message.subject)}`,
      `Date: ${this.clock.now().toUTCString()}`,
      `Message-ID: <${message.messageId}@localhost>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      message.text,
      '',
    ].join('\r\n');
    writeFileSync(join(this.dir, `${message.messageId}.eml`), eml);
  }

  /** What the outbox holds: each message's recipients and subject (tests and people read it). */
  messages(): Array<{ file: string; to: string[]; subject: string; text: string }> {
    return readdirSync(this.dir)
      .filter((f) => f.endsWith('.eml'))
      .sort()
      .map((file) => {
        const raw = readFileSync(join(this.dir, file), 'utf8');
        const [head = '', ...body] = raw.split('\r\n\r\n');
        const header = (name: string) =>
          head
            .split('\r\n')
            .find((l) => l.startsWith(`${name}: `))
            ?.slice(name.length + 2) ?? '';
        const subject = header('Subject').replace(/^=\?UTF-8\?B\?(.*)\?=$/, (_, b64: string) =>
          Buffer.from(b64, 'base64').toString('utf8'),
        );
        return { file, to: header('To').split(', ').filter(Boolean), subject, text: body.join('\r\n\r\n').trimEnd() };
      });
  }
}
