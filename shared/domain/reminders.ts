/**
 * What a campaign year's calendar sets going: the year-end run, the reminders before the reporting deadline
 * (nhắc hạn) and the reviewers' daily digest of their queue; and what those messages say. All of it is data of the
 * campaign (its calendar, its `reminders` settings); nothing here knows a province.
 */
import { createHash } from 'node:crypto';
import { formatDate, localParts, zonedTimeToUtc } from './calendar.js';
import type { CriterionStatus } from './kinds/kind.js';
import { CRITERION_STATUS_LABELS } from './labels.js';
import type { Campaign, CampaignYear, Criterion } from './types.js';

/** A campaign's reminder settings; a campaign without them gets the defaults. */
export interface ReminderSettings {
  /** Days before the reporting deadline (hạn nộp báo cáo) on which units with missing or returned reports are told. */
  daysBeforeReportingDeadline: number[];
  /** Local time (HH:mm) at which reminders and the daily digest go out. */
  sendAt: string;
  /** Where the reviewers' daily digest goes (the Ban Thi đua - Khen thưởng's mailboxes). */
  reviewerEmails: string[];
}
export const DEFAULT_REMINDERS: ReminderSettings = {
  daysBeforeReportingDeadline: [7, 1],
  sendAt: '07:30',
  reviewerEmails: [],
};
export const remindersOf = (campaign: Pick<Campaign, 'reminders'>): ReminderSettings => ({
  ...DEFAULT_REMINDERS,
  ...campaign.reminders,
});

/** One thing a campaign year's calendar schedules. Instants in UTC; `timeZone` is the campaign's. */
export type ScheduledJob =
  | { kind: 'year-end'; campaignId: string; year: number; at: string; timeZone: string }
  | { kind: 'deadline-reminder'; campaignId: string; year: number; daysBefore: number; at: string; timeZone: string }
  /** Every day at `dailyAt` (local) from `from` until `until`: the reviewing season. */
  | {
      kind: 'review-digest';
      campaignId: string;
      year: number;
      dailyAt: string;
      from: string;
      until: string;
      timeZone: string;
    };

/** The instant `days` local days before `deadline`, at `time` (HH:mm) local. */
export function daysBefore(deadline: string, days: number, time: string, timeZone: string): string {
  const d = localParts(new Date(deadline), timeZone);
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  // Date.UTC normalises a day before the 1st into the month before.
  const day = new Date(Date.UTC(d.year, d.month - 1, d.day - days));
  return zonedTimeToUtc(
    { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour, minute, second: 0 },
    timeZone,
  ).toISOString();
}

/** The jobs a campaign year asks for that are still to come at `now` (what has passed is left out). */
export function jobsOfYear(
  campaign: Pick<Campaign, 'campaignId' | 'timeZone' | 'reminders'>,
  cy: Pick<CampaignYear, 'year' | 'calendar'>,
  now: Date,
): ScheduledJob[] {
  const { campaignId, timeZone } = campaign;
  const { year, calendar } = cy;
  const settings = remindersOf(campaign);
  const future = (at: string) => Date.parse(at) > now.getTime();
  const jobs: ScheduledJob[] = [];
  if (future(calendar.yearEndRunAt))
    jobs.push({ kind: 'year-end', campaignId, year, at: calendar.yearEndRunAt, timeZone });
  for (const days of settings.daysBeforeReportingDeadline) {
    const at = daysBefore(calendar.submissionClosesAt, days, settings.sendAt, timeZone);
    // A reminder falls inside the reporting window, or it reminds nobody of anything.
    if (future(at) && at > calendar.submissionOpensAt && at < calendar.submissionClosesAt)
      jobs.push({ kind: 'deadline-reminder', campaignId, year, daysBefore: days, at, timeZone });
  }
  if (future(calendar.reviewClosesAt))
    jobs.push({
      kind: 'review-digest',
      campaignId,
      year,
      dailyAt: settings.sendAt,
      from: calendar.submissionOpensAt,
      until: calendar.reviewClosesAt,
      timeZone,
    });
  return jobs;
}

/** What a job delivers when it fires; `scheduledAt` is the instant it fires for (a placeholder in AWS). */
export function jobEvent(job: ScheduledJob, scheduledAt: string, trigger: 'schedule' | 'local-schedule') {
  const { campaignId, year } = job;
  if (job.kind === 'year-end') return { source: 'year-end-schedule', campaignId, year, trigger } as const;
  return {
    source: 'reminder-schedule',
    kind: job.kind,
    campaignId,
    year,
    ...(job.kind === 'deadline-reminder' ? { daysBefore: job.daysBefore } : { scheduledAt }),
  } as const;
}

/** The next time a job fires at or after `now`, or null when it will not fire again. */
export function nextFireOf(job: ScheduledJob, now: Date): string | null {
  if (job.kind !== 'review-digest') return Date.parse(job.at) >= now.getTime() ? job.at : null;
  const start = new Date(Math.max(now.getTime(), Date.parse(job.from)));
  for (let days = 0; days <= 1; days++) {
    const at = daysBefore(start.toISOString(), -days, job.dailyAt, job.timeZone);
    if (Date.parse(at) >= start.getTime()) return at < job.until ? at : null;
  }
  return null;
}

/**
 * A schedule's name: EventBridge Scheduler allows 64 characters of [0-9A-Za-z._-]. A campaign year's names share
 * the prefix yearPrefix(), so its schedules can be listed and the ones it no longer asks for removed.
 */
