/** The DynamoDB adapters over a local store, a fresh table per test (tables are cheap locally). */
import { afterAll, beforeAll } from 'vitest';
import { documentClient } from '../../adapters/dynamodb/client.js';
import { dynamoStores } from '../../adapters/dynamodb/stores.js';
import { type EmbeddedStore, ensureTable, type StoreKind, startStore } from '../../local/store.js';
import type { StoresUnderTest } from './stores.contract.js';

export function dynamoStoresUnderTest(
  kind: StoreKind,
): StoresUnderTest & { freshTable(): Promise<{ endpoint: string; table: string }> } {
  let store: EmbeddedStore;
  let tables = 0;
  beforeAll(async () => {
    store = await startStore(kind, null);
  }, 90_000);
  afterAll(async () => {
    await store?.close();
  });
  const freshTable = async () => {
    const table = `contract-${++tables}`;
    await ensureTable(store.endpoint, table);
    return { endpoint: store.endpoint, table };
  };
  return {
    transactions: kind !== 'dynalite',
    freshTable,
    async fresh() {
      const { endpoint, table } = await freshTable();
      return dynamoStores(documentClient(endpoint), table, { transactions: kind !== 'dynalite' });
    },
  };
}
