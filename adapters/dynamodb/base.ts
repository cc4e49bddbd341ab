/**
 * What every DynamoDB store of the platform shares: reading items back as the domain has them, listings page by
 * page within the byte budget, signed page tokens, and the audited conditional write (one transaction where the
 * store has them, AWS and DynamoDB Local; dynalite has none).
 */
import { randomBytes } from 'node:crypto';
import {
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { forEachAtMost } from '../../shared/domain/concurrency.js';
import { DomainError } from '../../shared/domain/errors.js';
import type { AuditEntry } from '../../shared/domain/types.js';
import { PAGE_BYTES, type Page, type PageQuery } from '../../shared/ports/index.js';
import { PageTokens } from '../page-tokens.js';
import { applied } from './client.js';
import type { DocumentSender } from './documents.js';
import { keys } from './table.js';

export type Item = Record<string, unknown>;
/** Keys, and what is kept beside an item only for an index (fileHashes: the current-figure index's evidence). */
const KEY_ATTRS = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'fileHashes'];
export const strip = <T>(item: Item | undefined): T | null => {
  if (!item) return null;
  const out: Item = {};
  for (const [k, v] of Object.entries(item)) if (!KEY_ATTRS.includes(k) && k !== 'entity') out[k] = v;
  return out as T;
};

/** Runs a query to the end (or to `limit` items), counting what DynamoDB read. */
export async function queryAll(
  db: DocumentSender,
  input: QueryCommandInput,
): Promise<{ items: Item[]; scanned: number }> {
  const items: Item[] = [];
  const scanned = await queryEach(db, input, (page) => items.push(...page));
  return { items, scanned };
}

/**
 * Every page of a query, handed to `take` as it arrives; says how many items the store read. A reader that keeps
 * less than the items (a year's figures, from 150,000 of them) lets each page go before the next: the garbage
 * collector then never copies what was only read on the way.
 */
