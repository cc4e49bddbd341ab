/**
 * Last year's figure beside a report, as a cluster head cross-checking a member reads it: the same answer the Ban Thi
 * đua - Khen thưởng gets (the head's right to the report carries to last year's figure of its slot), never "no report"
 * where the board sees one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
let reviewer: string;
beforeAll(async () => {
  h = await startHarness();
  reviewer = await h.token('reviewer');
});
afterAll(() => h.close());

describe("last year's figure of a member's report", () => {
  it('reads for the cluster head as it reads for the board, figures included', async () => {
    // Members whose 2025 figures were approved, with their 2026 reports: where last year's line has a figure to show.
    const approved = await h.call('GET', '/v1/submissions?year=2025&status=approved&limit=100', { token: reviewer });
    const reported2025 = new Set((approved.body.items as Array<{ unitId: string }>).map((s) => s.unitId));
    const { clusters } = (await h.call('GET', '/v1/campaigns/hp-175/years/2026/clusters', { token: reviewer })).body;
    const pairs = (clusters as Array<{ head: string; members: string[] }>).flatMap((c) =>
      c.members.filter((m) => m !== c.head && reported2025.has(m)).map((member) => ({ head: c.head, member })),
    );
    let compared = 0;
    let withFigures = 0;
    for (const { head, member } of pairs.slice(0, 6)) {
      const token = await h.token('unit', head);
      const reports = await h.call('GET', `/v1/submissions?year=2026&unitId=${member}&limit=3`, { token: reviewer });
      for (const { submissionId } of reports.body.items as Array<{ submissionId: string }>) {
        const path = `/v1/submissions/${submissionId}/previous-year`;
        const [asHead, asBoard] = await Promise.all([
          h.call('GET', path, { token }),
          h.call('GET', path, { token: reviewer }),
        ]);
        expect(asHead.status, `${head} → ${member}`).toBe(200);
        expect(asHead.body).toEqual(asBoard.body);
        compared++;
        if (asBoard.body.own !== null) withFigures++;
      }
    }
    // Not vacuous: heads read last year's figures that exist.
    expect(compared).toBeGreaterThan(0);
    expect(withFigures).toBeGreaterThan(0);
  });
});