export function yearPrefix(campaignId: string, year: number): string {
  const c = campaignId.length <= 40 ? campaignId : createHash('sha256').update(campaignId).digest('hex').slice(0, 32);
  return `${c}-${year}-`;
}
export function jobName(job: ScheduledJob): string {
  const suffix =
    job.kind === 'deadline-reminder'
      ? `remind-${job.daysBefore}d`
      : job.kind === 'review-digest'
        ? 'digest'
        : 'year-end';
  return `${yearPrefix(job.campaignId, job.year)}${suffix}`;
}

/** Whether a schedule's name is one of a year's (another campaign's id may begin like this one's: "hp-175-2026-x"). */
export const isJobOfYear = (name: string, prefix: string) =>
  name.startsWith(prefix) && /^(year-end|digest|remind-\d+d)$/.test(name.slice(prefix.length));

/** Which reports a unit is reminded of: none sent, not complete, or returned for additions. */
export const REMINDED_STATUSES: readonly CriterionStatus[] = ['missing', 'incomplete', 'returned'];

export interface MissingReport {
  criterionId: string;
  title: string;
  status: CriterionStatus;
}

/** The mailbox a message is listed in: a unit's (Hộp thư của đơn vị) or the reviewers' of a campaign. */
export const unitMailbox = (unitId: string) => `unit:${unitId}`;
export const reviewersMailbox = (campaignId: string) => `reviewers:${campaignId}`;

export const MESSAGE_KINDS = ['deadline-reminder', 'review-digest'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export const MESSAGE_STATUSES = ['sending', 'sent', 'failed', 'kept'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
/** A message the platform sends (or keeps, where it has no address): one item, its text bounded by the criteria. */
export interface OutboxMessage {
  /** Derived from what the message is about, so a retry finds the message it sent before. */
  messageId: string;
  mailbox: string;
  kind: MessageKind;
  campaignId: string;
  year: number;
  unitId: string | null;
  to: string[];
  subject: string;
  text: string;
  createdAt: string;
  status: MessageStatus;
  sentAt: string | null;
  error: string | null;
}

/** The id of a message: the same reminder (or the same day's digest) always has the same id. */
export const messageIdOf = (...parts: Array<string | number>) =>
  `m-${createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 32)}`;

/** A criterion as the unit knows it: its title (the platform's codes stay out of the mail). */
const criterionLine = (m: MissingReport) => `- ${m.title}: ${CRITERION_STATUS_LABELS[m.status]}`;

export function reminderText(input: {
  campaign: Pick<Campaign, 'name' | 'documentNumber' | 'timeZone'>;
  year: number;
  unitName: string;
  deadline: string;
  daysBefore: number;
  missing: MissingReport[];
}): { subject: string; text: string } {
  const { campaign, year, unitName, deadline, missing } = input;
  const due = formatDate(deadline, campaign.timeZone);
  return {
    subject: `[Thi đua chuyển đổi số ${year}] Còn ${input.daysBefore} ngày đến hạn nộp báo cáo (${due})`,
    text: [
      `Kính gửi: ${unitName}`,
      '',
      `Phong trào: ${campaign.name} (${campaign.documentNumber}).`,
      `Hạn nộp báo cáo số liệu năm ${year}: ${due}. Đến nay đơn vị còn ${missing.length} tiêu chí chưa hoàn thành:`,
      ...missing.map(criterionLine),
      '',
      'Đề nghị đơn vị nộp hoặc bổ sung số liệu, minh chứng trên nền tảng trước hạn.',
      'Thư này do nền tảng gửi tự động; mỗi lần nhắc chỉ gửi một lần.',
    ].join('\n'),
  };
}

export function digestText(input: {
  campaign: Pick<Campaign, 'name' | 'timeZone'>;
  year: number;
  day: string;
  waiting: number;
  oldestSubmittedAt: string | null;
  byUnit: Array<{ name: string; count: number }>;
}): { subject: string; text: string } {
  const { campaign, year, waiting } = input;
  return {
    subject: `[Thi đua chuyển đổi số ${year}] ${waiting} báo cáo chờ thẩm định (${input.day})`,
    text: [
      'Kính gửi: Ban Thi đua - Khen thưởng',
      '',
      `Phong trào: ${campaign.name}. Đến ${input.day} có ${waiting} báo cáo chờ thẩm định` +
        (input.oldestSubmittedAt
          ? `, báo cáo chờ lâu nhất nộp ngày ${formatDate(input.oldestSubmittedAt, campaign.timeZone)}.`
          : '.'),
      ...input.byUnit.map((u) => `- ${u.name}: ${u.count} báo cáo`),
    ].join('\n'),
  };
}

/** The criteria a unit must still act on, in the order of the criteria set. */
export function missingReportsOf(
  criteria: Array<Pick<Criterion, 'criterionId' | 'title'>>,
  scored: Array<{ criterionId: string; status: CriterionStatus }>,
): MissingReport[] {
  const nameOf = new Map(criteria.map((c) => [c.criterionId, c.title]));
  return scored
    .filter((c) => REMINDED_STATUSES.includes(c.status))
    .map((c) => ({ criterionId: c.criterionId, title: nameOf.get(c.criterionId) ?? c.criterionId, status: c.status }));
}
