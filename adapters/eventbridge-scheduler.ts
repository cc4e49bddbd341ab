/**
 * A campaign year's schedules in AWS: EventBridge Scheduler schedules in the stage's schedule group, at the
 * calendar's local times (the campaign's time zone), created, moved or removed by the catalogue function whenever an
 * admin saves the campaign or the year. The year-end run invokes the aggregation function, reminders and the daily
 * digest the reminders function, with a role the stack made for the scheduler.
 */
import type { CreateScheduleCommandInput, SchedulerClient } from '@aws-sdk/client-scheduler';
import { atExpression } from '../shared/domain/calendar.js';
import { isJobOfYear, jobEvent, jobName, type ScheduledJob, yearPrefix } from '../shared/domain/reminders.js';
import type { JobScheduler } from '../shared/ports/index.js';
import { env } from './deps.js';
import { onFirstUse } from './on-first-use.js';

export interface SchedulerSettings {
  group: string;
  /** The role EventBridge Scheduler assumes to invoke the targets (the catalogue function may pass it, nothing else). */
  roleArn: string;
  yearEndArn: string;
  remindersArn: string;
  deadLetterArn: string;
}

/** Scheduler puts the instant a schedule fired for in place of this (a retry keeps it): the digest's day. */
const SCHEDULED_TIME = '<aws.scheduler.scheduled-time>';

function describe(job: ScheduledJob): string {
  const of = `năm ${job.year} (${job.campaignId})`;
  if (job.kind === 'year-end') return `Tổng hợp, xếp hạng cuối ${of}`;
  if (job.kind === 'deadline-reminder') return `Nhắc hạn nộp báo cáo ${of}, trước ${job.daysBefore} ngày`;
  return `Tổng hợp hằng ngày việc chờ thẩm định ${of}`;
}

export function scheduleInput(job: ScheduledJob, settings: SchedulerSettings): CreateScheduleCommandInput {
  const timing =
    job.kind === 'review-digest'
      ? (() => {
          const [hour, minute] = job.dailyAt.split(':').map(Number);
          return {
            ScheduleExpression: `cron(${minute} ${hour} * * ? *)`,
            StartDate: new Date(job.from),
            EndDate: new Date(job.until),
          };
        })()
      : { ScheduleExpression: atExpression(job.at, job.timeZone) };
  return {
    Name: jobName(job),
    GroupName: settings.group,
    Description: describe(job),
    ...timing,
    ScheduleExpressionTimezone: job.timeZone,
    FlexibleTimeWindow: { Mode: 'OFF' },
    State: 'ENABLED',
    // A one-time schedule that has fired removes itself.
    ...(job.kind === 'review-digest' ? {} : { ActionAfterCompletion: 'DELETE' as const }),
    Target: {
      Arn: job.kind === 'year-end' ? settings.yearEndArn : settings.remindersArn,
      RoleArn: settings.roleArn,
      Input: JSON.stringify(jobEvent(job, SCHEDULED_TIME, 'schedule')),
      RetryPolicy: { MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 12 * 3600 },
      DeadLetterConfig: { Arn: settings.deadLetterArn },
    },
  };
}

export class EventBridgeJobScheduler implements JobScheduler {
  private readonly aws = onFirstUse(async () => {
    const sdk = await import('./scheduler-sdk.js');
    return { sdk, scheduler: this.client ?? new sdk.SchedulerClient({}) };
  });

  constructor(
    private readonly settings: SchedulerSettings,
    /** The client to call (tests hand in one to mock); by default one made on first use. */
    private readonly client?: SchedulerClient,
  ) {}

  async scheduleYear(campaignId: string, year: number, jobs: ScheduledJob[]) {
    const wanted = new Set(jobs.map(jobName));
    const prefix = yearPrefix(campaignId, year);
    for (const name of await this.existing(prefix))
      if (isJobOfYear(name, prefix) && !wanted.has(name)) await this.remove(name);
    for (const job of jobs) await this.upsert(scheduleInput(job, this.settings));
  }

  private async existing(prefix: string): Promise<string[]> {
    const { sdk, scheduler } = await this.aws();
    const names: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await scheduler.send(
        new sdk.ListSchedulesCommand({ GroupName: this.settings.group, NamePrefix: prefix, NextToken }),
      );
      for (const s of page.Schedules ?? []) if (s.Name) names.push(s.Name);
      NextToken = page.NextToken;
    } while (NextToken);
    return names;
  }

  private async remove(name: string) {
    const { sdk, scheduler } = await this.aws();
    try {
      await scheduler.send(new sdk.DeleteScheduleCommand({ Name: name, GroupName: this.settings.group }));
    } catch (e) {
      if (!(e instanceof sdk.ResourceNotFoundException)) throw e;
    }
  }

  /** Moving is the common case; a first save creates (and a create raced by another one finds it there, and moves it). */
  private async upsert(input: CreateScheduleCommandInput) {
    const { sdk, scheduler } = await this.aws();
    try {
      await scheduler.send(new sdk.UpdateScheduleCommand(input));
    } catch (e) {
      if (!(e instanceof sdk.ResourceNotFoundException)) throw e;
      try {
        await scheduler.send(new sdk.CreateScheduleCommand(input));
      } catch (again) {
        if (!(again instanceof sdk.ConflictException)) throw again;
        await scheduler.send(new sdk.UpdateScheduleCommand(input));
      }
    }
  }
}

/** The catalogue function's scheduler, from the settings the stack sets together. */
export const eventBridgeSchedulerFromEnv = () =>
  new EventBridgeJobScheduler({
    group: env('SCHEDULE_GROUP'),
    roleArn: env('SCHEDULER_ROLE_ARN'),
    yearEndArn: env('YEAR_END_FUNCTION_ARN'),
    remindersArn: env('REMINDERS_FUNCTION_ARN'),
    deadLetterArn: env('SCHEDULES_DLQ_ARN'),
  });
