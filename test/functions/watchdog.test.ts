/**
 * The hourly watchdog: a year-end run due an hour ago without a successful run since is overdue, and is counted in
 * the metric an alarm watches; a run that happened clears it. On the in-memory stores with the seeded catalogue.
 */
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../../adapters/deps.js';
import { memoryStores } from '../../adapters/memory/stores.js';
import { createAggregationHandler } from '../../functions/aggregation/handler.js';
import type { ApiEvent } from '../../functions/http.js';
import { logger } from '../../functions/log.js';
import { createReviewsHandler } from '../../functions/reviews/handler.js';
import { createSubmissionsHandler } from '../../functions/submissions/handler.js';
import { seedCatalogue } from '../../local/seed/index.js';
import { WATCHDOG_EVENT } from '../../shared/domain/schemas.js';
import type { Deps } from '../../shared/ports/index.js';
import { runAggregation } from '../../shared/services/runs.js';
import { overdueYearEndRuns } from '../../shared/services/scores.js';

const context = {} as Context;
afterEach(() => vi.restoreAllMocks());

/** The embedded-format documents Powertools Metrics writes to standard output while a test runs. */
function publishedMetrics(): Array<Record<string, unknown>> {
  const documents: Array<Record<string, unknown>> = [];
  const write = process.stdout.write.bind(process.stdout) as (chunk: string | Uint8Array) => boolean;
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    const text = String(chunk);
    if (!text.includes('"_aws"')) return write(chunk);
    for (const line of text.split('\n').filter(Boolean)) documents.push(JSON.parse(line));
    return true;
  });
  return documents;
}

async function seeded(now: string): Promise<Deps> {
  const deps: Deps = { ...memoryStores(), clock: fixedClock('2026-11-20T03:00:00Z'), defaultCampaignId: 'hp-175' };
  await seedCatalogue(deps);
  return { ...deps, clock: fixedClock(now) };
}

describe('year-end watchdog', () => {
  it('counts a run overdue an hour after its time (09/12/2026 07:00 in Hải Phòng) until one succeeds', async () => {
    expect(await overdueYearEndRuns(await seeded('2026-12-09T00:30:00Z'))).toEqual([]);
    const late = await seeded('2026-12-09T01:30:00Z');
    expect(await overdueYearEndRuns(late)).toEqual([
      { campaignId: 'hp-175', year: 2026, dueAt: '2026-12-09T00:00:00.000Z' },
    ]);
    await runAggregation(late, { year: 2026, trigger: 'admin', startedBy: 'quantri-1', runId: 'r-1' });
    expect(await overdueYearEndRuns(late)).toEqual([]);
    // A month later a missed year is no longer reported.
    expect(await overdueYearEndRuns(await seeded('2027-02-01T00:00:00Z'))).toEqual([]);
  });

  it('writes the count as an embedded-format metric, and a failed run as one too', async () => {
    const lines = publishedMetrics();
    vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const handler = createAggregationHandler(await seeded('2026-12-09T01:30:00Z'));
    expect(await handler(WATCHDOG_EVENT, context)).toMatchObject({ overdue: [{ campaignId: 'hp-175', year: 2026 }] });
    expect(lines.at(-1)).toMatchObject({
      OverdueYearEndRuns: 1,
      _aws: {
        CloudWatchMetrics: [{ Namespace: 'ThiDua/local', Metrics: [{ Name: 'OverdueYearEndRuns', Unit: 'Count' }] }],
      },
    });
    await expect(
      handler({ source: 'year-end-schedule', campaignId: 'khong-co', trigger: 'schedule' }, context),
    ).rejects.toThrow();
    expect(lines.at(-1)).toMatchObject({ YearEndRunFailed: 1 });
  });
});

describe('activity metrics', () => {
  it('counts each stored report and each review decision', async () => {
    const lines = publishedMetrics();
    const deps = await seeded('2026-11-20T03:00:00Z');
    const call = (routeKey: string, claims: Record<string, string>, body: unknown, path = {}) =>
      ({
        routeKey,
        rawPath: '/',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        pathParameters: path,
        requestContext: { requestId: 'r', http: { method: 'POST', path: '/' }, authorizer: { lambda: claims } },
      }) as unknown as ApiEvent;
    const unit = { sub: 'canbo', 'cognito:groups': 'unit', 'custom:unitId': 'so-khcn-2025' };
    const stored = (await createSubmissionsHandler(deps)(
      call('POST /v1/submissions', unit, {
        unitId: 'so-khcn-2025',
        year: 2026,
        criterionId: 'ho-so-truc-tuyen',
        value: { numerator: 9, denominator: 10 },
        evidence: [{ title: 'Báo cáo' }],
      }),
      context,
    )) as { statusCode: number; body: string };
    expect(stored.statusCode).toBe(201);
    expect(lines.some((l) => l?.ReportsSubmitted === 1)).toBe(true);
    const { submissionId } = JSON.parse(stored.body);
    const decided = (await createReviewsHandler(deps)(
      call(
        'POST /v1/submissions/{submissionId}/decision',
        { sub: 'thamdinh', 'cognito:groups': 'reviewer' },
        { decision: 'approved', expectedVersion: 1 },
        { submissionId },
      ),
      context,
    )) as { statusCode: number };
    expect(decided.statusCode).toBe(200);
    expect(lines.some((l) => l?.ReviewDecisions === 1)).toBe(true);
  });
});
