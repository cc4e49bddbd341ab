/** Year-end runs and their results on DynamoDB. */
import { BatchWriteCommand, DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../../shared/domain/errors.js';
import type { RankingEntry } from '../../shared/domain/ranking.js';
import type { LevelSummary } from '../../shared/domain/report.js';
import type { AggregationRun, ResultStore, YearResults } from '../../shared/ports.js';
import { type Item, queryAll, strip } from './base.js';
import type { DocumentSender } from './documents.js';
import { keys } from './table.js';

/** Rankings are stored in fixed-size chunks of the ranked order; a META item says how many chunks the latest run wrote. */
const RANKING_CHUNK = 400;

export class DynamoResultStore implements ResultStore {
  constructor(
    private readonly db: DocumentSender,
    private readonly table: string,
  ) {}

  async putRun(run: AggregationRun) {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { PK: keys.runs(run.campaignId, run.year), SK: `RUN#${run.startedAt}#${run.runId}`, ...run },
      }),
    );
  }
  async listRuns(campaignId: string, year: number) {
    const { items } = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'PK = :p',
      ScanIndexForward: false,
      ExpressionAttributeValues: { ':p': keys.runs(campaignId, year) },
    });
    return items.map((i) => strip<AggregationRun>(i)!);
  }
  async writeResults(campaignId: string, year: number, results: YearResults) {
    const entries = results.rankings;
    const PK = keys.rankings(campaignId, year);
    const chunks = Math.ceil(entries.length / RANKING_CHUNK);
    const previous = await this.db.send(
      new GetCommand({ TableName: this.table, Key: { PK, SK: 'META' }, ConsistentRead: true }),
    );
    const puts = Array.from({ length: chunks }, (_, i) => ({
      PK,
      SK: `CHUNK#${String(i).padStart(5, '0')}`,
      entries: entries.slice(i * RANKING_CHUNK, (i + 1) * RANKING_CHUNK),
    }));
    for (let i = 0; i < puts.length; i += 25) await this.batchPut(puts.slice(i, i + 25));
    // META last: readers never see a chunk count whose chunks are not all written.
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { PK, SK: 'META', chunks, count: entries.length, summary: results.summary, digest: results.digest },
      }),
    );
    const stale = (previous.Item?.chunks as number | undefined) ?? 0;
    for (let i = chunks; i < stale; i++)
      await this.db.send(
        new DeleteCommand({ TableName: this.table, Key: { PK, SK: `CHUNK#${String(i).padStart(5, '0')}` } }),
      );
    return chunks + 1;
  }
  async readResults(campaignId: string, year: number): Promise<YearResults | null> {
    const { items } = await queryAll(this.db, {
      TableName: this.table,
      ConsistentRead: true,
      KeyConditionExpression: 'PK = :p',
      ExpressionAttributeValues: { ':p': keys.rankings(campaignId, year) },
    });
    const meta = items.find((i) => i.SK === 'META');
    if (!meta) return null;
    const rankings = items
      .filter((i) => i.SK !== 'META' && Number(String(i.SK).slice(6)) < (meta.chunks as number))
      .flatMap((i) => i.entries as RankingEntry[]);
    return { rankings, summary: meta.summary as LevelSummary[], digest: meta.digest as string };
  }
  private async batchPut(items: Item[]) {
    let requests: Item[] | undefined = items.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests?.length; attempt++) {
      if (attempt > 8) throw new DomainError('THROTTLED', 'Hệ thống lưu trữ đang quá tải, vui lòng thử lại sau');
      if (attempt) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      const out = await this.db.send(new BatchWriteCommand({ RequestItems: { [this.table]: requests as never } }));
      requests = out.UnprocessedItems?.[this.table] as Item[] | undefined;
    }
  }
}
