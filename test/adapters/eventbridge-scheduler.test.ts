/** A campaign year's schedules in AWS: EventBridge Scheduler schedules, kept equal to what the year asks for (aws-sdk-client-mock). */
import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ListSchedulesCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { EventBridgeJobScheduler } from '../../adapters/eventbridge-scheduler.js';
import { jobName, jobsOfYear, type ScheduledJob } from '../../shared/domain/reminders.js';

const client = new SchedulerClient({
  region: 'ap-southeast-1',
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
});
const mock = mockClient(client);
beforeEach(() => {
  mock.reset();
  mock.on(ListSchedulesCommand).resolves({ Schedules: [] });
});
const settings = {
  group: 'thi-dua-prod-campaign-schedules',
  roleArn: 'arn:aws:iam::123456789012:role/thi-dua-prod-scheduler-role',
  yearEndArn: 'arn:aws:lambda:ap-southeast-1:123456789012:function:thi-dua-prod-aggregation',
  remindersArn: 'arn:aws:lambda:ap-southeast-1:123456789012:function:thi-dua-prod-reminders',
  deadLetterArn: 'arn:aws:sqs:ap-southeast-1:123456789012:thi-dua-prod-schedules-dlq',
};
const scheduler = new EventBridgeJobScheduler(settings, client);
const tz = 'Asia/Ho_Chi_Minh';
const campaign = { campaignId: 'hp-175', timeZone: tz };
const calendar = {
  submissionOpensAt: '2026-12-31T17:00:00.000Z',
  submissionClosesAt: '2027-11-30T16:59:59.000Z',
  reviewClosesAt: '2027-12-20T16:59:59.000Z',
  yearEndRunAt: '2027-12-28T01:00:00.000Z',
};
const jobs = jobsOfYear(campaign, { year: 2027, calendar }, new Date('2027-06-01T00:00:00Z'));
const notFound = () => new ResourceNotFoundException({ Message: 'no schedule', message: 'no schedule', $metadata: {} });
const updated = () => mock.commandCalls(UpdateScheduleCommand).map((c) => c.args[0].input);

