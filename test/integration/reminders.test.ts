/**
 * Reminders over the local server, on a real store, fired by the local scheduler from the campaign's own calendar:
 * they go once to exactly the units with reports missing or returned (in the local outbox where the unit has an
 * address, in its Hộp thư always), a repeated schedule sends nothing again, and the reviewers' digest likewise.
 */
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRemindersHandler } from '../../functions/reminders/handler.js';
import { evidence, type Harness, startHarness } from './harness.js';

// 12 seconds before 23/11/2026 07:30 in Hải Phòng: the 7-day reminder before the 30/11 deadline.
const BEFORE_REMINDER = '2026-11-23T00:29:48Z';
const REMINDER_AT = '2026-11-23T00:30:00.000Z';

let h: Harness;
let admin: string;
let reviewer: string;
beforeAll(async () => {
  h = await startHarness({ now: BEFORE_REMINDER, schedule: true });
  admin = await h.token('admin', undefined, 'quantri-nhac');
  reviewer = await h.token('reviewer', undefined, 'thamdinh-nhac');
});
afterAll(() => h.close());

const campaign = {
  name: 'Phong trào thi đua chuyển đổi số tỉnh Nhắc Hạn',
  province: 'Tỉnh Nhắc Hạn',
  documentNumber: '12/KH-UBND',
  issuedOn: '2025-12-01',
  issuer: 'Ủy ban nhân dân tỉnh',
  timeZone: 'Asia/Ho_Chi_Minh',
  firstYear: 2026,
  lastYear: 2026,
  calendarTemplate: {
    submissionOpens: '01-01T00:00:00',
    submissionCloses: '11-30T23:59:59',
    reviewCloses: '12-20T23:59:59',
    yearEndRun: '12-28T08:00:00',
  },
  awards: { flagPerGroup: 1, meritShare: 0 },
  reminders: { daysBeforeReportingDeadline: [7, 1], sendAt: '07:30', reviewerEmails: ['ban-tdkt@nhac-han.invalid'] },
};
const criteria = [
  {
    criterionId: 'ho-so-truc-tuyen',
    kind: 'ratio',
    title: 'Tỷ lệ hồ sơ xử lý trực tuyến',
    maxPoints: 10,
    levels: ['department'],
    targets: { department: 0.9 },
  },
];
/** A has reported (approved), B has not, C's report was returned, D has not and has no address. */
const UNITS = [
  ['nh-so-a', 'Sở A tỉnh Nhắc Hạn', 'vanthu@so-a.nhac-han.invalid'],
  ['nh-so-b', 'Sở B tỉnh Nhắc Hạn', 'vanthu@so-b.nhac-han.invalid'],
  ['nh-so-c', 'Sở C tỉnh Nhắc Hạn', 'vanthu@so-c.nhac-han.invalid'],
  ['nh-so-d', 'Sở D tỉnh Nhắc Hạn', null],
] as const;

async function report(unitId: string) {
  const s = await h.call('POST', '/v1/submissions', {
    token: await h.token('unit', unitId),
    body: {
      campaignId: 'tinh-nhac',
      unitId,
      year: 2026,
      criterionId: 'ho-so-truc-tuyen',
      value: { numerator: 950, denominator: 1000 },
      evidence,
    },
  });
  expect(s.status, JSON.stringify(s.body)).toBe(201);
  return s.body.submissionId as string;
}
async function decide(submissionId: string, decision: 'approved' | 'returned') {
  const d = await h.call('POST', `/v1/submissions/${submissionId}/decision`, {
    token: reviewer,
    body: { decision, expectedVersion: 1, comment: decision === 'returned' ? 'Thiếu minh chứng số liệu' : '' },
  });
  expect(d.status, JSON.stringify(d.body)).toBe(200);
}
const recipients = () =>
  h.server.outbox
    .messages()
    .flatMap((m) => m.to)
    .sort();
const event = (kind: 'deadline-reminder' | 'review-digest', extra: Record<string, unknown>) => ({
  source: 'reminder-schedule',
  kind,
  campaignId: 'tinh-nhac',
  year: 2026,
  ...extra,
});
const invoke = (e: unknown) => createRemindersHandler(h.server.deps)(e as never, {} as Context);

