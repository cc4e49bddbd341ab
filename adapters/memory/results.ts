/** Year-end runs and their results in memory: a run's results become the year's only by publishing them. */
import type { Finalization } from '../../shared/domain/year-results.js';
import type { AggregationRun, PublishRefusal, ResultStore, YearResults } from '../../shared/ports/index.js';
import { byKey, copy } from './table.js';

export class MemoryResultStore implements ResultStore {
  private readonly runs = new Map<string, AggregationRun>();
  /** Each run's results under its id; `current` names the published run of each year. */
  private readonly results = new Map<string, YearResults>();
  private readonly current = new Map<string, { runId: string; startedAt: string }>();

  constructor(private readonly finalization: (campaignId: string, year: number) => Finalization | null = () => null) {}

  async putRun(run: AggregationRun) {
    this.runs.set(`${run.campaignId}#${run.year}#${run.runId}`, copy(run));
  }
  async startRun(run: AggregationRun, now: Date) {
    const held = this.runs.get(`${run.campaignId}#${run.year}#${run.runId}`);
    const free =
      held?.status === 'queued' ||
      held?.status === 'failed' ||
      (held?.status === 'running' && held.leaseUntil !== null && held.leaseUntil < now.toISOString());
    if (free) this.runs.set(`${run.campaignId}#${run.year}#${run.runId}`, copy(run));
    return free;
  }
  async getRun(campaignId: string, year: number, runId: string) {
    return byKey(this.runs, `${campaignId}#${year}#${runId}`);
  }
  async listRuns(campaignId: string, year: number) {
    const prefix = `${campaignId}#${year}#`;
    return [...this.runs.entries()]
      .filter(([k]) => k.startsWith(prefix))
      .map(([, r]) => copy(r))
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.runId.localeCompare(a.runId));
  }
  async writeResults(campaignId: string, year: number, runId: string, results: YearResults) {
    this.results.set(`${campaignId}#${year}#${runId}`, copy(results));
    return 1;
  }
  async publishResults(run: AggregationRun, now: Date): Promise<PublishRefusal | null> {
    const held = this.runs.get(`${run.campaignId}#${run.year}#${run.runId}`);
    if (
      held?.status !== 'running' ||
      held.leaseUntil !== run.leaseUntil ||
      !run.leaseUntil ||
      Date.parse(run.leaseUntil) <= now.getTime() ||
      !this.results.has(`${run.campaignId}#${run.year}#${run.runId}`)
    )
      return 'lease-lost';
    const f = this.finalization(run.campaignId, run.year);
    if (f?.state === 'final' && !(run.finalizing && f.pendingRunId === run.runId)) return 'finalized';
    const year = `${run.campaignId}#${run.year}`;
    const now_ = this.current.get(year);
    if (now_ && now_.startedAt > run.startedAt) return 'superseded';
    this.current.set(year, { runId: run.runId, startedAt: run.startedAt });
    return null;
  }
  async readResults(campaignId: string, year: number) {
    const current = this.current.get(`${campaignId}#${year}`);
    const results = current && this.results.get(`${campaignId}#${year}#${current.runId}`);
    if (!current || !results) return null;
    const { pages: _pages, ...rest } = copy(results);
    return { ...rest, runId: current.runId };
  }
  async readUnitPage(campaignId: string, year: number, unitId: string) {
    const current = this.current.get(`${campaignId}#${year}`);
    const results = current && this.results.get(`${campaignId}#${year}#${current.runId}`);
    return copy(results?.pages.find((p) => p.unit.unitId === unitId) ?? null);
  }
  async pruneResults(campaignId: string, year: number, before: Date) {
    const current = this.current.get(`${campaignId}#${year}`);
    let removed = 0;
    for (const r of await this.listRuns(campaignId, year)) {
      const key = `${campaignId}#${year}#${r.runId}`;
      if (r.runId === current?.runId || r.status === 'queued' || r.status === 'running') continue;
      if (Date.parse(r.finishedAt ?? r.startedAt) < before.getTime() && this.results.delete(key)) removed++;
    }
    return removed;
  }
}
