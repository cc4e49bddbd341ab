/** The bình xét round on DynamoDB: stage reopenings, objections, the clusters' votes and minutes. */
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { MeetingMinutes, Objection, VoterRecord, VoteTotals } from '../../shared/domain/round.js';
import type { RoundStage } from '../../shared/domain/stages.js';
import type { AuditEntry } from '../../shared/domain/types.js';
import type {
  MinutesRecord,
  ObjectionRecord,
  PageQuery,
  RoundStore,
  StageReopening,
} from '../../shared/ports/index.js';
import { queryAll, queryPage, strip, TableStore } from './base.js';
import { applied } from './client.js';
import { keys } from './table.js';

/** A candidate's count in the totals item: one attribute each, added to atomically. */
const VOTE_ATTR = 'vote:';

export class DynamoRoundStore extends TableStore implements RoundStore {
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
  async castBallot(voter: VoterRecord, candidates: string[], entry: AuditEntry) {
    const PK = keys.vote(voter.campaignId, voter.year, voter.clusterId);
    const voterPut = {
      TableName: this.table,
      Item: { PK, SK: `VOTER#${voter.unitId}`, entity: 'voter', ...voter },
      ConditionExpression: 'attribute_not_exists(PK)',
    };
    // The ballot goes into the counts and nowhere else: no item of its own, no time.
    const totals = {
      TableName: this.table,
      Key: { PK, SK: 'TOTALS' },
      UpdateExpression: `ADD ballots :one${candidates.map((_, i) => `, #v${i} :one`).join('')}`,
      ExpressionAttributeNames: Object.fromEntries(candidates.map((c, i) => [`#v${i}`, `${VOTE_ATTR}${c}`])),
      ExpressionAttributeValues: { ':one': 1 },
    };
    const audit = {
      TableName: this.table,
      Item: {
        ...keys.audit(keys.campaignYearHistory(voter.campaignId, voter.year), voterPut.Item, entry.at, 1),
        entity: 'audit',
        ...entry,
      },
    };
    const update = candidates.length ? totals : { ...totals, ExpressionAttributeNames: undefined };
    if (this.transactions)
      return applied(() =>
        this.db.send(
          new TransactWriteCommand({ TransactItems: [{ Put: voterPut }, { Update: update }, { Put: audit }] }),
        ),
      );
    // Without transactions (dynalite): the voter first, so a unit is counted at most once.
    if (!(await applied(() => this.db.send(new PutCommand(voterPut))))) return false;
    await this.db.send(new UpdateCommand(update));
    await this.db.send(new PutCommand(audit));
    return true;
  }
  async listVoters(campaignId: string, year: number, clusterId: string) {
    // Bounded by the cluster's members (one voter record each).
    const { items } = await queryAll(this.db, {
      TableName: this.table,
      ConsistentRead: true,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': keys.vote(campaignId, year, clusterId), ':p': 'VOTER#' },
    });
    return items.map((i) => strip<VoterRecord>(i)!);
  }
  async voteTotals(campaignId: string, year: number, clusterId: string): Promise<VoteTotals> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: { PK: keys.vote(campaignId, year, clusterId), SK: 'TOTALS' },
        ConsistentRead: true,
      }),
    );
    const item = out.Item ?? {};
    return {
      ballots: (item.ballots as number | undefined) ?? 0,
      votes: Object.fromEntries(
        Object.entries(item)
          .filter(([k]) => k.startsWith(VOTE_ATTR))
          .map(([k, v]) => [k.slice(VOTE_ATTR.length), v as number]),
      ),
    };
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
}
