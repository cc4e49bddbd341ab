/** When reminders and the digest go, what a year schedules, and what a reminder lists. */
import { describe, expect, it } from 'vitest';
import {
  daysBefore,
  isJobOfYear,
  jobName,
  jobsOfYear,
  missingReportsOf,
  nextFireOf,
  reminderText,
} from '../../shared/domain/reminders.js';

const tz = 'Asia/Ho_Chi_Minh';
const calendar = {
  submissionOpensAt: '2026-12-31T17:00:00.000Z',
  submissionClosesAt: '2027-11-30T16:59:59.000Z',
  reviewClosesAt: '2027-12-20T16:59:59.000Z',
  yearEndRunAt: '2027-12-28T01:00:00.000Z',
};
const campaign = { campaignId: 'hp-175', timeZone: tz };

describe('daysBefore', () => {
  it('counts local days, across a month and a year, at the local sending time', () => {
    expect(daysBefore('2027-11-30T16:59:59.000Z', 7, '07:30', tz)).toBe('2027-11-23T00:30:00.000Z');
    // 00:30 on 1/3 local is still 28/2 in UTC: the local day counts.
    expect(daysBefore('2027-02-28T17:30:00.000Z', 1, '08:00', tz)).toBe('2027-02-28T01:00:00.000Z');
    expect(daysBefore('2027-01-02T03:00:00.000Z', 3, '07:30', tz)).toBe('2026-12-30T00:30:00.000Z');
  });
});

describe('jobsOfYear', () => {
  it('asks for the year-end run, a reminder per configured day and the daily digest, all from the data', () => {
    const jobs = jobsOfYear(campaign, { year: 2027, calendar }, new Date('2027-06-01T00:00:00Z'));
    expect(jobs.map(jobName)).toEqual([
      'hp-175-2027-year-end',
      'hp-175-2027-remind-7d',
      'hp-175-2027-remind-1d',
      'hp-175-2027-digest',
    ]);
    const custom = jobsOfYear(
      { ...campaign, reminders: { daysBeforeReportingDeadline: [14, 3], sendAt: '14:00', reviewerEmails: [] } },
      { year: 2027, calendar },
      new Date('2027-06-01T00:00:00Z'),
    );
    expect(custom.filter((j) => j.kind === 'deadline-reminder').map((j) => [jobName(j), 'at' in j && j.at])).toEqual([
      ['hp-175-2027-remind-14d', '2027-11-16T07:00:00.000Z'],
      ['hp-175-2027-remind-3d', '2027-11-27T07:00:00.000Z'],
    ]);
  });
  it('leaves out what has passed, and reminders outside the reporting window', () => {
    const late = jobsOfYear(campaign, { year: 2027, calendar }, new Date('2027-11-25T00:00:00Z'));
    expect(late.map(jobName)).toEqual(['hp-175-2027-year-end', 'hp-175-2027-remind-1d', 'hp-175-2027-digest']);
    expect(jobsOfYear(campaign, { year: 2027, calendar }, new Date('2027-12-29T00:00:00Z'))).toEqual([]);
    const short = { ...calendar, submissionOpensAt: '2027-11-27T00:00:00.000Z' };
    expect(jobsOfYear(campaign, { year: 2027, calendar: short }, new Date('2027-06-01')).map(jobName)).not.toContain(
      'hp-175-2027-remind-7d',
    );
  });
});

describe('nextFireOf', () => {
  const [, , , digest] = jobsOfYear(campaign, { year: 2027, calendar }, new Date('2027-06-01T00:00:00Z'));
  it('fires the digest daily at its local time, from the opening of reports to the end of review', () => {
    expect(nextFireOf(digest!, new Date('2026-12-01T00:00:00Z'))).toBe('2027-01-01T00:30:00.000Z');
    expect(nextFireOf(digest!, new Date('2027-03-10T00:29:59Z'))).toBe('2027-03-10T00:30:00.000Z');
    expect(nextFireOf(digest!, new Date('2027-03-10T00:30:01Z'))).toBe('2027-03-11T00:30:00.000Z');
    expect(nextFireOf(digest!, new Date('2027-12-20T00:30:01Z'))).toBeNull();
  });
  it('fires a one-time job once', () => {
    const [yearEnd] = jobsOfYear(campaign, { year: 2027, calendar }, new Date('2027-06-01T00:00:00Z'));
    expect(nextFireOf(yearEnd!, new Date('2027-06-01T00:00:00Z'))).toBe(calendar.yearEndRunAt);
    expect(nextFireOf(yearEnd!, new Date('2027-12-28T01:00:01Z'))).toBeNull();
  });
});

describe('schedule names', () => {
  it("are a year's own: another campaign whose id begins the same is not", () => {
    expect(isJobOfYear('hp-175-2027-remind-7d', 'hp-175-2027-')).toBe(true);
    expect(isJobOfYear('hp-175-2027-x-2028-year-end', 'hp-175-2027-')).toBe(false);
    expect(isJobOfYear('hp-175-2028-year-end', 'hp-175-2027-')).toBe(false);
  });
});

describe('what a reminder says', () => {
  it('lists the missing, incomplete and returned criteria, in the order of the criteria set, with the deadline', () => {
    const missing = missingReportsOf(
      [
        { criterionId: 'a', title: 'Tỷ lệ hồ sơ trực tuyến' },
        { criterionId: 'b', title: 'Có kế hoạch chuyển đổi số' },
        { criterionId: 'c', title: 'Nhiệm vụ của Đề án' },
        { criterionId: 'd', title: 'Số lớp bồi dưỡng' },
      ],
      [
        { criterionId: 'a', status: 'missing' },
        { criterionId: 'b', status: 'approved' },
        { criterionId: 'c', status: 'incomplete' },
        { criterionId: 'd', status: 'returned' },
      ],
    );
    expect(missing.map((m) => m.criterionId)).toEqual(['a', 'c', 'd']);
    const { subject, text } = reminderText({
      campaign: { name: 'Phong trào thi đua chuyển đổi số', documentNumber: '175/KH-UBND', timeZone: tz },
      year: 2027,
      unitName: 'Phường Hồng Bàng',
      deadline: calendar.submissionClosesAt,
      daysBefore: 7,
      missing,
    });
    expect(subject).toBe('[Thi đua chuyển đổi số 2027] Còn 7 ngày đến hạn nộp báo cáo (30/11/2027)');
    expect(text).toContain('Kính gửi: Phường Hồng Bàng');
    expect(text).toContain('- Tỷ lệ hồ sơ trực tuyến: Chưa nộp');
    expect(text).toContain('- Nhiệm vụ của Đề án: Chưa đủ');
    expect(text).toContain('- Số lớp bồi dưỡng: Yêu cầu bổ sung');
    expect(text).not.toContain('Có kế hoạch');
  });
});