describe('reminders before the reporting deadline', () => {
  it('go once to exactly the units missing reports, each listing what is missing; each unit sees its own', async () => {
    // The campaign, its year and its units, set up from the API while the reminder is still ahead.
    expect((await h.call('PUT', '/v1/campaigns/tinh-nhac', { token: admin, body: campaign })).status).toBe(200);
    const year = await h.call('PUT', '/v1/campaigns/tinh-nhac/years/2026', { token: admin, body: { criteria } });
    expect(year.status, JSON.stringify(year.body)).toBe(200);
    for (const [unitId, name, contactEmail] of UNITS) {
      const put = await h.call('PUT', `/v1/units/${unitId}`, {
        token: admin,
        body: { name, level: 'department', contactEmail },
      });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
    }
    const members = await fetch(`${h.url}/v1/imports/clusters?campaignId=tinh-nhac&year=2026`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' },
      body: `clusterId,clusterName,unitId,role\n${UNITS.map(([id], i) => `khoi-so,Khối các sở,${id},${i === 0 ? 'head' : 'member'}`).join('\n')}\n`,
    });
    expect(members.status, await members.text()).toBe(200);
    await decide(await report('nh-so-a'), 'approved');
    await decide(await report('nh-so-c'), 'returned');
    expect(recipients()).toEqual([]);

    // The local scheduler fires the 7-day reminder at 07:30 from the calendar: this campaign's and Hải Phòng's
    // (to those of the demo's units with a mailbox that still have reports missing or returned).
    const ours = () => recipients().filter((a) => a.endsWith('.nhac-han.invalid'));
    const expected = ['vanthu@so-b.nhac-han.invalid', 'vanthu@so-c.nhac-han.invalid'];
    for (let i = 0; i < 150 && ours().length < expected.length; i++) await new Promise((r) => setTimeout(r, 200));
    expect(ours()).toEqual(expected);
    const hpMailboxes = ['dk-bach-long-vi', 'dk-cat-hai', 'p-hong-bang', 'p-thuy-nguyen'].map(
      (id) => `vanthu.${id}@thi-dua.invalid`,
    );
    for (const a of recipients().filter((x) => !x.endsWith('.nhac-han.invalid'))) expect(hpMailboxes).toContain(a);
    const sent = h.server.outbox.messages();
    const toUnit = (address: string) => sent.find((m) => m.to.includes(address))!;
    expect(toUnit('vanthu@so-b.nhac-han.invalid').subject).toBe(
      '[Thi đua chuyển đổi số 2026] Còn 7 ngày đến hạn nộp báo cáo (30/11/2026)',
    );
    expect(toUnit('vanthu@so-b.nhac-han.invalid').text).toContain('- Tỷ lệ hồ sơ xử lý trực tuyến: Chưa nộp');
    expect(toUnit('vanthu@so-c.nhac-han.invalid').text).toContain(': Yêu cầu bổ sung');

    // Each unit's Hộp thư: D (no address) has its reminder kept there; A (all reported) has none.
    const mailbox = async (unitId: string) =>
      (await h.call('GET', '/v1/messages', { token: await h.token('unit', unitId) })).body;
    const d = await mailbox('nh-so-d');
    expect(d.items.map((m: { status: string; kind: string }) => [m.kind, m.status])).toEqual([
      ['deadline-reminder', 'kept'],
    ]);
    expect((await mailbox('nh-so-a')).items).toEqual([]);
    expect((await mailbox('nh-so-b')).items).toMatchObject([
      { status: 'sent', sentAt: expect.any(String), to: ['vanthu@so-b.nhac-han.invalid'], unitId: 'nh-so-b' },
    ]);
    // A unit sees only its own; a reviewer sees any unit's.
    const foreign = await h.call('GET', '/v1/messages?unitId=nh-so-c', { token: await h.token('unit', 'nh-so-b') });
    expect(foreign.status).toBe(403);
    const staff = await h.call('GET', '/v1/messages?unitId=nh-so-c', { token: reviewer });
    expect(staff.body.items).toHaveLength(1);

    // The same schedule delivered again (EventBridge delivers at least once): nothing is sent twice.
    const again = await invoke(event('deadline-reminder', { daysBefore: 7 }));
    expect(again).toEqual({ sent: 0, kept: 0, already: 3, failed: 0 });
    expect(ours()).toEqual(expected);
  });

  it("sends the reviewers' digest of their queue once a day, and nothing twice", async () => {
    await report('nh-so-b');
    const digest = event('review-digest', { scheduledAt: REMINDER_AT });
    expect(await invoke(digest)).toEqual({ sent: 1, kept: 0, already: 0, failed: 0 });
    expect(await invoke(digest)).toEqual({ sent: 0, kept: 0, already: 1, failed: 0 });
    const mail = h.server.outbox.messages().filter((m) => m.to.includes('ban-tdkt@nhac-han.invalid'));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe('[Thi đua chuyển đổi số 2026] 1 báo cáo chờ thẩm định (23/11/2026)');
    expect(mail[0]!.text).toContain('- Sở B tỉnh Nhắc Hạn: 1 báo cáo');
    // The reviewers' mailbox shows it; a unit asking for it gets its own.
    const box = await h.call('GET', '/v1/messages?campaignId=tinh-nhac', { token: reviewer });
    expect(box.body.items.map((m: { kind: string }) => m.kind)).toEqual(['review-digest']);
    const own = await h.call('GET', '/v1/messages?campaignId=tinh-nhac', { token: await h.token('unit', 'nh-so-b') });
    expect(own.body.mailbox).toBe('unit:nh-so-b');
  });
});
