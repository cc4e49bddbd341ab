/**
 * DynamoDB implementation of the domain's stores: conditional writes, paired in a transaction where the store has
 * them (AWS, DynamoDB Local) and written one after the other on dynalite, which has none.
 */

import { randomBytes } from 'node:crypto';
import {
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../../shared/domain/errors.js';
import type { EvidenceFile } from '../../shared/domain/evidence-files.js';
import { fileHashesOf } from '../../shared/domain/evidence-files.js';
import type { RankingEntry } from '../../shared/domain/ranking.js';
import type { OutboxMessage } from '../../shared/domain/reminders.js';
import type { LevelSummary } from '../../shared/domain/report.js';
import type { BallotContent, MeetingMinutes, Objection, VoterRecord } from '../../shared/domain/round.js';
import type { CurrentFigure } from '../../shared/domain/scoring.js';
import type { RoundStage } from '../../shared/domain/stages.js';
import { decodeSubmissionId } from '../../shared/domain/submission-id.js';
import type {
  ApiClient,
  AuditEntry,
  Campaign,
  CampaignYear,
  Review,
  Submission,
  Task,
  Unit,
} from '../../shared/domain/types.js';
import type { AwardRevocation, Finalization } from '../../shared/domain/year-results.js';
import {
  type AggregationRun,
  type ApiClientRecord,
  type CampaignRecord,
  type CampaignYearRecord,
  type CatalogueStore,
  type ClientStore,
  type EvidenceFileRecord,
  type EvidenceFileStore,
  type FinalizationRecord,
  type IdempotencyRecord,
  type IdempotencyStore,
  type MessageStore,
  type MinutesRecord,
  type ObjectionRecord,
  OwnUnitDecision,
  PAGE_BYTES,
  type Page,
  type PageQuery,
  type Reopening,
  type ResultStore,
  type RoundStore,
  type SlotKey,
  type StageReopening,
  type Stores,
  type SubmissionQuery,
  type SubmissionStore,
  type UnitRecord,
  VersionTaken,
  type YearClustersRecord,
  YearLocked,
  type YearResults,
} from '../../shared/ports.js';
import { PageTokens } from '../page-tokens.js';
import { applied } from './client.js';
import type { DocumentSender } from './documents.js';
import { keys } from './table.js';

type Item = Record<string, unknown>;
/** Keys, and what is kept beside an item only for an index (fileHashes: the current-figure index's evidence). */
const KEY_ATTRS = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'fileHashes'];
const strip = <T>(item: Item | undefined): T | null => {
  if (!item) return null;
  const out: Item = {};
  for (const [k, v] of Object.entries(item)) if (!KEY_ATTRS.includes(k) && k !== 'entity') out[k] = v;
  return out as T;
};

