/**
 * The year-end runs in AWS: one EventBridge Scheduler one-time schedule per campaign year, in the stage's schedule
 * group, at the calendar's local time (Asia/Ho_Chi_Minh), created or moved by the catalogue function when an admin
 * saves the year. The scheduler invokes the aggregation function with a role the stack made for it.
 */
import { createHash } from 'node:crypto';
import {
  ConflictException,
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { atExpression, type YearEndRun } from '../shared/domain/calendar.js';
import type { ScheduledEvent } from '../shared/domain/schemas.js';
import type { RunScheduler } from '../shared/ports.js';

export interface SchedulerSettings {
  group: string;
  /** The role EventBridge Scheduler assumes to invoke the run (the catalogue function may pass it, nothing else). */
  roleArn: string;
  targetArn: string;
  deadLetterArn: string;
}

/** Schedule names are at most 64 characters of [0-9A-Za-z._-]: a long campaign id is shortened by its hash. */
export function scheduleName(run: Pick<YearEndRun, 'campaignId' | 'year'>): string {
  const name = `year-end-${run.campaignId}-${run.year}`;
  return name.length <= 64
    ? name
    : `year-end-${createHash('sha256').update(run.campaignId).digest('hex').slice(0, 32)}-${run.year}`;
}

export class EventBridgeRunScheduler implements RunScheduler {
  constructor(
    private readonly settings: SchedulerSettings,
    private readonly client = new SchedulerClient({}),
  ) {}

  async schedule(run: YearEndRun) {
    const event: ScheduledEvent = {
      source: 'year-end-schedule',
      campaignId: run.campaignId,
      year: run.year,
      trigger: 'schedule',
    };
    const input: CreateScheduleCommandInput = {
      Name: scheduleName(run),
      GroupName: this.settings.group,
      Description: `Tổng hợp, xếp hạng cuối năm ${run.year} (${run.campaignId})`,
      ScheduleExpression: atExpression(run.at, run.timeZone),
      ScheduleExpressionTimezone: run.timeZone,
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: {
        Arn: this.settings.targetArn,
        RoleArn: this.settings.roleArn,
        Input: JSON.stringify(event),
        RetryPolicy: { MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 12 * 3600 },
        DeadLetterConfig: { Arn: this.settings.deadLetterArn },
      },
    };
    // Moving is the common case once a year exists; a first save creates it (and a create raced by another one
    // finds it there, and moves it).
    try {
      await this.client.send(new UpdateScheduleCommand(input));
    } catch (e) {
      if (!(e instanceof ResourceNotFoundException)) throw e;
      try {
        await this.client.send(new CreateScheduleCommand(input));
      } catch (again) {
        if (!(again instanceof ConflictException)) throw again;
        await this.client.send(new UpdateScheduleCommand(input));
      }
    }
  }
}
