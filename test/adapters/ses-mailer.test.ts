/** Reminders' e-mail in AWS: SES v2 SendEmail from the stage's sender, in UTF-8, through its configuration set. */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SesMailer } from '../../adapters/ses-mailer.js';

const client = new SESv2Client({ region: 'ap-southeast-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
const mock = mockClient(client);
beforeEach(() => mock.reset());
const message = {
  messageId: 'm-0123456789abcdef0123456789abcdef',
  to: ['vanthu@hongbang.example.org'],
  subject: '[Thi đua chuyển đổi số 2026] Còn 7 ngày đến hạn nộp báo cáo (30/11/2026)',
  text: 'Kính gửi: Phường Hồng Bàng\n- ho-so-truc-tuyen. Tỷ lệ hồ sơ xử lý trực tuyến: Chưa nộp',
};

describe('SesMailer', () => {
  it('sends the text as written, from the sender, with the configuration set and the message id', async () => {
    mock.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });
    await new SesMailer({ from: 'nhac-han@thi-dua.example.org', configurationSet: 'thi-dua-prod-mail' }, client).send(
      message,
    );
    expect(mock.commandCalls(SendEmailCommand)[0]!.args[0].input).toEqual({
      FromEmailAddress: 'nhac-han@thi-dua.example.org',
      Destination: { ToAddresses: ['vanthu@hongbang.example.org'] },
      ConfigurationSetName: 'thi-dua-prod-mail',
      Content: {
        Simple: {
          Subject: { Data: message.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: message.text, Charset: 'UTF-8' } },
          Headers: [{ Name: 'X-Thi-Dua-Message-Id', Value: message.messageId }],
        },
      },
      EmailTags: [{ Name: 'message', Value: message.messageId }],
    });
  });
  it("lets SES's refusal through, so the message is marked failed and retried", async () => {
    mock.on(SendEmailCommand).rejects(new Error('MessageRejected: Email address is not verified'));
    await expect(new SesMailer({ from: 'a@b.example.org' }, client).send(message)).rejects.toThrow('not verified');
  });
});