describe('EventBridgeJobScheduler', () => {
  it("puts each job of the year at the calendar's local time, with its target, input, retries and DLQ", async () => {
    mock.on(UpdateScheduleCommand).resolves({});
    await scheduler.scheduleYear('hp-175', 2027, jobs);
    expect(mock.commandCalls(CreateScheduleCommand)).toHaveLength(0);
    const byName = new Map(updated().map((i) => [i.Name, i]));
    expect([...byName.keys()].sort()).toEqual([
      'hp-175-2027-digest',
      'hp-175-2027-remind-1d',
      'hp-175-2027-remind-7d',
      'hp-175-2027-year-end',
    ]);
    const common = {
      GroupName: settings.group,
      ScheduleExpressionTimezone: tz,
      FlexibleTimeWindow: { Mode: 'OFF' },
    };
    expect(byName.get('hp-175-2027-year-end')).toMatchObject({
      ...common,
      ScheduleExpression: 'at(2027-12-28T08:00:00)',
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: settings.yearEndArn,
        RoleArn: settings.roleArn,
        Input: JSON.stringify({ source: 'year-end-schedule', campaignId: 'hp-175', year: 2027, trigger: 'schedule' }),
        RetryPolicy: { MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 43_200 },
        DeadLetterConfig: { Arn: settings.deadLetterArn },
      },
    });
    // 7 days before 30/11/2027 (local), at the campaign's sending time 07:30.
    expect(byName.get('hp-175-2027-remind-7d')).toMatchObject({
      ...common,
      ScheduleExpression: 'at(2027-11-23T07:30:00)',
      Target: {
        Arn: settings.remindersArn,
        Input: JSON.stringify({
          source: 'reminder-schedule',
          kind: 'deadline-reminder',
          campaignId: 'hp-175',
          year: 2027,
          daysBefore: 7,
        }),
      },
    });
    // The digest: every day at 07:30 local, from the opening of reports to the end of review; the day it is for is
    // the schedule's own time, which Scheduler fills in (and keeps on a retry).
    expect(byName.get('hp-175-2027-digest')).toMatchObject({
      ...common,
      ScheduleExpression: 'cron(30 7 * * ? *)',
      StartDate: new Date(calendar.submissionOpensAt),
      EndDate: new Date(calendar.reviewClosesAt),
      Target: {
        Arn: settings.remindersArn,
        Input: JSON.stringify({
          source: 'reminder-schedule',
          kind: 'review-digest',
          campaignId: 'hp-175',
          year: 2027,
          scheduledAt: '<aws.scheduler.scheduled-time>',
        }),
      },
    });
    expect(byName.get('hp-175-2027-digest')!.ActionAfterCompletion).toBeUndefined();
  });

  it("removes the year's schedules it no longer asks for, and nobody else's", async () => {
    mock.on(UpdateScheduleCommand).resolves({});
    mock.on(DeleteScheduleCommand).resolves({});
    mock
      .on(ListSchedulesCommand)
      .resolvesOnce({
        Schedules: [{ Name: 'hp-175-2027-remind-3d' }, { Name: 'hp-175-2027-year-end' }],
        NextToken: 'page-2',
      })
      .resolves({ Schedules: [{ Name: 'hp-175-2027-x-2028-year-end' }] });
    await scheduler.scheduleYear('hp-175', 2027, jobs);
    expect(mock.commandCalls(ListSchedulesCommand)[0]!.args[0].input).toMatchObject({
      GroupName: settings.group,
      NamePrefix: 'hp-175-2027-',
    });
    expect(mock.commandCalls(ListSchedulesCommand)[1]!.args[0].input.NextToken).toBe('page-2');
    expect(mock.commandCalls(DeleteScheduleCommand).map((c) => c.args[0].input)).toEqual([
      { Name: 'hp-175-2027-remind-3d', GroupName: settings.group },
    ]);

    // A year with nothing left to schedule has none.
    mock.resetHistory();
    mock.on(ListSchedulesCommand).resolves({ Schedules: jobs.map((j) => ({ Name: jobName(j) })) });
    await scheduler.scheduleYear('hp-175', 2027, []);
    expect(mock.commandCalls(DeleteScheduleCommand)).toHaveLength(4);
    expect(mock.commandCalls(UpdateScheduleCommand)).toHaveLength(0);
  });

  it('creates the schedules of a new year, and moves one a concurrent save created first', async () => {
    const yearEnd = jobs.filter((j): j is Extract<ScheduledJob, { kind: 'year-end' }> => j.kind === 'year-end');
    mock.on(UpdateScheduleCommand).rejectsOnce(notFound()).resolves({});
    mock.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn' });
    await scheduler.scheduleYear('hp-175', 2027, yearEnd);
    expect(mock.commandCalls(CreateScheduleCommand)).toHaveLength(1);

    mock.reset();
    mock.on(ListSchedulesCommand).resolves({});
    mock.on(UpdateScheduleCommand).rejectsOnce(notFound()).resolves({});
    mock
      .on(CreateScheduleCommand)
      .rejects(new ConflictException({ Message: 'exists', message: 'exists', $metadata: {} }));
    await scheduler.scheduleYear('hp-175', 2027, yearEnd);
    expect(mock.commandCalls(UpdateScheduleCommand)).toHaveLength(2);
  });

  it('lets other failures through, so the admin is told and may save again', async () => {
    mock.on(UpdateScheduleCommand).rejects(new Error('AccessDenied'));
    await expect(scheduler.scheduleYear('hp-175', 2027, jobs)).rejects.toThrow('AccessDenied');
  });

  it('names schedules within 64 characters, a long campaign id by its hash', async () => {
    mock.on(UpdateScheduleCommand).resolves({});
    const long = jobsOfYear(
      { ...campaign, campaignId: 'a'.repeat(64) },
      { year: 2027, calendar },
      new Date('2027-06-01'),
    );
    await scheduler.scheduleYear('a'.repeat(64), 2027, long);
    for (const { Name } of updated()) expect(Name).toMatch(/^[0-9a-f]{32}-2027-(year-end|digest|remind-\d+d)$/);
    for (const { Name } of updated()) expect(Name!.length).toBeLessThanOrEqual(64);
  });
});
