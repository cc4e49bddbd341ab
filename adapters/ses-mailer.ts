/**
 * E-mail in AWS: Amazon SES (API v2), from the stage's verified sender, through its configuration set (bounces,
 * complaints and deliveries are then recorded by SES). UTF-8 text, so Vietnamese arrives as written.
 */
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Mailer } from '../shared/ports/index.js';
import { onFirstUse } from './on-first-use.js';

export class SesMailer implements Mailer {
  private readonly aws = onFirstUse(async () => {
    const sdk = await import('./ses-sdk.js');
    return { sdk, ses: this.client ?? new sdk.SESv2Client({}) };
  });

  constructor(
    private readonly settings: { from: string; configurationSet?: string | undefined },
    /** The client to call (tests hand in one to mock); by default one made on first use. */
    private readonly client?: SESv2Client,
  ) {}

  async send(message: Parameters<Mailer['send']>[0]) {
    const { sdk, ses } = await this.aws();
    await ses.send(
      new sdk.SendEmailCommand({
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

/** The reminders function's mailer: SES from the stage's sender (MAIL_FROM), or none (messages kept, not sent). */
export const sesMailerFromEnv = () =>
  process.env.MAIL_FROM
    ? new SesMailer({ from: process.env.MAIL_FROM, configurationSet: process.env.MAIL_CONFIGURATION_SET })
    : undefined;
