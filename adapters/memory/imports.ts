/** Sheet imports' jobs in memory, moved from state to state only from the states named. */
import type { ImportStatus } from '../../shared/domain/types.js';
import type { ImportJob, ImportStore } from '../../shared/ports/index.js';
import { copy } from './table.js';

export class MemoryImportStore implements ImportStore {
  private readonly jobs = new Map<string, ImportJob>();

  async createImport(job: ImportJob) {
    if (this.jobs.has(job.importId)) throw new Error(`import ${job.importId} exists`);
    this.jobs.set(job.importId, copy(job));
  }
  async getImport(importId: string) {
    return copy(this.jobs.get(importId) ?? null);
  }
  async moveImport(job: ImportJob, from: ImportStatus[]) {
    const current = this.jobs.get(job.importId);
    if (!current || !from.includes(current.status)) return false;
    this.jobs.set(job.importId, copy(job));
    return true;
  }
}
