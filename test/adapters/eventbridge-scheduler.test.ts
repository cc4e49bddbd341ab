/** The year-end schedules in AWS: one EventBridge Scheduler schedule per campaign year (aws-sdk-client-mock). */
import {
  ConflictException,
  CreateScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { EventBridgeRunScheduler, scheduleName } from '../../adapters/eventbridge-scheduler.js';

const client = new SchedulerClient({
  region: 'ap-southeast-1',
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
});
const mock = mockClient(client);
beforeEach(() => mock.reset());
const settings = {
  group: 'thi-dua-prod-year-end',
  roleArn: 'arn:aws:iam::123456789012:role/thi-dua-prod-scheduler-role',
  targetArn: 'arn:aws:lambda:ap-southeast-1:123456789012:function:thi-dua-prod-aggregation',
  deadLetterArn: 'arn:aws:sqs:ap-southeast-1:123456789012:thi-dua-prod-year-end-dlq',
};
const scheduler = new EventBridgeRunScheduler(settings, client);
const run = { campaignId: 'hp-175', year: 2027, at: '2027-12-28T01:00:00.000Z', timeZone: 'Asia/Ho_Chi_Minh' };
const notFound = () => new ResourceNotFoundException({ Message: 'no schedule', message: 'no schedule', $metadata: {} });

describe('EventBridgeRunScheduler', () => {
  it("moves the year's schedule to the calendar's local time, with the run's input, retries and DLQ", async () => {
    mock.on(UpdateScheduleCommand).resolves({});
    await scheduler.schedule(run);
    expect(mock.commandCalls(CreateScheduleCommand)).toHaveLength(0);
    expect(mock.commandCalls(UpdateScheduleCommand)[0]!.args[0].input).toMatchObject({
      Name: 'year-end-hp-175-2027',
      GroupName: 'thi-dua-prod-year-end',
      ScheduleExpression: 'at(2027-12-28T08:00:00)',
      ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: settings.targetArn,
        RoleArn: settings.roleArn,
        Input: JSON.stringify({ source: 'year-end-schedule', campaignId: 'hp-175', year: 2027, trigger: 'schedule' }),
        RetryPolicy: { MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 43_200 },
        DeadLetterConfig: { Arn: settings.deadLetterArn },
      },
    });
  });
  it('creates the schedule of a new year, and moves one a concurrent save created first', async () => {
    mock.on(UpdateScheduleCommand).rejectsOnce(notFound()).resolves({});
    mock.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn' });
    await scheduler.schedule(run);
    expect(mock.commandCalls(CreateScheduleCommand)).toHaveLength(1);

    mock.reset();
    mock.on(UpdateScheduleCommand).rejectsOnce(notFound()).resolves({});
    mock
      .on(CreateScheduleCommand)
      .rejects(new ConflictException({ Message: 'exists', message: 'exists', $metadata: {} }));
    await scheduler.schedule(run);
    expect(mock.commandCalls(UpdateScheduleCommand)).toHaveLength(2);
  });
  it('lets other failures through, so the admin is told and may save again', async () => {
    mock.on(UpdateScheduleCommand).rejects(new Error('AccessDenied'));
    await expect(scheduler.schedule(run)).rejects.toThrow('AccessDenied');
  });
  it('names schedules within 64 characters, a long campaign id by its hash', () => {
    expect(scheduleName({ campaignId: 'a'.repeat(64), year: 2027 })).toMatch(/^year-end-[0-9a-f]{32}-2027$/);
    expect(scheduleName({ campaignId: 'a'.repeat(64), year: 2027 }).length).toBeLessThanOrEqual(64);
  });
});