export async function queryEach(db: DocumentSender, input: QueryCommandInput, take: (items: Item[]) => void) {
  let scanned = 0;
  let ExclusiveStartKey: Item | undefined;
  do {
    const out = await db.send(new QueryCommand({ ...input, ExclusiveStartKey }));
    take(out.Items ?? []);
    scanned += out.ScannedCount ?? 0;
    ExclusiveStartKey = out.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return scanned;
}

/**
 * Puts and deletes by BatchWriteItem: 25 to a call, `inFlight` calls at a time (the store works on one while the next
 * is marshalled); what the store leaves unprocessed is sent again with backoff, and after 8 retries the write is
 * refused as THROTTLED.
 */
export async function batchWriteAll(db: DocumentSender, table: string, requests: Item[], inFlight = 4) {
  const write = async (first: Item[]) => {
    let pending: Item[] | undefined = first;
    for (let attempt = 0; pending?.length; attempt++) {
      if (attempt > 8) throw new DomainError('THROTTLED', 'Hệ thống lưu trữ đang quá tải, vui lòng thử lại sau');
      if (attempt) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      const out = await db.send(new BatchWriteCommand({ RequestItems: { [table]: pending as never } }));
      pending = out.UnprocessedItems?.[table] as Item[] | undefined;
    }
  };
  const groups: Item[][] = [];
  for (let i = 0; i < requests.length; i += 25) groups.push(requests.slice(i, i + 25));
  await forEachAtMost(groups, inFlight, write);
}

/**
 * One page of a listing: up to `page.limit` items and at most PAGE_BYTES of them (a page always has one item,
 * however large). A page cut short by its byte budget resumes after its last item, so nothing is skipped.
 */
export async function queryPage(
  db: DocumentSender,
  tokens: PageTokens,
  input: QueryCommandInput,
  listing: string,
  page: PageQuery,
): Promise<Page<Item>> {
  let startKey: Item | undefined = page.nextToken ? await tokens.open(page.nextToken, listing) : undefined;
  const items: Item[] = [];
  let bytes = 0;
  do {
    const out = await db.send(
      new QueryCommand({ ...input, ExclusiveStartKey: startKey, Limit: page.limit - items.length }),
    );
    for (const item of out.Items ?? []) {
      const size = Buffer.byteLength(JSON.stringify(item));
      if (items.length && bytes + size > PAGE_BYTES) {
        // The resume point is the last item's key in what was queried: the table's, and the index's if one.
        const last = items.at(-1)!;
        const names = ['PK', 'SK', ...(input.IndexName ? [`${input.IndexName}PK`, `${input.IndexName}SK`] : [])];
        return {
          items,
          nextToken: await tokens.seal(Object.fromEntries(names.map((n) => [n, String(last[n])])), listing),
        };
      }
      items.push(item);
      bytes += size;
    }
    startKey = out.LastEvaluatedKey;
  } while (startKey && items.length < page.limit);
  return { items, nextToken: startKey ? await tokens.seal(startKey as Record<string, string>, listing) : null };
}

/** Tokens are signed with a key kept in the table itself: made once, by whichever container lists first. */
export function tableTokens(db: DocumentSender, table: string) {
  return new PageTokens(async () => {
    const read = async () =>
      (await db.send(new GetCommand({ TableName: table, Key: keys.pageTokenKey, ConsistentRead: true }))).Item?.secret;
    let secret = await read();
    if (typeof secret !== 'string') {
      const made = randomBytes(32).toString('base64');
      await applied(() =>
        db.send(
          new PutCommand({
            TableName: table,
            Item: { ...keys.pageTokenKey, secret: made },
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        ),
      );
      secret = await read();
    }
    return Buffer.from(String(secret), 'base64');
  });
}

/** The stored audit entries of a page, as the domain has them (keys and bookkeeping left out). */
const auditPage = (page: Page<Item>): Page<AuditEntry> => ({
  items: page.items.map((i) => strip<AuditEntry>(i)!),
  nextToken: page.nextToken,
});

/** Where a store writes: the table, its page tokens, and whether it has TransactWriteItems (dynalite has not). */
export interface TableContext {
  db: DocumentSender;
  table: string;
  tokens: PageTokens;
  transactions: boolean;
}

/** A store of one port over the shared table. */
export abstract class TableStore {
  protected readonly db: DocumentSender;
  protected readonly table: string;
  protected readonly tokens: PageTokens;
  protected readonly transactions: boolean;

  constructor(ctx: TableContext) {
    this.db = ctx.db;
    this.table = ctx.table;
    this.tokens = ctx.tokens;
    this.transactions = ctx.transactions;
  }

  protected async getItem<T>(Key: { PK: string; SK: string }) {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key, ConsistentRead: true }));
    return strip<T>(out.Item);
  }

  protected newestFirst(listing: string, page: PageQuery) {
    return queryPage(
      this.db,
      this.tokens,
      {
        TableName: this.table,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :p',
        ExpressionAttributeValues: { ':p': listing },
        ScanIndexForward: false,
      },
      listing,
      page,
    );
  }

  /** The entries of one history (see keys.audit), oldest first. */
  protected async history(history: string, page: PageQuery) {
    const PK = keys.history(history);
    return auditPage(
      await queryPage(
        this.db,
        this.tokens,
        {
          TableName: this.table,
          ConsistentRead: true,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': PK },
        },
        PK,
        page,
      ),
    );
  }

  /**
   * Sets the attributes and records the audit entry as its own item, conditional on `expectedRevision` (the
   * optimistic lock; 0: must not exist yet). One transaction where the store has them (AWS, DynamoDB Local);
   * dynalite has none, so there the change is written first and its entry right after.
   */
  protected async auditedWrite(
    key: { PK: string; SK: string },
    history: string,
    attrs: Item,
    entry: AuditEntry,
    expectedRevision: number,
    alsoRequire?: string,
  ): Promise<boolean> {
    const revision = expectedRevision + 1;
    const names: Record<string, string> = {};
    const values: Item = { ':revision': revision };
    const sets = Object.entries(attrs).map(([k, v], i) => {
      names[`#a${i}`] = k;
      values[`:a${i}`] = v;
      return `#a${i} = :a${i}`;
    });
    let ConditionExpression = 'attribute_not_exists(PK)';
    if (expectedRevision > 0) {
      ConditionExpression = `revision = :n${alsoRequire ? ` AND ${alsoRequire}` : ''}`;
      values[':n'] = expectedRevision;
    }
    const update = {
      TableName: this.table,
      Key: key,
      ConditionExpression,
      UpdateExpression: `SET ${sets.join(', ')}, revision = :revision`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
    const audit = {
      TableName: this.table,
      Item: { ...keys.audit(history, key, entry.at, revision), entity: 'audit', ...entry },
      ConditionExpression: 'attribute_not_exists(PK)',
    };
    if (this.transactions)
      return applied(() =>
        this.db.send(new TransactWriteCommand({ TransactItems: [{ Update: update }, { Put: audit }] })),
      );
    if (!(await applied(() => this.db.send(new UpdateCommand(update))))) return false;
    await this.db.send(new PutCommand(audit));
    return true;
  }
}