/** Runs a query to the end (or to `limit` items), counting what DynamoDB read. */
async function queryAll(db: DocumentSender, input: QueryCommandInput): Promise<{ items: Item[]; scanned: number }> {
  const items: Item[] = [];
  let scanned = 0;
  let ExclusiveStartKey: Item | undefined;
  do {
    const out = await db.send(new QueryCommand({ ...input, ExclusiveStartKey }));
    items.push(...(out.Items ?? []));
    scanned += out.ScannedCount ?? 0;
    ExclusiveStartKey = out.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return { items, scanned };
}

/**
 * One page of a listing: up to `page.limit` items and at most PAGE_BYTES of them (a page always has one item,
 * however large). A page cut short by its byte budget resumes after its last item, so nothing is skipped.
 */
async function queryPage(
  db: DocumentSender,
  tokens: PageTokens,
  input: QueryCommandInput,
  listing: string,
  page: PageQuery,
): Promise<Page<Item>> {
  let startKey: Item | undefined = page.nextToken ? await tokens.open(page.nextToken, listing) : undefined;
  const items: Item[] = [];
  let bytes = 0;
  do {
    const out = await db.send(
      new QueryCommand({ ...input, ExclusiveStartKey: startKey, Limit: page.limit - items.length }),
    );
    for (const item of out.Items ?? []) {
      const size = Buffer.byteLength(JSON.stringify(item));
      if (items.length && bytes + size > PAGE_BYTES) {
        // The resume point is the last item's key in what was queried: the table's, and the index's if one.
        const last = items.at(-1)!;
        const names = ['PK', 'SK', ...(input.IndexName ? [`${input.IndexName}PK`, `${input.IndexName}SK`] : [])];
        return {
          items,
          nextToken: await tokens.seal(Object.fromEntries(names.map((n) => [n, String(last[n])])), listing),
        };
      }
      items.push(item);
      bytes += size;
    }
    startKey = out.LastEvaluatedKey;
  } while (startKey && items.length < page.limit);
  return { items, nextToken: startKey ? await tokens.seal(startKey as Record<string, string>, listing) : null };
}

/** Tokens are signed with a key kept in the table itself: made once, by whichever container lists first. */
function tableTokens(db: DocumentSender, table: string) {
  return new PageTokens(async () => {
    const read = async () =>
      (await db.send(new GetCommand({ TableName: table, Key: keys.pageTokenKey, ConsistentRead: true }))).Item?.secret;
    let secret = await read();
    if (typeof secret !== 'string') {
      const made = randomBytes(32).toString('base64');
      await applied(() =>
        db.send(
          new PutCommand({
            TableName: table,
            Item: { ...keys.pageTokenKey, secret: made },
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        ),
      );
      secret = await read();
    }
    return Buffer.from(String(secret), 'base64');
  });
}

/** The stored audit entries of a page, as the domain has them (keys and bookkeeping left out). */
const auditPage = (page: Page<Item>): Page<AuditEntry> => ({
  items: page.items.map((i) => strip<AuditEntry>(i)!),
  nextToken: page.nextToken,
});

/** A file's record as the domain has it: without the TTL attribute its transient states carry. */
const fileRecord = (item: Item | undefined): EvidenceFileRecord | null => {
  const record = strip<EvidenceFileRecord & { expiresAt?: unknown }>(item);
  if (!record) return null;
  const { expiresAt: _ttl, ...file } = record;
  return file;
};

/**
 * The catalogue, the client registry and the evidence files' records in one: a client's and a file's changes
 * belong to its unit's history.
 */
export class DynamoCatalogueStore implements CatalogueStore, ClientStore, EvidenceFileStore, MessageStore, RoundStore {
  constructor(
    private readonly db: DocumentSender,
    private readonly table: string,
    private readonly tokens: PageTokens,
    /** Whether the store has TransactWriteItems (AWS, DynamoDB Local; dynalite has not). */
    private readonly transactions = true,
  ) {}

  async getCampaign(campaignId: string) {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.campaign(campaignId) }));
    return strip<CampaignRecord>(out.Item);
  }
  async listCampaigns() {
    const { items } = await queryAll(this.db, {
      TableName: this.table,
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :p',
      ExpressionAttributeValues: { ':p': 'CAMPAIGNS' },
    });
    return items.map((i) => strip<CampaignRecord>(i)!);
  }
  async saveCampaign(campaign: Campaign, entry: AuditEntry, expectedRevision: number) {
    return this.auditedWrite(
      keys.campaign(campaign.campaignId),
      keys.campaignHistory(campaign.campaignId),
      { ...campaign, GSI2PK: 'CAMPAIGNS', GSI2SK: campaign.campaignId },
      entry,
      expectedRevision,
    );
  }
  async campaignHistory(campaignId: string, page: PageQuery) {
    return this.history(keys.campaignHistory(campaignId), page);
  }
  async getCampaignYear(campaignId: string, year: number) {
    const out = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.campaignYear(campaignId, year), ConsistentRead: true }),
    );
    return strip<CampaignYearRecord>(out.Item);
  }
  async saveCampaignYear(cy: CampaignYear, entry: AuditEntry, expectedRevision: number, expectReported: boolean) {
    return this.auditedWrite(
      keys.campaignYear(cy.campaignId, cy.year),
      keys.campaignYearHistory(cy.campaignId, cy.year),
      { ...cy },
      entry,
      expectedRevision,
      expectReported ? undefined : 'attribute_not_exists(reported)',
    );
  }
  async getYearClusters(campaignId: string, year: number) {
    const out = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.yearClusters(campaignId, year), ConsistentRead: true }),
    );
    return strip<YearClustersRecord>(out.Item);
  }
  async saveYearClusters(r: Omit<YearClustersRecord, 'revision'>, entry: AuditEntry, expectedRevision: number) {
    return this.auditedWrite(
      keys.yearClusters(r.campaignId, r.year),
      keys.campaignYearHistory(r.campaignId, r.year),
      { ...r },
      entry,
      expectedRevision,
    );
  }
  async listRevocations(campaignId: string, year: number) {
    const { items } = await queryAll(this.db, {
      TableName: this.table,
      ConsistentRead: true,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': keys.campaign(campaignId).PK, ':p': `REVOKE#${year}#` },
    });
    return items.map((i) => {
      const { revision: _r, ...r } = strip<AwardRevocation & { revision: number }>(i)!;
      return r;
    });
  }
  async saveRevocation(revocation: AwardRevocation, entry: AuditEntry) {
    return this.auditedWrite(
      keys.revocation(revocation.campaignId, revocation.year, revocation.unitId),
      keys.campaignYearHistory(revocation.campaignId, revocation.year),
      { ...revocation },
      entry,
      0,
    );
  }
  async getStageReopening(campaignId: string, year: number, stage: RoundStage) {
    return this.getItem<StageReopening>(keys.stageReopening(campaignId, year, stage));
  }
  async saveStageReopening(r: Omit<StageReopening, 'revision'>, entry: AuditEntry, expectedRevision: number) {
    return this.auditedWrite(
      keys.stageReopening(r.campaignId, r.year, r.stage),
      keys.campaignYearHistory(r.campaignId, r.year),
      { ...r },
      entry,
      expectedRevision,
    );
  }
  async getObjection(campaignId: string, year: number, unitId: string, criterionId: string) {
    return this.getItem<ObjectionRecord>(keys.objection(campaignId, year, unitId, criterionId));
  }
  async saveObjection(o: Objection, entry: AuditEntry, expectedRevision: number) {
    return this.auditedWrite(
      keys.objection(o.campaignId, o.year, o.unitId, o.criterionId),
      keys.campaignYearHistory(o.campaignId, o.year),
      { ...o },
      entry,
      expectedRevision,
    );
  }
  async listObjections(campaignId: string, year: number, unitId: string | null, page: PageQuery) {
    const PK = keys.objections(campaignId, year);
    const prefix = unitId ? `U#${unitId}#C#` : 'U#';
    const found = await queryPage(
      this.db,
      this.tokens,
      {
        TableName: this.table,
        ConsistentRead: true,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        ExpressionAttributeValues: { ':pk': PK, ':p': prefix },
      },
      `${PK}#${prefix}`,
      page,
    );
    return { items: found.items.map((i) => strip<ObjectionRecord>(i)!), nextToken: found.nextToken };
  }
  async castBallot(voter: VoterRecord, ballot: BallotContent, entry: AuditEntry) {
    const PK = keys.vote(voter.campaignId, voter.year, voter.clusterId);
    const voterPut = {
      TableName: this.table,
      Item: { PK, SK: `VOTER#${voter.unitId}`, entity: 'voter', ...voter },
      ConditionExpression: 'attribute_not_exists(PK)',
    };
    const ballotPut = {
      TableName: this.table,
      Item: { PK, SK: `BALLOT#${ballot.ballotId}`, entity: 'ballot', ...ballot },
      ConditionExpression: 'attribute_not_exists(PK)',
    };
    const audit = {
      TableName: this.table,
      Item: {
        ...keys.audit(keys.campaignYearHistory(voter.campaignId, voter.year), voterPut.Item, entry.at, 1),
        entity: 'audit',
        ...entry,
      },
    };
    if (this.transactions)
      return applied(() =>
        this.db.send(
          new TransactWriteCommand({ TransactItems: [{ Put: voterPut }, { Put: ballotPut }, { Put: audit }] }),
        ),
      );
    // Without transactions (dynalite): the voter first, so a unit can never cast two ballots.
    if (!(await applied(() => this.db.send(new PutCommand(voterPut))))) return false;
    await this.db.send(new PutCommand(ballotPut));
    await this.db.send(new PutCommand(audit));
    return true;
  }
  async listVoters(campaignId: string, year: number, clusterId: string) {
    return this.votePart<VoterRecord>(campaignId, year, clusterId, 'VOTER#');
  }
  async listBallots(campaignId: string, year: number, clusterId: string) {
    return this.votePart<BallotContent>(campaignId, year, clusterId, 'BALLOT#');
  }
  /** Bounded by the cluster's members (one voter record and one ballot each). */
  private async votePart<T>(campaignId: string, year: number, clusterId: string, prefix: string) {
    const { items } = await queryAll(this.db, {
      TableName: this.table,
      ConsistentRead: true,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': keys.vote(campaignId, year, clusterId), ':p': prefix },
    });
    return items.map((i) => strip<T>(i)!);
  }
  async getMinutes(campaignId: string, year: number, clusterId: string) {
    return this.getItem<MinutesRecord>(keys.minutes(campaignId, year, clusterId));
  }
  async saveMinutes(m: MeetingMinutes, entry: AuditEntry, expectedRevision: number) {
    return this.auditedWrite(
      keys.minutes(m.campaignId, m.year, m.clusterId),
      keys.campaignYearHistory(m.campaignId, m.year),
      { ...m },
      entry,
      expectedRevision,
    );
  }
  private async getItem<T>(Key: { PK: string; SK: string }) {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key, ConsistentRead: true }));
    return strip<T>(out.Item);
  }
  async getFinalization(campaignId: string, year: number) {
    const out = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.finalization(campaignId, year), ConsistentRead: true }),
    );
    return strip<FinalizationRecord>(out.Item);
  }
  async saveFinalization(record: Finalization, entry: AuditEntry, expectedRevision: number) {
    return this.auditedWrite(
      keys.finalization(record.campaignId, record.year),
      keys.campaignYearHistory(record.campaignId, record.year),
      { ...record },
      entry,
      expectedRevision,
    );
  }
  async campaignYearHistory(campaignId: string, year: number, page: PageQuery) {
    return this.history(keys.campaignYearHistory(campaignId, year), page);
  }
  async markReported(campaignId: string, year: number, expectedRevision: number) {
    return applied(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.campaignYear(campaignId, year),
          ConditionExpression: 'revision = :n',
          UpdateExpression: 'SET reported = :t',
          ExpressionAttributeValues: { ':n': expectedRevision, ':t': true },
        }),
      ),
    );
  }
  async getTasks(campaignId: string, catalogue: string) {
    return (await this.getTaskCatalogue(campaignId, catalogue))?.tasks ?? [];
  }
  async getTaskCatalogue(campaignId: string, catalogue: string) {
    const out = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.tasks(campaignId, catalogue), ConsistentRead: true }),
    );
    return out.Item
      ? { tasks: out.Item.tasks as Task[], revision: (out.Item.revision as number | undefined) ?? 0 }
      : null;
  }
  async saveTasks(campaignId: string, catalogue: string, tasks: Task[], entry: AuditEntry, expectedRevision: number) {
    return this.auditedWrite(
      keys.tasks(campaignId, catalogue),
      keys.campaignHistory(campaignId),
      { catalogue, tasks },
      entry,
      expectedRevision,
    );
  }
  async getUnit(unitId: string) {
    const out = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.unit(unitId), ConsistentRead: true }),
    );
    return strip<UnitRecord>(out.Item);
  }
  async listUnits(filter: { level?: Unit['level']; cluster?: string }) {
    const names: Record<string, string> = {};
    const values: Item = { ':p': 'UNITS' };
    const conditions: string[] = [];
    if (filter.level) {
      names['#level'] = 'level';
      values[':level'] = filter.level;
      conditions.push('#level = :level');
    }
    if (filter.cluster) {
      names['#cluster'] = 'cluster';
      values[':cluster'] = filter.cluster;
      conditions.push('#cluster = :cluster');
    }
    const { items } = await queryAll(this.db, {
      TableName: this.table,
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :p',
      ExpressionAttributeValues: values,
      ...(conditions.length ? { FilterExpression: conditions.join(' AND '), ExpressionAttributeNames: names } : {}),
    });
    return items.map((i) => {
      const { revision: _r, ...unit } = strip<UnitRecord>(i)!;
      return unit;
    });
  }
  async saveUnit(unit: Unit, entry: AuditEntry, expectedRevision: number) {
    return this.auditedWrite(
      keys.unit(unit.unitId),
      keys.unitHistory(unit.unitId),
      { ...unit, GSI2PK: 'UNITS', GSI2SK: unit.unitId },
      entry,
      expectedRevision,
    );
  }
  async unitHistory(unitId: string, page: PageQuery) {
    return this.history(keys.unitHistory(unitId), page);
  }
  async getReopening(campaignId: string, unitId: string, year: number) {
    const out = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.reopening(campaignId, unitId, year), ConsistentRead: true }),
    );
    return strip<Reopening>(out.Item);
  }
  async saveReopening(r: Omit<Reopening, 'revision'>, entry: AuditEntry, expectedRevision: number) {
    return this.auditedWrite(
      keys.reopening(r.campaignId, r.unitId, r.year),
      keys.unitHistory(r.unitId),
      { ...r },
      entry,
      expectedRevision,
    );
  }

  async getClient(clientId: string) {
    const out = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.apiClient(clientId), ConsistentRead: true }),
    );
    return strip<ApiClientRecord>(out.Item);
  }
  async listClients(unitId: string) {
    const { items } = await queryAll(this.db, {
      TableName: this.table,
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :p',
      ExpressionAttributeValues: { ':p': keys.unitClients(unitId) },
      ScanIndexForward: false,
    });
    return items.map((i) => strip<ApiClientRecord>(i)!);
  }
  async saveClient(client: ApiClient, entry: AuditEntry, expectedRevision: number) {
    return this.auditedWrite(
      keys.apiClient(client.clientId),
      keys.unitHistory(client.unitId),
      { ...client, GSI2PK: keys.unitClients(client.unitId), GSI2SK: `${client.createdAt}#${client.clientId}` },
      entry,
      expectedRevision,
    );
  }

  async getFile(fileId: string) {
    const out = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.evidenceFile(fileId), ConsistentRead: true }),
    );
    return fileRecord(out.Item);
  }
  async listFiles(unitId: string, page: PageQuery) {
    const found = await this.newestFirst(keys.unitFiles(unitId), page);
    return { items: found.items.map((i) => fileRecord(i)!), nextToken: found.nextToken };
  }
  async saveFile(file: EvidenceFile, entry: AuditEntry, expectedRevision: number) {
    // An upload never completed, or refused, leaves its record to DynamoDB's TTL a day after its link expired.
    const transient = file.status === 'awaiting-upload' || file.status === 'refused';
    return this.auditedWrite(
      keys.evidenceFile(file.fileId),
      keys.unitHistory(file.unitId),
      {
        ...file,
        GSI2PK: keys.unitFiles(file.unitId),
        GSI2SK: `${file.createdAt}#${file.fileId}`,
        expiresAt: transient ? Math.ceil(Date.parse(file.uploadExpiresAt) / 1000) + 86_400 : null,
      },
      entry,
      expectedRevision,
    );
  }

  async claimMessage(message: OutboxMessage) {
    return applied(() =>
      this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: messageItem({ ...message, status: 'sending' }),
          ConditionExpression: 'attribute_not_exists(PK) OR #status = :failed',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':failed': 'failed' },
        }),
      ),
    );
  }
  async finishMessage(message: OutboxMessage) {
    await this.db.send(new PutCommand({ TableName: this.table, Item: messageItem(message) }));
  }
  async listMessages(mailbox: string, page: PageQuery) {
    const found = await this.newestFirst(keys.mailbox(mailbox), page);
    return { items: found.items.map((i) => strip<OutboxMessage>(i)!), nextToken: found.nextToken };
  }

  /** One page of a GSI2 listing (a unit's files, a mailbox), newest first. */
  private newestFirst(listing: string, page: PageQuery) {
    return queryPage(
      this.db,
      this.tokens,
      {
        TableName: this.table,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :p',
        ExpressionAttributeValues: { ':p': listing },
        ScanIndexForward: false,
      },
      listing,
      page,
    );
  }

  /** The entries of one history (see keys.audit), oldest first. */
  private async history(history: string, page: PageQuery) {
    const PK = keys.history(history);
    return auditPage(
      await queryPage(
        this.db,
        this.tokens,
        {
          TableName: this.table,
          ConsistentRead: true,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': PK },
        },
        PK,
        page,
      ),
    );
  }

  /**
   * Sets the attributes and records the audit entry as its own item, conditional on `expectedRevision` (the
   * optimistic lock; 0: must not exist yet). One transaction where the store has them (AWS, DynamoDB Local);
   * dynalite has none, so there the change is written first and its entry right after.
   */
  private async auditedWrite(
    key: { PK: string; SK: string },
    history: string,
    attrs: Item,
    entry: AuditEntry,
    expectedRevision: number,
    alsoRequire?: string,
  ): Promise<boolean> {
    const revision = expectedRevision + 1;
    const names: Record<string, string> = {};
    const values: Item = { ':revision': revision };
    const sets = Object.entries(attrs).map(([k, v], i) => {
      names[`#a${i}`] = k;
      values[`:a${i}`] = v;
      return `#a${i} = :a${i}`;
    });
    let ConditionExpression = 'attribute_not_exists(PK)';
    if (expectedRevision > 0) {
      ConditionExpression = `revision = :n${alsoRequire ? ` AND ${alsoRequire}` : ''}`;
      values[':n'] = expectedRevision;
    }
    const update = {
      TableName: this.table,
      Key: key,
      ConditionExpression,
      UpdateExpression: `SET ${sets.join(', ')}, revision = :revision`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
    const audit = {
      TableName: this.table,
      Item: { ...keys.audit(history, key, entry.at, revision), entity: 'audit', ...entry },
      ConditionExpression: 'attribute_not_exists(PK)',
    };
    if (this.transactions)
      return applied(() =>
        this.db.send(new TransactWriteCommand({ TransactItems: [{ Update: update }, { Put: audit }] })),
      );
    if (!(await applied(() => this.db.send(new UpdateCommand(update))))) return false;
    await this.db.send(new PutCommand(audit));
    return true;
  }
}

