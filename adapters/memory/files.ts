/** Evidence files' records in memory, with the signatures read from them. */
import type { EvidenceFile } from '../../shared/domain/evidence-files.js';
import type { PdfSignature } from '../../shared/domain/signatures.js';
import type { AuditEntry } from '../../shared/domain/types.js';
import type { EvidenceFileRecord, EvidenceFileStore, PageQuery } from '../../shared/ports/index.js';
import { auditedSave, type MemoryTable, pageOf, revised } from './table.js';

export class MemoryEvidenceFileStore implements EvidenceFileStore {
  constructor(private readonly table: MemoryTable) {}

  async getFile(fileId: string) {
    return revised(this.table.files.get(fileId));
  }
  async signaturesOf(fileIds: readonly string[]) {
    const found = new Map<string, PdfSignature[]>();
    for (const id of fileIds) {
      const signatures = this.table.files.get(id)?.value.signatures;
      if (signatures?.length) found.set(id, structuredClone(signatures));
    }
    return found;
  }
  async listFiles(unitId: string, page: PageQuery) {
    const rows = [...this.table.files.values()]
      .filter((f) => f.value.unitId === unitId)
      .map((f): [string, EvidenceFileRecord] => [`${f.value.createdAt}#${f.value.fileId}`, revised(f)!])
      .sort(([a], [b]) => (a < b ? 1 : -1));
    return pageOf(this.table.tokens, rows, `FILES=${unitId}`, page, false);
  }
  async saveFile(file: EvidenceFile, entry: AuditEntry, expectedRevision: number) {
    return auditedSave(this.table.files, file.fileId, file, entry, expectedRevision);
  }
}
