/**
 * `npm run bench:aggregate -- --units 10000`: a fresh on-disk local store with that many units and 15 approved
 * criteria each (each figure citing one evidence file), then one year-end aggregation; prints wall time, items
 * read and written, and the scorecard bundle the run wrote: its size and how long `npm run verify` takes on it.
 * It runs with the young generation Lambda's Node.js runtime gives the year-end function (infra/functions.ts).
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { fixedClock, makeDeps } from '../adapters/deps.js';
import { batchWriteAll } from '../adapters/dynamodb/base.js';
import { documentClient } from '../adapters/dynamodb/client.js';
import { submissionItem } from '../adapters/dynamodb/submissions.js';
import { keys } from '../adapters/dynamodb/table.js';
import { LocalBlobStore } from '../adapters/local-blobs.js';
import { lambdaSemiSpaceMb } from '../infra/functions.js';
import { demoCampaign, stableFraction } from '../local/seed/index.js';
import { ensureTable, startEmbeddedStore } from '../local/store.js';
import { calendarForYear } from '../shared/domain/calendar.js';
import { fileIdOf, sha256Hex } from '../shared/domain/evidence-files.js';
import { withUnitDefaults } from '../shared/domain/lineage.js';
import { encodeSubmissionId } from '../shared/domain/submission-id.js';
import type { Campaign, Criterion, Level, Submission, Unit } from '../shared/domain/types.js';
import type { Job } from '../shared/ports/index.js';
import { requestAggregation, runAggregation } from '../shared/services/runs.js';
import { verifyScorecardBundle } from '../shared/services/scorecard.js';
import { checkedSignature } from '../test/fixtures/signature.js';

const yearEndOptions = `--max-semi-space-size=${lambdaSemiSpaceMb('aggregation')}`;
if (!(process.env.NODE_OPTIONS ?? '').includes(yearEndOptions)) {
  const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${yearEndOptions}`.trim() };
  const again = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env });
  process.exit(again.status ?? 1);
}

const { values } = parseArgs({
  options: {
    units: { type: 'string', default: '10000' },
    criteria: { type: 'string', default: '15' },
    /** The share of evidence files that are signed PDFs (their signatures are read by the run). */
    signed: { type: 'string', default: '0.2' },
  },
});
const unitCount = Number(values.units);
const criteriaCount = Number(values.criteria);
const signedShare = Number(values.signed);
const YEAR = 2026;
const TABLE = 'bench';
const levels: Level[] = ['department', 'district', 'commune', 'enterprise'];

const dir = mkdtempSync(join(tmpdir(), 'thi-dua-bench-'));
const store = await startEmbeddedStore(dir);
await ensureTable(store.endpoint, TABLE);
const db = documentClient(store.endpoint);
const clock = fixedClock('2026-12-28T01:00:00Z');
const blobs = new LocalBlobStore(join(dir, 'blobs'), () => 'http://localhost', clock);
// The embedded store (dynalite) has no transactions.
const deps = { ...makeDeps({ db, table: TABLE, clock, defaultCampaignId: 'bench', transactions: false }), blobs };

const campaign: Campaign = { ...demoCampaign, campaignId: 'bench', name: 'Benchmark', clusters: [] };
const criteria: Criterion[] = Array.from({ length: criteriaCount }, (_, i) =>
  i % 3 === 2
    ? { criterionId: `c${i}`, kind: 'boolean', title: `Tiêu chí ${i}`, maxPoints: 5, levels }
    : {
        criterionId: `c${i}`,
        kind: 'ratio',
        title: `Tiêu chí ${i}`,
        maxPoints: 10,
        levels,
        targets: { department: 0.9, district: 0.9, commune: 0.7, enterprise: 0.5 },
      },
);
const units: Unit[] = Array.from({ length: unitCount }, (_, i) =>
  withUnitDefaults({
    unitId: `u${String(i).padStart(6, '0')}`,
    name: `Đơn vị ${i}`,
    level: levels[i % 4]!,
    parentId: null,
    cluster: `cum-${i % 50}`,
  }),
);

/** The bench's items as the store takes a bulk load: eight batches in flight. */
const batchWrite = (items: Record<string, unknown>[]) =>
  batchWriteAll(
    db,
    TABLE,
    items.map((Item) => ({ PutRequest: { Item } })),
    8,
  );

