/**
 * No item grows with its history, and no answer with the data: hundreds of admin changes to one unit and one
 * campaign year, and hundreds of reports to one slot, then every history read back over HTTP page by page.
 * The largest item and the largest answer are written to test-artifacts/history-sizes.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../adapters/dynamodb/client.js';
import { TABLE_NAME } from '../../local/server.js';
import { evidence, type Harness, ratioBody, startHarness } from './harness.js';

let h: Harness;
let admin: string;
let unit: string;
const largestAnswer = { bytes: 0, path: '' };
beforeAll(async () => {
  h = await startHarness();
  admin = await h.token('admin', undefined, 'quantri-1');
  unit = await h.token('unit', 'so-khcn-2025');
});
afterAll(async () => {
  await h?.close();
});

/** Enough changes that a history kept inside its item would pass 400 KB (each year change carries 15 KB of titles). */
const CHANGES = 150;
/** A long, legitimate text: the criteria's titles and the evidence titles may each hold 500 characters. */
const long = (n: number, prefix: string) =>
  `${prefix} ${'Chuyển đổi số trong cơ quan nhà nước. '.repeat(20)}`.slice(0, n);

/** Reads a history to its end, page by page; returns every entry. */
async function readAll(path: string, token: string) {
  const items: Array<{ action: string; version?: number }> = [];
  let nextToken: string | null = null;
  let pages = 0;
  do {
    const r = await h.call(
      'GET',
      `${path}?limit=100${nextToken ? `&nextToken=${encodeURIComponent(nextToken)}` : ''}`,
      {
        token,
      },
    );
    expect(r.status, JSON.stringify(r.body).slice(0, 200)).toBe(200);
    if (r.bytes.length > largestAnswer.bytes) Object.assign(largestAnswer, { bytes: r.bytes.length, path });
    items.push(...r.body.items);
    nextToken = r.body.nextToken;
    pages++;
  } while (nextToken);
  return { items, pages };
}

describe('histories of hundreds of changes', () => {
  it('keeps every change of a unit, a campaign year and a report slot, and reads them back page by page', async () => {
    // Prepare, the three side by side (they touch different items): a unit changed CHANGES times with long names, …
    const unitChanges = async () => {
      for (let n = 0; n < CHANGES; n++) {
        const r = await h.call('PUT', '/v1/units/xa-thu-nghiem', {
          token: admin,
          body: { name: long(200, `Xã thử nghiệm ${n}`), level: 'commune', cluster: 'cum-phuong' },
        });
        expect(r.status).toBe(200);
      }
    };
    // … a year without reports whose criteria set (with long titles) is changed CHANGES times, …
    const criteria = Array.from({ length: 30 }, (_, i) => ({
      criterionId: `tieu-chi-${i}`,
      kind: 'boolean',
      title: long(500, `Tiêu chí ${i}`),
      maxPoints: 5,
      levels: ['commune'],
    }));
    const yearChanges = async () => {
      for (let n = 0; n < CHANGES; n++) {
        const r = await h.call('PUT', '/v1/campaigns/hp-175/years/2027', {
          token: admin,
          body: { criteria: criteria.map((c, i) => (i === n % 30 ? { ...c, maxPoints: 1 + (n % 9) } : c)) },
        });
        expect(r.status, JSON.stringify(r.body).slice(0, 200)).toBe(200);
      }
    };
    // … and one report slot reported CHANGES times, each with the most evidence a report may have.
    const manyEvidence = Array.from({ length: 20 }, (_, i) => ({
      ...evidence[0]!,
      title: long(500, `Minh chứng ${i}`),
    }));
    let last = '';
    // The slot may hold the seed's report already: this test's versions are counted from its first.
    let first = 0;
    const reports = async () => {
      for (let n = 0; n < CHANGES; n++) {
        const r = await h.call('POST', '/v1/submissions', {
          token: unit,
          body: { ...ratioBody('so-khcn-2025', n, 1000), evidence: manyEvidence },
        });
        expect(r.status).toBe(201);
        first ||= r.body.version;
        last = r.body.submissionId;
      }
    };
    await Promise.all([unitChanges(), yearChanges(), reports()]);

    // Act and assess: each history, read page by page, has every change once and in order.
    const unitHistory = await readAll('/v1/units/xa-thu-nghiem/history', admin);
    expect(unitHistory.items.map((e) => e.action)).toEqual([
      'unit-created',
      ...Array<string>(CHANGES - 1).fill('unit-updated'),
    ]);
    const yearHistory = await readAll('/v1/campaigns/hp-175/years/2027/history', unit);
    expect(yearHistory.items).toHaveLength(CHANGES);
    expect(yearHistory.pages).toBeGreaterThan(Math.ceil(CHANGES / 100)); // cut by bytes, not only by count
    const slotHistory = await readAll(`/v1/submissions/${last}/history`, unit);
    const ours = slotHistory.items.filter((e) => (e.version ?? 0) >= first);
    const submitted = ours.filter((e) => e.action === 'submitted').map((e) => e.version);
    expect(submitted).toEqual(Array.from({ length: CHANGES }, (_, i) => first + i));
    expect(ours.filter((e) => e.action === 'superseded')).toHaveLength(CHANGES - 1);

    // Every item of the table is within DynamoDB's 400 KB (UTF-8, as AWS counts), every answer far below 6 MB.
    const db = documentClient(h.server.storeEndpoint);
    const largestItem = { bytes: 0, key: '' };
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const out = await db.send(new ScanCommand({ TableName: TABLE_NAME, ExclusiveStartKey }));
      for (const item of out.Items ?? []) {
        const bytes = Buffer.byteLength(JSON.stringify(item));
        if (bytes > largestItem.bytes) Object.assign(largestItem, { bytes, key: `${item.PK} ${item.SK}` });
      }
      ExclusiveStartKey = out.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    expect(largestItem.bytes).toBeLessThan(400_000);
    expect(largestAnswer.bytes).toBeLessThan(1_200_000);
    mkdirSync('test-artifacts', { recursive: true });
    writeFileSync(
      `test-artifacts/history-sizes-${process.env.LOCAL_STORE ?? 'dynalite'}.json`,
      JSON.stringify({ changes: CHANGES, largestItem, largestAnswer }, null, 2),
    );
  }, 240_000);
});
