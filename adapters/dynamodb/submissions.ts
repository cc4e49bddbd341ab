/**
 * Reports (figure submissions) on DynamoDB: every version an item of the unit-year's partition; the current one
 * also in the current-figure index (GSI1) the year-end run reads, and each in the review queue by status (GSI2).
 */
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { fileHashesOf } from '../../shared/domain/evidence-files.js';
import type { CurrentFigure } from '../../shared/domain/scoring.js';
import { decodeSubmissionId } from '../../shared/domain/submission-id.js';
import type { AuditEntry, Recommendation, Review, Submission } from '../../shared/domain/types.js';
import {
  type CountedFigure,
  OwnUnitDecision,
  PAGE_BYTES,
  type Page,
  type PageQuery,
  type SlotKey,
  type SubmissionQuery,
  type SubmissionStore,
  VersionTaken,
  YearLocked,
} from '../../shared/ports/index.js';
import { type Item, queryEach, queryPage, strip, TableStore } from './base.js';
import { applied } from './client.js';
import { keys } from './table.js';

/** The stored form of a submission version (exported for the benchmark's bulk loader). */
export const submissionItem = (s: Submission): Item => ({
  ...keys.submission(s),
  entity: 'submission',
  ...s,
  ...(s.status === 'superseded'
    ? {}
    : { GSI1PK: keys.current(s.campaignId, s.year, s.unitId), GSI1SK: `${s.unitId}#${s.slotId}` }),
  GSI2PK: keys.status(s.campaignId, s.year, s.status, s.unitId),
  GSI2SK: `${s.submittedAt}#${s.unitId}#${s.slotId}#${s.version}`,
  fileHashes: fileHashesOf(s),
});

