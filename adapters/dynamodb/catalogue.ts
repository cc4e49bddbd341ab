/** The catalogue on DynamoDB: campaigns, their years, clusters, task catalogues, units and their reopenings, finalizations. */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TieDecision } from '../../shared/domain/awards.js';
import type { AuditEntry, Campaign, CampaignYear, Task, Unit } from '../../shared/domain/types.js';
import type { AwardRevocation, Finalization } from '../../shared/domain/year-results.js';
import type {
  CampaignRecord,
  CampaignYearRecord,
  CatalogueStore,
  FinalizationRecord,
  PageQuery,
  Reopening,
  UnitRecord,
  YearClustersRecord,
} from '../../shared/ports/index.js';
import { type Item, queryAll, strip, TableStore } from './base.js';
import { applied } from './client.js';
import { keys } from './table.js';

export class DynamoCatalogueStore extends TableStore implements CatalogueStore {
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
  /** Records kept beside a campaign, one per key under a prefix (a year's revocations, decisions on ties). */
  private async listBeside<T>(campaignId: string, prefix: string): Promise<T[]> {
    const { items } = await queryAll(this.db, {
      TableName: this.table,
      ConsistentRead: true,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': keys.campaign(campaignId).PK, ':p': prefix },
    });
    return items.map((i) => {
      const { revision: _r, ...r } = strip<T & { revision: number }>(i)!;
      return r as T;
    });
  }
  async listRevocations(campaignId: string, year: number) {
    return this.listBeside<AwardRevocation>(campaignId, `REVOKE#${year}#`);
  }
  async listTieDecisions(campaignId: string, year: number) {
    return this.listBeside<TieDecision>(campaignId, `TIE#${year}#`);
  }
  async saveTieDecision(d: TieDecision, entry: AuditEntry) {
    return this.auditedWrite(
      keys.tieDecision(d.campaignId, d.year, d.group, d.award),
      keys.campaignYearHistory(d.campaignId, d.year),
      { ...d },
      entry,
      0,
    );
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
}
