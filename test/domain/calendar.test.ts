import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  atExpression,
  calendarForYear,
  calendarProblems,
  formatDate,
  formatDateTime,
  intlLocalParts,
  localParts,
  timeZoneLabel,
  zonedTimeToUtc,
} from '../../shared/domain/calendar.js';
import { parseTimeFrame, taskDueDate, taskIsDueIn } from '../../shared/domain/criteria.js';
import type { Task } from '../../shared/domain/types.js';

const template = {
  submissionOpens: '01-01T00:00:00',
  submissionCloses: '11-30T23:59:59',
  reviewCloses: '12-20T23:59:59',
  yearEndRun: '12-28T08:00:00',
};

describe('calendar', () => {
  it('stores instants in UTC computed from Asia/Ho_Chi_Minh wall-clock times', () => {
    const c = calendarForYear(template, 2026, 'Asia/Ho_Chi_Minh');
    expect(c.submissionClosesAt).toBe('2026-11-30T16:59:59.000Z');
    expect(c.submissionOpensAt).toBe('2025-12-31T17:00:00.000Z');
    expect(c.yearEndRunAt).toBe('2026-12-28T01:00:00.000Z');
    expect(formatDateTime(c.submissionClosesAt, 'Asia/Ho_Chi_Minh')).toBe('30/11/2026 23:59:59');
    expect(formatDate(c.submissionOpensAt, 'Asia/Ho_Chi_Minh')).toBe('01/01/2026');
  });
  it('handles zones with daylight saving (another province could be data too)', () => {
    expect(
      zonedTimeToUtc({ year: 2026, month: 7, day: 1, hour: 12, minute: 0, second: 0 }, 'Europe/Paris').toISOString(),
    ).toBe('2026-07-01T10:00:00.000Z');
    expect(
      zonedTimeToUtc({ year: 2026, month: 1, day: 1, hour: 12, minute: 0, second: 0 }, 'Europe/Paris').toISOString(),
    ).toBe('2026-01-01T11:00:00.000Z');
  });
  it('finds calendars out of order or with a run after 31/12', () => {
    const c = calendarForYear(template, 2026, 'Asia/Ho_Chi_Minh');
    expect(calendarProblems(c, 2026, 'Asia/Ho_Chi_Minh')).toEqual([]);
    expect(
      calendarProblems({ ...c, yearEndRunAt: '2026-12-31T17:00:00Z' }, 2026, 'Asia/Ho_Chi_Minh').map((p) => p.field),
    ).toEqual(['calendar.yearEndRunAt']);
    expect(
      calendarProblems({ ...c, reviewClosesAt: '2026-11-01T00:00:00Z' }, 2026, 'Asia/Ho_Chi_Minh').map((p) => p.field),
    ).toContain('calendar.reviewClosesAt');
  });
  it('writes a run at the calendar time as a local one-time expression', () => {
    const c = calendarForYear(template, 2026, 'Asia/Ho_Chi_Minh');
    expect(atExpression(c.yearEndRunAt, 'Asia/Ho_Chi_Minh')).toBe('at(2026-12-28T08:00:00)');
  });
});

describe('task time frames (284/QĐ-UBND annex)', () => {
  const t = (timeFrame: string) => ({ timeFrame }) as Task;
  it('parses the spellings of the annex', () => {
    expect(parseTimeFrame('Hằng năm')).toEqual({ from: 0, to: null, recurring: true });
    expect(parseTimeFrame('Hàng năm')).toEqual({ from: 0, to: null, recurring: true });
    expect(parseTimeFrame('Từ 2022')).toEqual({ from: 2022, to: null, recurring: true });
    expect(parseTimeFrame('2022-2025')).toEqual({ from: 2022, to: 2025, recurring: false });
    expect(parseTimeFrame('2023')).toEqual({ from: 2023, to: 2023, recurring: false });
    expect(() => parseTimeFrame('sớm')).toThrow();
  });
  it('assigns tasks to the years of their frame, due at the end of the frame', () => {
    expect(taskIsDueIn(t('2022-2025'), 2025)).toBe(true);
    expect(taskIsDueIn(t('2022-2025'), 2026)).toBe(false);
    expect(taskIsDueIn(t('Hằng năm'), 2026)).toBe(true);
    expect(taskDueDate(t('2022-2025'), 2024)).toBe('2025-12-31');
    expect(taskDueDate(t('Hằng năm'), 2026)).toBe('2026-12-31');
  });
  it('every task of the curated annex has a time frame the platform understands', async () => {
    const { demoTasks } = await import('../../local/seed/index.js');
    expect(demoTasks.length).toBeGreaterThan(100);
    for (const task of demoTasks) expect(() => parseTimeFrame(task.timeFrame), task.taskId).not.toThrow();
    expect(new Set(demoTasks.map((x) => x.taskId)).size).toBe(demoTasks.length);
  });
});

describe('timeZoneLabel', () => {
  it('names Vietnam’s zone as people do, and others by their offset', () => {
    expect(timeZoneLabel('Asia/Ho_Chi_Minh')).toBe('giờ Việt Nam (GMT+7)');
    expect(timeZoneLabel('Asia/Kolkata', new Date('2026-12-07T00:00:00Z'))).toBe('giờ (GMT+5:30)');
    expect(timeZoneLabel('America/New_York', new Date('2026-12-07T00:00:00Z'))).toBe('giờ (GMT−5)');
  });
});

describe('localParts', () => {
  // Zones without and with daylight saving, half- and quarter-hour offsets, and a 30-minute saving (Lord Howe).
  const zones = [
    'Asia/Ho_Chi_Minh',
    'UTC',
    'Europe/London',
    'America/New_York',
    'America/St_Johns',
    'Asia/Kathmandu',
    'Pacific/Chatham',
    'Australia/Lord_Howe',
  ];

  it('reads every zone as Intl does, at any instant from 1950 to 2100 (around offset changes too)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2100, 0, 1) }),
        (zone, ms) => {
          expect(localParts(new Date(ms), zone)).toEqual(intlLocalParts(new Date(ms), zone));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('reads the minutes either side of daylight-saving changes as Intl does', () => {
    // 2026: New York springs forward 8 March 07:00 UTC, falls back 1 November 06:00 UTC; London 29 March and
    // 25 October 01:00 UTC; Lord Howe (30 minutes) 5 April 15:00 and 4 October 15:30 UTC.
    const changes = [
      '2026-03-08T07:00',
      '2026-11-01T06:00',
      '2026-03-29T01:00',
      '2026-10-25T01:00',
      '2026-04-04T15:00',
      '2026-10-03T15:30',
    ];
    for (const change of changes)
      for (let s = -1800; s <= 1800; s += 7) {
        const at = new Date(Date.parse(`${change}:00Z`) + s * 1000);
        for (const zone of zones) expect(localParts(at, zone)).toEqual(intlLocalParts(at, zone));
      }
  });
});
