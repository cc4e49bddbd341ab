/**
 * A campaign whose calendar carries a bình xét round, one block of four departments and their reports: shared by
 * the round's HTTP test and the console's end-to-end test, each driving it further its own way.
 */
import { expect } from 'vitest';
import { evidence, type Harness, samplePdf } from './harness.js';

export const C = 'tinh-binh-xet';
export const campaign = {
  name: 'Phong trào thi đua chuyển đổi số tỉnh Bình Xét',
  province: 'Tỉnh Bình Xét',
  documentNumber: '21/KH-UBND',
  issuedOn: '2025-12-01',
  issuer: 'Ủy ban nhân dân tỉnh Bình Xét',
  timeZone: 'Asia/Ho_Chi_Minh',
  firstYear: 2026,
  lastYear: 2026,
  calendarTemplate: {
    submissionOpens: '01-01T00:00:00',
    submissionCloses: '11-30T23:59:59',
    crossCheckCloses: '12-05T23:59:59',
    reviewCloses: '12-08T23:59:59',
    yearEndRun: '12-09T07:00:00',
    objectionsOpen: '12-09T08:00:00',
    objectionsClose: '12-12T23:59:59',
    meetingsOpen: '12-14T08:00:00',
    meetingsClose: '12-18T17:00:00',
  },
  awards: { flagPerGroup: 1, meritShare: 0 },
};
export const criteria = [
  {
    criterionId: 'ho-so-truc-tuyen',
    kind: 'ratio',
    title: 'Tỷ lệ hồ sơ xử lý trực tuyến',
    maxPoints: 10,
    levels: ['department'],
    targets: { department: 0.9 },
  },
];
/** A heads the block, B is its deputy; C reports a figure below target; D leads. The number: records of 1000. */
export const UNITS = [
  ['bx-a', 'Sở A tỉnh Bình Xét', 'head', 950],
  ['bx-b', 'Sở B tỉnh Bình Xét', 'deputy', 920],
  ['bx-c', 'Sở C tỉnh Bình Xét', 'member', 850],
  ['bx-d', 'Sở D tỉnh Bình Xét', 'member', 970],
] as const;

export const unitToken = (h: Harness, unitId: string) => h.token('unit', unitId, `nguoi-${unitId}`);

export const reportFigure = async (h: Harness, unitId: string, numerator: number) =>
  h.call('POST', '/v1/submissions', {
    token: await unitToken(h, unitId),
    body: {
      campaignId: C,
      unitId,
      year: 2026,
      criterionId: 'ho-so-truc-tuyen',
      value: { numerator, denominator: 1000 },
      evidence,
    },
  });

/**
 * The campaign and its 2026 year, the four units in the block "khoi-so" (A head, B deputy) and each unit's report,
 * while reporting is open. Answers the year as the API presents it and the reports as submitted.
 */
export async function setUpRoundCampaign(h: Harness, admin: string) {
  const ok = (r: { status: number; body: unknown }, status = 200) =>
    expect(r.status, JSON.stringify(r.body)).toBe(status);
  ok(await h.call('PUT', `/v1/campaigns/${C}`, { token: admin, body: campaign }));
  const year = await h.call('PUT', `/v1/campaigns/${C}/years/2026`, { token: admin, body: { criteria } });
  ok(year);
  for (const [unitId, name] of UNITS)
    ok(await h.call('PUT', `/v1/units/${unitId}`, { token: admin, body: { name, level: 'department' } }));
  const clusters = await fetch(`${h.url}/v1/imports/clusters?campaignId=${C}&year=2026`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' },
    body: `clusterId,clusterName,unitId,role\n${UNITS.map(([id, , role]) => `khoi-so,Khối các sở,${id},${role}`).join('\n')}\n`,
  });
  expect(clusters.status, await clusters.text()).toBe(200);
  const submitted: Record<string, { submissionId: string; version: number }> = {};
  for (const [unitId, , , numerator] of UNITS) {
    const r = await reportFigure(h, unitId, numerator);
    ok(r, 201);
    submitted[unitId] = r.body;
  }
  // D's report cites a scanned document of its own: what its head opens to cross-check it.
  const fileId = await h.storeFile(await unitToken(h, 'bx-d'), 'bx-d', samplePdf('bx-d'), 'Báo cáo 12-BC-SD.pdf');
  const cited = await h.call('POST', '/v1/submissions', {
    token: await unitToken(h, 'bx-d'),
    body: {
      campaignId: C,
      unitId: 'bx-d',
      year: 2026,
      criterionId: 'ho-so-truc-tuyen',
      value: { numerator: 970, denominator: 1000 },
      evidence: [{ title: 'Báo cáo 12/BC-SD', fileId }],
    },
  });
  ok(cited, 201);
  submitted['bx-d'] = cited.body;
  return { year: year.body, submitted, fileId };
}
