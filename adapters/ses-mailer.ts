/**
 * E-mail in AWS: Amazon SES (API v2), from the stage's verified sender, through its configuration set (bounces,
 * complaints and deliveries are then recorded by SES). UTF-8 text, so Vietnamese arrives as written.
 */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer } from '../shared/ports.js';

export class SesMailer implements Mailer {
  constructor(
    private readonly settings: { from: string; configurationSet?: string | undefined },
    private readonly client = new SESv2Client({}),
  ) {}

  async send(message: Parameters<Mailer['send']>[0]) {
    await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: this.settings.from,
        Destination: { ToAddresses: message.to },
        ...(this.settings.configurationSet ? { ConfigurationSetName: this.settings.configurationSet } : {}),
        Content: {
          Simple: {
            Subject: { Data: message.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: message.text, Charset: 'UTF-8' } },
            // The platform's own id, to match SES's event records to the message in the mailbox.
            Headers: [{ Name: 'X-Thi-Dua-Message-Id', Value: message.messageId }],
          },
        },
        EmailTags: [{ Name: 'message', Value: message.messageId }],
      }),
    );
  }
}
