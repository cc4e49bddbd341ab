/** The registry of units' IT systems in memory, each unit's places among its allowed clients. */
import type { ApiClient, AuditEntry } from '../../shared/domain/types.js';
import type { ClientStore } from '../../shared/ports/index.js';
import { auditedSave, type MemoryTable, revised } from './table.js';

export class MemoryClientStore implements ClientStore {
  constructor(private readonly table: MemoryTable) {}

  async getClient(clientId: string) {
    return revised(this.table.clients.get(clientId));
  }
  async listClients(unitId: string) {
    return [...this.table.clients.values()]
      .filter((c) => c.value.unitId === unitId)
      .map((c) => revised(c)!)
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }
  async saveClient(client: ApiClient, entry: AuditEntry, expectedRevision: number) {
    return auditedSave(this.table.clients, client.clientId, client, entry, expectedRevision);
  }
  async claimClientPlace(unitId: string, holder: string, limit: number) {
    for (let place = 0; place < limit; place++)
      if (!this.table.clientPlaces.has(`${unitId}#${place}`)) {
        this.table.clientPlaces.set(`${unitId}#${place}`, holder);
        return place;
      }
    return null;
  }
  async releaseClientPlace(unitId: string, place: number, holder: string) {
    if (this.table.clientPlaces.get(`${unitId}#${place}`) === holder)
      this.table.clientPlaces.delete(`${unitId}#${place}`);
  }
}
