/** The DynamoDB adapters over a local store, a fresh table per test (tables are cheap locally). */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import { documentClient } from '../../adapters/dynamodb/client.js';
import { dynamoStores } from '../../adapters/dynamodb/stores.js';
import { type EmbeddedStore, ensureTable, type StoreKind, startStore } from '../../local/store.js';
import type { Stores } from '../../shared/ports/index.js';
import type { StoresUnderTest } from './fixtures.js';

export function dynamoStoresUnderTest(kind: StoreKind): StoresUnderTest & {
  freshTable(): Promise<{ endpoint: string; table: string }>;
  items(stores: Stores): Promise<Array<Record<string, unknown>>>;
} {
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
  const tableOf = new WeakMap<Stores, { endpoint: string; table: string }>();
  return {
    transactions: kind !== 'dynalite',
    freshTable,
    async fresh() {
      const where = await freshTable();
      const stores = dynamoStores(documentClient(where.endpoint), where.table, { transactions: kind !== 'dynalite' });
      tableOf.set(stores, where);
      return stores;
    },
    /** Every item of the stores' table, as an operator reading the table sees them. */
    async items(stores) {
      const { endpoint, table } = tableOf.get(stores)!;
      const db = documentClient(endpoint);
      const items: Array<Record<string, unknown>> = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const out = await db.send(new ScanCommand({ TableName: table, ExclusiveStartKey, ConsistentRead: true }));
        items.push(...(out.Items ?? []));
        ExclusiveStartKey = out.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return items;
    },
  };
}
