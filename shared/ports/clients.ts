/** Units' IT systems as API clients: their records, and the identity provider that issues their credentials. */

import type { ApiClient, AuditEntry, ClientScope } from '../domain/types.js';
import type { Revised } from './common.js';

export interface ApiClientRecord extends ApiClient, Revised {}
/** The registry of units' IT systems: which unit a client acts for, and whether it is revoked. */
export interface ClientStore {
  getClient(clientId: string): Promise<ApiClientRecord | null>;
  /** A unit's clients, newest first (bounded: a unit registers at most MAX_CLIENTS_PER_UNIT). */
  listClients(unitId: string): Promise<ApiClientRecord[]>;
  /** Stores the client and records `entry` in its unit's history; conditional on `expectedRevision` like saveUnit. */
  saveClient(client: ApiClient, entry: AuditEntry, expectedRevision: number): Promise<boolean>;
  /**
   * Claims a free one of the unit's `limit` client places for `holder`, each place by its own conditional write (two
   * registrations never take the same one): the place, or null when all are taken. The decision comes first; the
   * client is created after it.
   */
  claimClientPlace(unitId: string, holder: string, limit: number): Promise<number | null>;
  /** Gives a place back if `holder` still holds it (a revocation, a registration that failed after its claim). */
  releaseClientPlace(unitId: string, place: number, holder: string): Promise<void>;
}
/**
 * The identity provider that holds machine clients' secrets and issues their tokens (client-credentials grant):
 * Cognito app clients in AWS, the local server's token endpoint locally.
 */
export interface ClientIssuer {
  create(name: string, scopes: ClientScope[]): Promise<{ clientId: string; clientSecret: string }>;
  /** Idempotent: removing a client that is gone already succeeds. */
  remove(clientId: string): Promise<void>;
}
