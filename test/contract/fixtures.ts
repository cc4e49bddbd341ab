/** What the store contracts share: the stores under test, the records they write and read back, listing helpers. */
import { expect } from 'vitest';
import { withUnitDefaults } from '../../shared/domain/lineage.js';
import { encodeSubmissionId } from '../../shared/domain/submission-id.js';
import type { AuditEntry, Campaign, CampaignYear, Review, Submission, Unit } from '../../shared/domain/types.js';
import { PAGE_BYTES, type Page, type Stores, type SubmissionQuery } from '../../shared/ports/index.js';

export interface StoresUnderTest {
  /** Fresh, empty stores (a new table or a new prefix) for each test. */
  fresh(): Promise<Stores>;
  /** Whether writes check conditions on other items in the same transaction (not dynalite: it has none). */
  transactions: boolean;
}

export const entry = (action: string, at = '2026-11-20T03:00:00.000Z'): AuditEntry => ({
  at,
  actor: 'admin-1',
  role: 'admin',
  action,
});
export const unit = (unitId: string, level: Unit['level'] = 'commune', cluster: string | null = 'cum-1'): Unit =>
  withUnitDefaults({
    unitId,
    name: `Xã ${unitId}`,
    level,
    parentId: null,
    cluster,
  });
export const campaign: Campaign = {
  campaignId: 'c1',
  name: 'Phong trào thử',
  documentNumber: '1/KH-UBND',
  issuedOn: '2026-01-02',
  province: 'Tỉnh thử',
  timeZone: 'Asia/Ho_Chi_Minh',
  firstYear: 2025,
  lastYear: 2030,
  calendarTemplate: {
    submissionOpens: '01-01T00:00:00',
    submissionCloses: '11-30T23:59:59',
    reviewCloses: '12-20T23:59:59',
    yearEndRun: '12-28T08:00:00',
  },
  awards: { flagPerGroup: 1, meritShare: 0.2 },
  clusters: [{ clusterId: 'cum-1', name: 'Cụm 1' }],
};
export const campaignYear: CampaignYear = {
  campaignId: 'c1',
  year: 2026,
  criteria: [{ criterionId: 'k', kind: 'boolean', title: 'Kế hoạch', maxPoints: 5, levels: ['commune'] }],
  calendar: {
    submissionOpensAt: '2025-12-31T17:00:00.000Z',
    submissionClosesAt: '2026-11-30T16:59:59.000Z',
    reviewClosesAt: '2026-12-20T16:59:59.000Z',
    yearEndRunAt: '2026-12-28T01:00:00.000Z',
  },
  awards: { flagPerGroup: 1, meritShare: 0.2 },
};

let clockSeconds = 0;
export function version(
  unitId: string,
  slotId: string,
  v: number,
  extra: Partial<Submission> = {},
  year = 2026,
  campaignId = 'c1',
): Submission {
  const slot = { campaignId, year, unitId, slotId };
  clockSeconds++;
  return {
    ...slot,
    submissionId: encodeSubmissionId({ ...slot, version: v }),
    criterionId: slotId.split('~')[0]!,
    value: { kind: 'ratio', numerator: v, denominator: 10 },
    evidence: [{ title: 'Báo cáo' }],
    status: 'submitted',
    version: v,
    submittedAt: new Date(Date.UTC(2026, 10, 1, 0, 0, clockSeconds)).toISOString(),
    submittedBy: `u-${unitId}`,
    review: null,
    audit: [entry('submitted')],
    unitName: `Xã ${unitId}`,
    unitLevel: 'commune',
    unitCluster: 'cum-1',
    ...extra,
  };
}
export const review = (decision: Review['decision'], extra: Partial<Review> = {}): Review => ({
  decision,
  comment: decision === 'approved' ? null : 'Bổ sung minh chứng',
  correctedValue: null,
  points: null,
  decidedBy: 'reviewer-1',
  decidedAt: '2026-12-01T03:00:00.000Z',
  ...extra,
});

/** Every item of a listing, page by page, each page within its limit. */
export async function listAll(s: Stores, query: Omit<SubmissionQuery, 'nextToken'>): Promise<Submission[]> {
  const seen: Submission[] = [];
  let nextToken: string | undefined;
  do {
    const page = await s.submissions.list({ ...query, nextToken });
    expect(page.items.length).toBeLessThanOrEqual(query.limit);
    seen.push(...page.items);
    nextToken = page.nextToken ?? undefined;
  } while (nextToken);
  return seen;
}

/** Every page of a listing: each within its limit and its byte budget (or a single item), none empty but the last. */
export async function allPages<T>(limit: number, read: (nextToken?: string) => Promise<Page<T>>): Promise<T[][]> {
  const pages: T[][] = [];
  let nextToken: string | undefined;
  do {
    const page = await read(nextToken);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    if (page.items.length > 1) expect(Buffer.byteLength(JSON.stringify(page.items))).toBeLessThanOrEqual(PAGE_BYTES);
    pages.push(page.items);
    nextToken = page.nextToken ?? undefined;
  } while (nextToken);
  return pages;
}
/** A long Vietnamese note: about `kb` KB in UTF-8, as an admin's change with a long text could carry. */
export const longText = (kb: number) =>
  'Điều chỉnh chỉ tiêu theo ý kiến của Ban Thi đua. '.repeat(Math.ceil((kb * 1000) / 52));
