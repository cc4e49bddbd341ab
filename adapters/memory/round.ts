/** The bình xét round in memory: stage reopenings, objections, secret ballots (who voted, and totals), minutes. */
import type { MeetingMinutes, Objection, VoterRecord } from '../../shared/domain/round.js';
import type { RoundStage } from '../../shared/domain/stages.js';
import type { AuditEntry } from '../../shared/domain/types.js';
import type {
  MinutesRecord,
  ObjectionRecord,
  PageQuery,
  RoundStore,
  StageReopening,
} from '../../shared/ports/index.js';
import { type Audited, auditedSave, copy, type MemoryTable, pageOf, revised } from './table.js';

export class MemoryRoundStore implements RoundStore {
  constructor(private readonly table: MemoryTable) {}

  async getStageReopening(campaignId: string, year: number, stage: RoundStage) {
    return this.roundGet<StageReopening>(`${campaignId}#${year}#STAGE#${stage}`);
  }
  async saveStageReopening(r: Omit<StageReopening, 'revision'>, entry: AuditEntry, expectedRevision: number) {
    return this.roundSave(`${r.campaignId}#${r.year}#STAGE#${r.stage}`, r, entry, expectedRevision);
  }
  async getObjection(campaignId: string, year: number, unitId: string, criterionId: string) {
    return this.roundGet<ObjectionRecord>(`${campaignId}#${year}#OBJ#U#${unitId}#C#${criterionId}`);
  }
  async saveObjection(o: Objection, entry: AuditEntry, expectedRevision: number) {
    return this.roundSave(`${o.campaignId}#${o.year}#OBJ#U#${o.unitId}#C#${o.criterionId}`, o, entry, expectedRevision);
  }
  async listObjections(campaignId: string, year: number, unitId: string | null, page: PageQuery) {
    const prefix = `${campaignId}#${year}#OBJ#U#${unitId ? `${unitId}#C#` : ''}`;
    const rows = [...this.table.roundRecords.entries()]
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, a]): [string, ObjectionRecord] => [k, revised(a as Audited<Objection>)!])
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return pageOf(this.table.tokens, rows, `OBJ=${prefix}`, page);
  }
  async castBallot(voter: VoterRecord, candidates: string[], entry: AuditEntry) {
    const vote = `${voter.campaignId}#${voter.year}#VOTE#${voter.clusterId}`;
    if (this.table.voters.has(`${vote}#${voter.unitId}`)) return false;
    this.table.voters.set(`${vote}#${voter.unitId}`, copy(voter));
    const totals = this.table.totals.get(vote) ?? { ballots: 0, votes: {} };
    totals.ballots++;
    for (const c of candidates) totals.votes[c] = (totals.votes[c] ?? 0) + 1;
    this.table.totals.set(vote, totals);
    this.table.roundRecords.set(`${vote}#VOTER#${voter.unitId}`, { value: null, revision: 1, audit: [copy(entry)] });
    return true;
  }
  async listVoters(campaignId: string, year: number, clusterId: string) {
    const prefix = `${campaignId}#${year}#VOTE#${clusterId}#`;
    return [...this.table.voters.entries()]
      .filter(([k]) => k.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, v]) => copy(v));
  }
  async voteTotals(campaignId: string, year: number, clusterId: string) {
    return copy(this.table.totals.get(`${campaignId}#${year}#VOTE#${clusterId}`) ?? { ballots: 0, votes: {} });
  }
  async getMinutes(campaignId: string, year: number, clusterId: string) {
    return this.roundGet<MinutesRecord>(`${campaignId}#${year}#MINUTES#${clusterId}`);
  }
  async saveMinutes(m: MeetingMinutes, entry: AuditEntry, expectedRevision: number) {
    return this.roundSave(`${m.campaignId}#${m.year}#MINUTES#${m.clusterId}`, m, entry, expectedRevision);
  }
  private roundGet<T>(key: string) {
    return Promise.resolve(revised(this.table.roundRecords.get(key)) as T | null);
  }
  private async roundSave(key: string, value: unknown, entry: AuditEntry, expectedRevision: number) {
    return auditedSave(this.table.roundRecords, key, value, entry, expectedRevision);
  }
}