export class DynamoSubmissionStore extends TableStore implements SubmissionStore {
  async get(submissionId: string) {
    const key = decodeSubmissionId(submissionId);
    if (!key) return null;
    const out = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.submission(key), ConsistentRead: true }),
    );
    return strip<Submission>(out.Item);
  }
  async slotVersions(k: SlotKey, page: PageQuery) {
    const pk = keys.unitYear(k.campaignId, k.year, k.unitId);
    const prefix = keys.slotPrefix(k.slotId);
    const found = await queryPage(
      this.db,
      this.tokens,
      {
        TableName: this.table,
        ConsistentRead: true,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
        ExpressionAttributeValues: { ':pk': pk, ':sk': prefix },
      },
      `SLOT=${pk}#${prefix}`,
      page,
    );
    return { items: found.items.map((i) => strip<Submission>(i)!), nextToken: found.nextToken };
  }
  async latestInSlot(k: SlotKey) {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        ConsistentRead: true,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
        ScanIndexForward: false,
        Limit: 1,
        ExpressionAttributeValues: {
          ':pk': keys.unitYear(k.campaignId, k.year, k.unitId),
          ':sk': keys.slotPrefix(k.slotId),
        },
      }),
    );
    return strip<Submission>(out.Items?.[0]);
  }
  /** The condition that the report's year is not finalized, checked inside a transaction's writes. */
  private yearOpen(s: Pick<Submission, 'campaignId' | 'year'>) {
    return {
      ConditionCheck: {
        TableName: this.table,
        Key: keys.finalization(s.campaignId, s.year),
        ConditionExpression: 'attribute_not_exists(PK) OR #state <> :final',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':final': 'final' },
      },
    };
  }
  /** A transaction with the year's lock as its last item: true when applied, YearLocked when the year is final. */
  private async lockedTransaction(s: Submission, items: NonNullable<TransactWriteCommandInput['TransactItems']>) {
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: [...items, this.yearOpen(s)] }));
      return true;
    } catch (e) {
      const reasons = (e as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons;
      if (reasons?.at(-1)?.Code === 'ConditionalCheckFailed') throw new YearLocked();
      if (e instanceof Error && e.name === 'TransactionCanceledException') return false;
      throw e;
    }
  }
  async create(s: Submission, supersedes?: { previous: Submission; entry: AuditEntry }) {
    const put = { TableName: this.table, Item: submissionItem(s), ConditionExpression: 'attribute_not_exists(PK)' };
    if (this.transactions) {
      // One atomic switch: never two current versions, whatever stops in between; and never into a finalized year.
      const switched = await this.lockedTransaction(s, [
        { Put: put },
        ...(supersedes ? [{ Update: this.supersedeUpdate(supersedes.previous, supersedes.entry) }] : []),
      ]);
      // Cancelled: the version was taken, or the previous one superseded by a newer version (so it was taken).
      if (!switched) throw new VersionTaken();
      return;
    }
    if (!(await applied(() => this.db.send(new PutCommand(put))))) throw new VersionTaken();
    if (supersedes) await this.supersede(supersedes.previous, supersedes.entry);
  }
  async supersede(previous: Submission, entry: AuditEntry) {
    // Already superseded: nothing to do.
    await applied(() => this.db.send(new UpdateCommand(this.supersedeUpdate(previous, entry))));
  }
  private supersedeUpdate(previous: Submission, entry: AuditEntry) {
    return {
      TableName: this.table,
      Key: keys.submission(previous),
      ConditionExpression: 'attribute_exists(PK) AND #status <> :sup',
      UpdateExpression: 'SET #status = :sup, GSI2PK = :st, #audit = list_append(#audit, :entry) REMOVE GSI1PK, GSI1SK',
      ExpressionAttributeNames: { '#status': 'status', '#audit': 'audit' },
      ExpressionAttributeValues: {
        ':sup': 'superseded',
        ':st': keys.status(previous.campaignId, previous.year, 'superseded', previous.unitId),
        ':entry': [entry],
      },
    };
  }
  async decide(s: Submission, review: Review, entry: AuditEntry, expectedVersion: number) {
    if (review.deciderUnitId === s.unitId) throw new OwnUnitDecision();
    const update = this.decisionUpdate(s, review, entry, expectedVersion);
    if (this.transactions) return this.lockedTransaction(s, [{ Update: update }]);
    return applied(() => this.db.send(new UpdateCommand(update)));
  }
  private decisionUpdate(s: Submission, review: Review, entry: AuditEntry, expectedVersion: number) {
    return {
      TableName: this.table,
      Key: keys.submission(s),
      // A head's decision carries its unit: the stored report's own unit is never it (conflict of interest).
      ConditionExpression: `#status = :submitted AND version = :ev${review.deciderUnitId ? ' AND unitId <> :decider' : ''}`,
      UpdateExpression: 'SET #status = :d, review = :r, GSI2PK = :st, #audit = list_append(#audit, :entry)',
      ExpressionAttributeNames: { '#status': 'status', '#audit': 'audit' },
      ExpressionAttributeValues: {
        ...(review.deciderUnitId ? { ':decider': review.deciderUnitId } : {}),
        ':submitted': 'submitted',
        ':ev': expectedVersion,
        ':d': review.decision,
        ':r': review,
        ':st': keys.status(s.campaignId, s.year, review.decision, s.unitId),
        ':entry': [entry],
      },
    };
  }
  async recommend(s: Submission, recommendation: Recommendation, entry: AuditEntry, expectedVersion: number) {
    if (recommendation.unitId === s.unitId) throw new OwnUnitDecision();
    return applied(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.submission(s),
          // Still waiting for review, at the version the head read, and never the head's own report.
          ConditionExpression: '#status = :submitted AND version = :ev AND unitId <> :recommender',
          UpdateExpression: 'SET recommendation = :r, #audit = list_append(#audit, :entry)',
          ExpressionAttributeNames: { '#status': 'status', '#audit': 'audit' },
          ExpressionAttributeValues: {
            ':submitted': 'submitted',
            ':ev': expectedVersion,
            ':recommender': recommendation.unitId,
            ':r': recommendation,
            ':entry': [entry],
          },
        }),
      ),
    );
  }
  async list(q: SubmissionQuery): Promise<Page<Submission>> {
    // The queue's status is its partition; a unit's listing filters on it.
    return q.unitId ? this.unitList(q, q.unitId, listFilters(q, true)) : this.queue(q, listFilters(q, false));
  }

  /** A unit's reports of a year: one partition, in slot and version order. */
  private async unitList(q: SubmissionQuery, unitId: string, filters: ListFilters): Promise<Page<Submission>> {
    const pk = keys.unitYear(q.campaignId, q.year, unitId);
    // Filters apply after Limit: queryPage keeps reading until the page is full or the listing ends.
    const found = await queryPage(
      this.db,
      this.tokens,
      {
        TableName: this.table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :s)',
        ExpressionAttributeValues: { ':pk': pk, ':s': 'S#', ...filters.values },
        ...(filters.conditions.length
          ? { FilterExpression: filters.conditions.join(' AND '), ExpressionAttributeNames: filters.names }
          : {}),
      },
      `PK=${pk}`,
      q,
    );
    return { items: found.items.map((i) => strip<Submission>(i)!), nextToken: found.nextToken };
  }

  /**
   * The review queue: every shard of the status read from the cursor on, merged in time order. The token
   * holds the last sort key handed out (unique: time, unit, slot, version), so each shard resumes after it.
   */
  private async queue(q: SubmissionQuery, filters: ListFilters): Promise<Page<Submission>> {
    const listing = `ST=${q.campaignId}#${q.year}#${q.status}#${q.oldestFirst ? 'asc' : 'desc'}`;
    const after = q.nextToken ? (await this.tokens.open(q.nextToken, listing)).after : undefined;
    const readShard = async (pk: string) => {
      const items: Item[] = [];
      let startKey: Item | undefined;
      do {
        const out = await this.db.send(
          new QueryCommand({
            TableName: this.table,
            IndexName: 'GSI2',
            KeyConditionExpression: after
              ? `GSI2PK = :pk AND GSI2SK ${q.oldestFirst ? '>' : '<'} :after`
              : 'GSI2PK = :pk',
            ScanIndexForward: q.oldestFirst,
            ExclusiveStartKey: startKey,
            Limit: q.limit - items.length,
            ExpressionAttributeValues: { ':pk': pk, ...(after ? { ':after': after } : {}), ...filters.values },
            ...(filters.conditions.length
              ? { FilterExpression: filters.conditions.join(' AND '), ExpressionAttributeNames: filters.names }
              : {}),
          }),
        );
        items.push(...(out.Items ?? []));
        startKey = out.LastEvaluatedKey;
      } while (startKey && items.length < q.limit);
      return { items, more: startKey !== undefined };
    };
    const shards = await Promise.all(keys.statusShards(q.campaignId, q.year, q.status!).map(readShard));
    const merged = shards
      .flatMap((s) => s.items)
      .sort((a, b) => {
        const [x, y] = [a.GSI2SK as string, b.GSI2SK as string];
        return (x < y ? -1 : x > y ? 1 : 0) * (q.oldestFirst ? 1 : -1);
      });
    const page: Item[] = [];
    let bytes = 0;
    for (const item of merged.slice(0, q.limit)) {
      const size = Buffer.byteLength(JSON.stringify(item));
      if (page.length && bytes + size > PAGE_BYTES) break;
      page.push(item);
      bytes += size;
    }
    const more = merged.length > page.length || shards.some((s) => s.more);
    const last = page.at(-1)?.GSI2SK as string | undefined;
    return {
      items: page.map((i) => strip<Submission>(i)!),
      nextToken: more && last ? await this.tokens.seal({ after: last }, listing) : null,
    };
  }

  async currentFigures(campaignId: string, year: number, unitId?: string) {
    // Should a write have stopped between a new version and the superseding of the old one, the newest wins.
    const latest = new Map<string, { figure: CountedFigure; signed: string[] }>();
    const take = (items: Item[]) => {
      for (const i of items) {
        const key = i.GSI1SK as string;
        const version = i.version as number;
        if ((latest.get(key)?.figure.version ?? -1) >= version) continue;
        const unit = key.slice(0, key.indexOf('#'));
        const slotId = key.slice(unit.length + 1);
        const review = i.review as Partial<Review> | undefined;
        latest.set(key, {
          figure: {
            unitId: unit,
            slotId,
            criterionId: slotId.split('~')[0]!,
            status: i.status as Submission['status'],
            value: (review?.correctedValue ?? i.value) as CurrentFigure['value'],
            points: review?.points ?? null,
            version,
            decidedBy: review?.decidedBy ?? null,
            decidedAt: review?.decidedAt ?? null,
            fileHashes: (i.fileHashes as string[] | undefined) ?? [],
          },
          signed: (i.signedEvidence as string[] | undefined) ?? [],
        });
      }
    };
    const query = (partition: string) =>
      queryEach(
        this.db,
        {
          TableName: this.table,
          IndexName: 'GSI1',
          KeyConditionExpression: unitId ? 'GSI1PK = :p AND begins_with(GSI1SK, :u)' : 'GSI1PK = :p',
          ExpressionAttributeValues: { ':p': partition, ...(unitId ? { ':u': `${unitId}#` } : {}) },
          // Only what scoring reads; unit and slot come from the index key.
          ProjectionExpression:
            'GSI1SK, #status, #value, review.correctedValue, review.points, review.decidedBy, review.decidedAt, version, fileHashes, signedEvidence',
          ExpressionAttributeNames: { '#status': 'status', '#value': 'value' },
        },
        take,
      );
    const scanned = await Promise.all(
      unitId ? [query(keys.current(campaignId, year, unitId))] : keys.currentShards(campaignId, year).map(query),
    );
    const figures: CountedFigure[] = [];
    const signedFiles: Array<{ unitId: string; sha256: string }> = [];
    for (const { figure, signed } of latest.values()) {
      figures.push(figure);
      for (const sha256 of signed) signedFiles.push({ unitId: figure.unitId, sha256 });
    }
    return { figures, itemsRead: scanned.reduce((a, b) => a + b, 0), signedFiles };
  }
}

interface ListFilters {
  conditions: string[];
  names: Record<string, string>;
  values: Item;
}
/** The listing's optional filters (status, level, cluster, criterion), applied after the key condition. */
function listFilters(q: SubmissionQuery, byStatus: boolean): ListFilters {
  const filters: ListFilters = { conditions: [], names: {}, values: {} };
  for (const [attr, value] of [
    ['status', byStatus ? q.status : undefined],
    ['unitLevel', q.level],
    ['unitCluster', q.cluster],
    ['criterionId', q.criterionId],
  ] as const) {
    if (value === undefined) continue;
    filters.names[`#${attr}`] = attr;
    filters.values[`:${attr}`] = value;
    filters.conditions.push(`#${attr} = :${attr}`);
  }
  return filters;
}
