/** The parts of the SES SDK the mailer calls, loaded on first use (see on-first-use.ts). */
export { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
