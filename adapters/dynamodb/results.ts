/**
 * Year-end runs and their results on DynamoDB. Each run writes its results under its own id — the ranking in chunks
 * of the ranked order, the units' pages in chunks by a hash of the unit, a META item — and one conditional write of
 * the CURRENT item makes them the year's: readers follow CURRENT to one run's items, never a mix, and a run that lost
 * its lease, or ran into a finalized year, changes nothing. Runs not current are removed once readers are done.
 */
import { promisify } from 'node:util';
import { gunzipSync, gzip } from 'node:zlib';
import { GetCommand, PutCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { RankingEntry } from '../../shared/domain/ranking.js';
import type { LevelSummary } from '../../shared/domain/report.js';
import type { UnitPage } from '../../shared/domain/year-results.js';
import type { AggregationRun, PublishRefusal, ResultStore, YearResults } from '../../shared/ports/index.js';
import { batchWriteAll, type Item, queryAll, strip } from './base.js';
import { applied } from './client.js';
import type { DocumentSender } from './documents.js';
import { keys } from './table.js';

/**
 * Rankings are stored in fixed-size chunks of the ranked order, and units' pages in chunks by a hash of the unit: both
 * as gzipped JSON (one binary attribute: nothing for the store or the SDK to marshal entry by entry, a tenth of the
 * bytes to write; 10,000 rankings as maps cost a run ~0.8 s of marshalling, 12/2026), compressed at level 1 on libuv's
 * threads, side by side. Runs written before compression keep their lists; readers take either.
 */
const RANKING_CHUNK = 400;
/** About a megabyte of pages' JSON per chunk, so the public page of one unit reads one small item. */
const PAGE_CHUNK_JSON_TARGET = 1_000_000;
/** Well under DynamoDB's 400 KB item, with room for the keys. */
const PAGE_CHUNK_MAX = 350_000;
const gzipAsync = promisify(gzip);
const GZIP = { level: 1 };

const pad = (i: number) => String(i).padStart(5, '0');
const runPrefix = (runId: string) => `R#${runId}#`;
const fnv = (text: string) => {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
};
const pageChunkOf = (unitId: string, chunks: number) => fnv(unitId) % chunks;
const [OPEN, COMMA, CLOSE] = ['[', ',', ']'].map((c) => Buffer.from(c)) as [Buffer, Buffer, Buffer];
/** A JSON list of values already written as JSON bytes. */
const jsonList = (items: Buffer[]) => Buffer.concat([OPEN, ...items.flatMap((b, i) => (i ? [COMMA, b] : [b])), CLOSE]);

/**
 * Pages by chunk, compressed: as few chunks as keep each under the item limit, a unit's chunk found from its id alone.
 * The chunks compress on libuv's threads, side by side.
 */
async function chunkPages(pages: UnitPage[]): Promise<Uint8Array[]> {
  // Each page's JSON as bytes at once: 10,000 pages' strings held until the chunks were joined were ~50 MB the
  // collector copied between generations; bytes live outside V8's heap.
  const texts = pages.map((p) => Buffer.from(JSON.stringify(p)));
  const total = texts.reduce((a, t) => a + t.length, 0);
  for (let n = Math.max(1, Math.ceil(total / PAGE_CHUNK_JSON_TARGET)); ; n *= 2) {
    const chunks: Buffer[][] = Array.from({ length: n }, () => []);
    for (const [i, p] of pages.entries()) chunks[pageChunkOf(p.unit.unitId, n)]!.push(texts[i]!);
    const packed = await Promise.all(chunks.map((c) => gzipAsync(jsonList(c), GZIP)));
    if (packed.every((b) => b.length <= PAGE_CHUNK_MAX) || n >= pages.length) return packed;
  }
}

/** A chunk's list: gzipped JSON, or (runs written before compression) the list itself. */
function listOf<T>(item: Item | undefined, gzipped: string, plain: string): T[] {
  const packed = item?.[gzipped];
  if (packed instanceof Uint8Array) return JSON.parse(gunzipSync(packed).toString('utf8'));
  return (item?.[plain] as T[] | undefined) ?? [];
}

export class DynamoResultStore implements ResultStore {
  constructor(
    private readonly db: DocumentSender,
    private readonly table: string,
    /** Whether the store has TransactWriteItems (AWS, DynamoDB Local; dynalite has not). */
    private readonly transactions = true,
  ) {}

  async putRun(run: AggregationRun) {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { ...keys.run(run), ...run } }));
  }
  async startRun(run: AggregationRun, now: Date) {
    return applied(() =>
      this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.run(run), ...run },
          // Queued; or failed, and tried again (Lambda retries a failed job); or running past its lease (it died).
          ConditionExpression: '#status = :queued OR #status = :failed OR (#status = :running AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':queued': 'queued',
            ':failed': 'failed',
            ':running': 'running',
            ':now': now.toISOString(),
          },
        }),
      ),
    );
  }
  async getRun(campaignId: string, year: number, runId: string) {
    const out = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.run({ campaignId, year, runId }), ConsistentRead: true }),
    );
    return strip<AggregationRun>(out.Item);
  }
  async listRuns(campaignId: string, year: number) {
    const { items } = await queryAll(this.db, {
      TableName: this.table,
      ConsistentRead: true,
      KeyConditionExpression: 'PK = :p',
      ExpressionAttributeValues: { ':p': keys.runs(campaignId, year) },
    });
    return items
      .map((i) => strip<AggregationRun>(i)!)
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.runId.localeCompare(a.runId));
  }

  async writeResults(campaignId: string, year: number, runId: string, results: YearResults) {
    const PK = keys.rankings(campaignId, year);
    const prefix = runPrefix(runId);
    const [rankingChunks, pageChunks] = await Promise.all([
      Promise.all(
        Array.from({ length: Math.ceil(results.rankings.length / RANKING_CHUNK) }, (_, i) =>
          gzipAsync(JSON.stringify(results.rankings.slice(i * RANKING_CHUNK, (i + 1) * RANKING_CHUNK)), GZIP),
        ),
      ),
      chunkPages(results.pages),
    ]);
    const items: Item[] = [
      ...rankingChunks.map((entriesGzip, i) => ({ PK, SK: `${prefix}C#${pad(i)}`, entriesGzip })),
      ...pageChunks.map((pagesGzip, i) => ({ PK, SK: `${prefix}P#${pad(i)}`, pagesGzip })),
      {
        PK,
        SK: `${prefix}META`,
        kind: 'run-results',
        runId,
        chunks: rankingChunks.length,
        pageChunks: pageChunks.length,
        count: results.rankings.length,
        summary: results.summary,
        digest: results.digest,
      },
    ];
    await batchWriteAll(
      this.db,
      this.table,
      items.map((Item) => ({ PutRequest: { Item } })),
    );
    return items.length;
  }

  async publishResults(run: AggregationRun, now: Date): Promise<PublishRefusal | null> {
    if (run.status !== 'running' || !run.leaseUntil || Date.parse(run.leaseUntil) <= now.getTime()) return 'lease-lost';
    const PK = keys.rankings(run.campaignId, run.year);
    const meta = await this.db.send(
      new GetCommand({ TableName: this.table, Key: { PK, SK: `${runPrefix(run.runId)}META` }, ConsistentRead: true }),
    );
    if (!meta.Item) return 'lease-lost';
    const runHeld = {
      TableName: this.table,
      Key: keys.run(run),
      ConditionExpression: '#status = :running AND leaseUntil = :lease',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':running': 'running', ':lease': run.leaseUntil },
    };
    // A final year takes only the run its finalization started.
    const yearOpen = {
      TableName: this.table,
      Key: keys.finalization(run.campaignId, run.year),
      ConditionExpression: `attribute_not_exists(PK) OR #state <> :final${run.finalizing ? ' OR pendingRunId = :run' : ''}`,
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':final': 'final', ...(run.finalizing ? { ':run': run.runId } : {}) },
    };
    const current = {
      TableName: this.table,
      Item: {
        PK,
        SK: 'CURRENT',
        runId: run.runId,
        startedAt: run.startedAt,
        chunks: meta.Item.chunks,
        pageChunks: meta.Item.pageChunks,
      },
      // A run started earlier never replaces the results of one started later.
      ConditionExpression: 'attribute_not_exists(PK) OR startedAt <= :started',
      ExpressionAttributeValues: { ':started': run.startedAt },
    };
    if (this.transactions) {
      const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
        { ConditionCheck: runHeld },
        { ConditionCheck: yearOpen },
        { Put: current },
      ];
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems: items }));
        return null;
      } catch (e) {
        const reasons = (e as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons;
        if (!reasons) throw e;
        const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
        return failed === 0 ? 'lease-lost' : failed === 1 ? 'finalized' : 'superseded';
      }
    }
    // Without transactions (dynalite): each condition read consistently, then the conditional put.
    const held = await this.db.send(new GetCommand({ TableName: this.table, Key: runHeld.Key, ConsistentRead: true }));
    if (held.Item?.status !== 'running' || held.Item.leaseUntil !== run.leaseUntil) return 'lease-lost';
    const final = await this.db.send(
      new GetCommand({ TableName: this.table, Key: yearOpen.Key, ConsistentRead: true }),
    );
    if (final.Item?.state === 'final' && !(run.finalizing && final.Item.pendingRunId === run.runId)) return 'finalized';
    return (await applied(() => this.db.send(new PutCommand(current)))) ? null : 'superseded';
  }

  private async current(campaignId: string, year: number) {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: { PK: keys.rankings(campaignId, year), SK: 'CURRENT' },
        ConsistentRead: true,
      }),
    );
    return out.Item as { runId: string; chunks: number; pageChunks: number } | undefined;
  }

  async readResults(campaignId: string, year: number) {
    const current = await this.current(campaignId, year);
    if (!current) return null;
    const PK = keys.rankings(campaignId, year);
    const prefix = runPrefix(current.runId);
    const [meta, { items }] = await Promise.all([
      this.db.send(new GetCommand({ TableName: this.table, Key: { PK, SK: `${prefix}META` }, ConsistentRead: true })),
      queryAll(this.db, {
        TableName: this.table,
        ConsistentRead: true,
        KeyConditionExpression: 'PK = :p AND begins_with(SK, :c)',
        ExpressionAttributeValues: { ':p': PK, ':c': `${prefix}C#` },
      }),
    ]);
    if (!meta.Item) return null;
    return {
      runId: current.runId,
      rankings: items.flatMap((i) => listOf<RankingEntry>(i, 'entriesGzip', 'entries')),
      summary: meta.Item.summary as LevelSummary[],
      digest: meta.Item.digest as string,
    };
  }

  async readUnitPage(campaignId: string, year: number, unitId: string) {
    const current = await this.current(campaignId, year);
    if (!current) return null;
    const out = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: {
          PK: keys.rankings(campaignId, year),
          SK: `${runPrefix(current.runId)}P#${pad(pageChunkOf(unitId, current.pageChunks))}`,
        },
        ConsistentRead: true,
      }),
    );
    return listOf<UnitPage>(out.Item, 'pagesGzip', 'pages').find((p) => p.unit.unitId === unitId) ?? null;
  }

  async pruneResults(campaignId: string, year: number, before: Date) {
    const PK = keys.rankings(campaignId, year);
    const [current, runs] = await Promise.all([this.current(campaignId, year), this.listRuns(campaignId, year)]);
    const stale = runs.filter(
      (r) =>
        r.runId !== current?.runId &&
        r.status !== 'queued' &&
        r.status !== 'running' &&
        Date.parse(r.finishedAt ?? r.startedAt) < before.getTime(),
    );
    let removed = 0;
    for (const r of stale) {
      const { items } = await queryAll(this.db, {
        TableName: this.table,
        KeyConditionExpression: 'PK = :p AND begins_with(SK, :r)',
        ExpressionAttributeValues: { ':p': PK, ':r': runPrefix(r.runId) },
        ProjectionExpression: 'PK, SK',
      });
      await batchWriteAll(
        this.db,
        this.table,
        items.map((i) => ({ DeleteRequest: { Key: { PK: i.PK, SK: i.SK } } })),
      );
      removed += items.length;
    }
    return removed;
  }
}