const loadStart = performance.now();
await deps.catalogue.saveCampaign(
  campaign,
  { at: new Date().toISOString(), actor: 'bench', role: 'admin', action: 'campaign-created' },
  0,
);
await batchWrite([
  {
    ...keys.campaignYear('bench', YEAR),
    campaignId: 'bench',
    year: YEAR,
    criteria,
    calendar: calendarForYear(campaign.calendarTemplate, YEAR, campaign.timeZone),
    awards: campaign.awards,
    revision: 1,
  },
]);
await batchWrite(units.map((u) => ({ ...keys.unit(u.unitId), GSI2PK: 'UNITS', GSI2SK: u.unitId, ...u, revision: 1 })));
const submissions: Record<string, unknown>[] = [];
/** The records of the signed files: what the files function keeps after reading a PDF's signatures. */
const signedFiles: Record<string, unknown>[] = [];
for (const u of units) {
  for (const c of criteria) {
    const r = stableFraction(`${u.unitId}:${c.criterionId}`);
    const sha256 = sha256Hex(strToU8(c.criterionId + u.unitId));
    const signed = stableFraction(sha256) < signedShare;
    if (signed) {
      const fileId = fileIdOf(u.unitId, sha256);
      signedFiles.push({
        ...keys.evidenceFile(fileId),
        fileId,
        unitId: u.unitId,
        sha256,
        signatures: [checkedSignature],
      });
    }
    const slot = { campaignId: 'bench', year: YEAR, unitId: u.unitId, slotId: c.criterionId };
    const s: Submission = {
      ...slot,
      submissionId: encodeSubmissionId({ ...slot, version: 1 }),
      criterionId: c.criterionId,
      value:
        c.kind === 'ratio'
          ? { kind: 'ratio', numerator: Math.round(1000 * (0.6 + 0.4 * r)), denominator: 1000 }
          : { kind: 'boolean', achieved: r < 0.8 },
      evidence: [
        {
          title: 'Báo cáo',
          fileId: 'f-0123456789abcdef0123456789abcdef',
          sha256,
        },
      ],
      ...(signed ? { signedEvidence: [sha256] } : {}),
      status: 'approved',
      version: 1,
      submittedAt: '2026-11-20T03:00:00.000Z',
      submittedBy: u.unitId,
      review: {
        decision: 'approved',
        comment: null,
        correctedValue: null,
        points: null,
        decidedBy: 'bench',
        decidedAt: '2026-12-01T00:00:00.000Z',
      },
      audit: [],
      unitName: u.name,
      unitLevel: u.level,
      unitCluster: u.cluster,
    };
    submissions.push(submissionItem(s));
  }
}
await batchWrite([...submissions, ...signedFiles]);
const loadSeconds = (performance.now() - loadStart) / 1000;

const request = (runId: string) => ({
  campaignId: 'bench',
  year: YEAR,
  trigger: 'bench' as const,
  startedBy: 'bench',
  runId,
});
const rssBefore = process.memoryUsage().rss;
const start = performance.now();
const run = await runAggregation(deps, request('bench-1'));
const seconds = (performance.now() - start) / 1000;
// The same run again, warm, with and without a blob store: what building and storing the scorecard bundle costs.
const { blobs: _blobs, ...withoutBundle } = deps;
const againStart = performance.now();
const again = await runAggregation(withoutBundle, request('bench-2'));
const againSeconds = (performance.now() - againStart) / 1000;
const warmStart = performance.now();
await runAggregation(deps, request('bench-3'));
const warmSeconds = (performance.now() - warmStart) / 1000;
// The machine's floor beside the run: the store reading the year's figures and nothing else (this machine's speed
// moves by a quarter within an hour; the run cannot be faster than this read).
const readStart = performance.now();
await deps.submissions.currentFigures('bench', YEAR);
const readSeconds = (performance.now() - readStart) / 1000;

const budget = 1.2 * unitCount * criteriaCount;
console.log(
  `units: ${unitCount}, criteria per unit: ${criteriaCount}, approved figures: ${submissions.length} (loaded in ${loadSeconds.toFixed(1)} s); Node ${process.version} ${process.env.NODE_OPTIONS}`,
);
console.log(
  `aggregation wall time: ${seconds.toFixed(2)} s (first run, with the scorecard bundle; goal < 10 s); ` +
    `again: ${warmSeconds.toFixed(2)} s with the bundle, ${againSeconds.toFixed(2)} s without`,
);
console.log(`the store reading the year's figures alone, same sitting: ${readSeconds.toFixed(2)} s`);
console.log(
  `items read: ${run.counts!.itemsRead} (budget 1.2 × units × criteria = ${budget}; ratio ${(run.counts!.itemsRead / (unitCount * criteriaCount)).toFixed(3)})`,
);
console.log(`items written: ${run.counts!.itemsWritten} (ranking chunks + summary)`);
const bundle = await blobs.read(run.bundle!.key);
console.log(
  `signed evidence files: ${signedFiles.length} (${(signedShare * 100).toFixed(0)}%); their signatures in the bundle: ${
    Object.keys(
      JSON.parse(
        strFromU8(
          unzipSync(bundle!, { filter: (f) => f.name === 'evidence-signatures.json' })['evidence-signatures.json']!,
        ),
      ),
    ).length
  }`,
);
console.log(`second run identical: ${again.counts!.rankingDigest === run.counts!.rankingDigest}`);
const verifyStart = performance.now();
const verified = verifyScorecardBundle(bundle!);
const verifySeconds = (performance.now() - verifyStart) / 1000;
console.log(
  `scorecard bundle: ${(bundle!.length / 1024 / 1024).toFixed(1)} MiB ZIP (${unitCount} unit pages); verify: ${verifySeconds.toFixed(2)} s, ${verified.ok ? 'all scores and ranks match' : `${verified.problems.length} problems`}`,
);
// The admin's request: recorded and handed to the job runner, answered before the run (202 and a status URL).
const queued: Job[] = [];
const answerStart = performance.now();
await requestAggregation({ ...deps, jobs: { start: async (job) => void queued.push(job) } }, request('bench-4'));
console.log(
  `admin's request answered in ${(performance.now() - answerStart).toFixed(0)} ms (the run queued as job ${JSON.stringify(queued[0])}; goal < 1 s)`,
);
console.log(`rss growth during the run: ${((process.memoryUsage().rss - rssBefore) / 1024 / 1024).toFixed(0)} MiB`);
await store.close();
rmSync(dir, { recursive: true, force: true });