const messageItem = (m: OutboxMessage): Item => ({
  ...keys.message(m.messageId),
  entity: 'message',
  ...m,
  GSI2PK: keys.mailbox(m.mailbox),
  GSI2SK: `${m.createdAt}#${m.messageId}`,
});

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

export class DynamoSubmissionStore implements SubmissionStore {
  constructor(
    private readonly db: DocumentSender,
    private readonly table: string,
    private readonly tokens: PageTokens,
    /** Whether the store has TransactWriteItems (AWS, DynamoDB Local; dynalite has not). */
    private readonly transactions = true,
  ) {}

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
    const query = (partition: string) =>
      queryAll(this.db, {
        TableName: this.table,
        IndexName: 'GSI1',
        KeyConditionExpression: unitId ? 'GSI1PK = :p AND begins_with(GSI1SK, :u)' : 'GSI1PK = :p',
        ExpressionAttributeValues: { ':p': partition, ...(unitId ? { ':u': `${unitId}#` } : {}) },
        // Only what scoring reads; unit and slot come from the index key.
        ProjectionExpression:
          'GSI1SK, #status, #value, review.correctedValue, review.points, review.decidedBy, review.decidedAt, version, fileHashes',
        ExpressionAttributeNames: { '#status': 'status', '#value': 'value' },
      });
    const parts = await Promise.all(
      unitId ? [query(keys.current(campaignId, year, unitId))] : keys.currentShards(campaignId, year).map(query),
    );
    const items = parts.flatMap((p) => p.items);
    const scanned = parts.reduce((sum, p) => sum + p.scanned, 0);
    // Should a write have stopped between a new version and the superseding of the old one, the newest wins.
    const latest = new Map<string, Item>();
    for (const i of items) {
      const k = i.GSI1SK as string;
      if (!latest.has(k) || (latest.get(k)!.version as number) < (i.version as number)) latest.set(k, i);
    }
    const figures = [...latest.values()].map((i) => {
      const key = i.GSI1SK as string;
      const unit = key.slice(0, key.indexOf('#'));
      const slotId = key.slice(unit.length + 1);
      const review = i.review as Partial<Review> | undefined;
      return {
        unitId: unit,
        slotId,
        criterionId: slotId.split('~')[0]!,
        status: i.status as Submission['status'],
        value: (review?.correctedValue ?? i.value) as CurrentFigure['value'],
        points: review?.points ?? null,
        version: i.version as number,
        decidedBy: review?.decidedBy ?? null,
        decidedAt: review?.decidedAt ?? null,
        fileHashes: (i.fileHashes as string[] | undefined) ?? [],
      };
    });
    return { figures, itemsRead: scanned };
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

export class DynamoIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly db: DocumentSender,
    private readonly table: string,
  ) {}

  async claim(scope: string, key: string, requestHash: string, now: Date, staleAfterMs: number, keepMs: number) {
    const record: IdempotencyRecord = {
      requestHash,
      state: 'pending',
      response: null,
      createdAt: now.toISOString(),
      expiresAt: Math.ceil((now.getTime() + keepMs) / 1000),
    };
    const claimed = await applied(() =>
      this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.idempotency(scope, key), ...record },
          // Free, or expired (TTL deletes within days, not at once), or a pending claim whose request died.
          ConditionExpression:
            'attribute_not_exists(PK) OR expiresAt < :now OR (#state = :pending AND createdAt < :stale AND requestHash = :h)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':now': Math.floor(now.getTime() / 1000),
            ':pending': 'pending',
            ':stale': new Date(now.getTime() - staleAfterMs).toISOString(),
            ':h': requestHash,
          },
        }),
      ),
    );
    if (claimed) return null;
    const out = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.idempotency(scope, key), ConsistentRead: true }),
    );
    return strip<IdempotencyRecord>(out.Item);
  }
  async complete(scope: string, key: string, response: { statusCode: number; body: string }) {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.idempotency(scope, key),
        UpdateExpression: 'SET #state = :done, #response = :r',
        ExpressionAttributeNames: { '#state': 'state', '#response': 'response' },
        ExpressionAttributeValues: { ':done': 'done', ':r': response },
      }),
    );
  }
  async release(scope: string, key: string) {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: keys.idempotency(scope, key) }));
  }
}

export function dynamoStores(db: DocumentSender, table: string, options: { transactions?: boolean } = {}): Stores {
  const tokens = tableTokens(db, table);
  const catalogue = new DynamoCatalogueStore(db, table, tokens, options.transactions);
  return {
    catalogue,
    clients: catalogue,
    files: catalogue,
    messages: catalogue,
    round: catalogue,
    submissions: new DynamoSubmissionStore(db, table, tokens, options.transactions),
    results: new DynamoResultStore(db, table),
    idempotency: new DynamoIdempotencyStore(db, table),
  };
}
