/** Error paths of the DynamoDB adapters, with the SDK mocked (the happy paths run against dynalite in test/integration). */
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../adapters/deps.js';
import { DynamoResultStore } from '../../adapters/dynamodb/results.js';
import { dynamoStores } from '../../adapters/dynamodb/stores.js';
import { keys } from '../../adapters/dynamodb/table.js';
import type { ApiEvent } from '../../functions/http.js';
import { createSubmissionsHandler } from '../../functions/submissions/handler.js';
import type { Submission } from '../../shared/domain/types.js';
import { VersionTaken, YearLocked } from '../../shared/ports/index.js';

const db = DynamoDBDocumentClient.from(
  new DynamoDBClient({ region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 }),
);
const mock = mockClient(db);
beforeEach(() => mock.reset());

const conditional = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
const submission = {
  campaignId: 'c',
  year: 2026,
  unitId: 'u',
  slotId: 's',
  version: 2,
  submittedAt: '2026-01-01T00:00:00Z',
  status: 'submitted',
  evidence: [],
  audit: [],
} as unknown as Submission;

describe('DynamoSubmissionStore', () => {
  const store = dynamoStores(db, 't').submissions;
  /** A transaction cancelled by the condition of its item `failed` (0: the version's, last: the year's lock). */
  const cancelled = (codes: string[]) =>
    new TransactionCanceledException({
      message: 'Transaction cancelled',
      $metadata: {},
      CancellationReasons: codes.map((Code) => ({ Code })),
    });
  const review = {
    decision: 'approved' as const,
    comment: null,
    correctedValue: null,
    points: null,
    decidedBy: 'r',
    decidedAt: '',
  };
  const decision = { at: '', actor: 'r', role: 'reviewer' as const, action: 'approved' };
  it('turns a lost race for a version into VersionTaken, and a finalized year into YearLocked', async () => {
    mock.on(TransactWriteCommand).rejects(cancelled(['ConditionalCheckFailed', 'None']));
    await expect(store.create(submission)).rejects.toBeInstanceOf(VersionTaken);
    // The year's lock is the transaction's last item: the report is never written into a finalized year.
    const items = mock.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(items.at(-1)!.ConditionCheck).toMatchObject({
      Key: keys.finalization('c', 2026),
      ConditionExpression: 'attribute_not_exists(PK) OR #state <> :final',
    });
    mock.reset();
    mock.on(TransactWriteCommand).rejects(cancelled(['None', 'ConditionalCheckFailed']));
    await expect(store.create(submission)).rejects.toBeInstanceOf(YearLocked);
  });
  it('reports a decision whose condition failed as not applied, and one into a finalized year as YearLocked', async () => {
    mock.on(TransactWriteCommand).rejects(cancelled(['ConditionalCheckFailed', 'None']));
    await expect(store.decide(submission, review, decision, 2)).resolves.toBe(false);
    const update = mock.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems![0]!.Update!;
    expect(update.ConditionExpression).toBe('#status = :submitted AND version = :ev');
    expect(update.ExpressionAttributeValues![':ev']).toBe(2);
    mock.reset();
    mock.on(TransactWriteCommand).rejects(cancelled(['None', 'ConditionalCheckFailed']));
    await expect(store.decide(submission, review, decision, 2)).rejects.toBeInstanceOf(YearLocked);
  });
  it('without transactions (dynalite) decides with a conditional update', async () => {
    const plain = dynamoStores(db, 't', { transactions: false }).submissions;
    mock.on(UpdateCommand).rejects(conditional());
    await expect(plain.decide(submission, review, decision, 2)).resolves.toBe(false);
    mock.on(PutCommand).rejects(conditional());
    await expect(plain.create(submission)).rejects.toBeInstanceOf(VersionTaken);
  });
  it('ignores superseding an item already superseded, rethrows anything else', async () => {
    mock.on(UpdateCommand).rejects(conditional());
    await expect(
      store.supersede(submission, { at: '', actor: 'u', role: 'unit', action: 'superseded' }),
    ).resolves.toBeUndefined();
    mock.on(UpdateCommand).rejects(new Error('boom'));
    await expect(
      store.supersede(submission, { at: '', actor: 'u', role: 'unit', action: 'superseded' }),
    ).rejects.toThrow('boom');
  });
  it('keeps the newest version when an interrupted write left two current figures of a slot', async () => {
    mock.on(QueryCommand).resolves({ Items: [], ScannedCount: 0 });
    mock.on(QueryCommand, { ExpressionAttributeValues: { ':p': keys.current('c', 2026, 'u') } }).resolves({
      Items: [
        { GSI1SK: 'u#k', status: 'approved', value: { achieved: false }, version: 1 },
        { GSI1SK: 'u#k', status: 'submitted', value: { achieved: true }, version: 2 },
      ],
      ScannedCount: 2,
    });
    const { figures, itemsRead } = await store.currentFigures('c', 2026);
    expect(figures).toEqual([
      {
        unitId: 'u',
        slotId: 'k',
        criterionId: 'k',
        status: 'submitted',
        value: { achieved: true },
        points: null,
        version: 2,
        decidedBy: null,
        decidedAt: null,
        fileHashes: [],
      },
    ]);
    expect(itemsRead).toBe(2);
    expect(mock.commandCalls(QueryCommand)).toHaveLength(8);
  });
});

describe('DynamoResultStore', () => {
  const store = new DynamoResultStore(db, 't');
  it('retries the batch items DynamoDB left unprocessed', async () => {
    mock
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { t: [{ PutRequest: { Item: { PK: 'x', SK: 'R#r1#META' } } }] } })
      .resolves({});
    const written = await store.writeResults('c', 2026, 'r1', { rankings: [], summary: [], digest: 'd', pages: [] });
    expect(written).toBe(2);
    const calls = mock.commandCalls(BatchWriteCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.args[0].input.RequestItems!.t).toEqual([{ PutRequest: { Item: { PK: 'x', SK: 'R#r1#META' } } }]);
  });

  it('reads the results of runs written before their chunks were gzipped (plain lists)', async () => {
    const entry = { unitId: 'u1', rank: 1 };
    const page = { unit: { unitId: 'u1' }, figures: [] };
    // One item answers every read: CURRENT, META and the page chunk.
    mock
      .on(GetCommand)
      .resolves({ Item: { runId: 'r0', chunks: 1, pageChunks: 1, summary: [], digest: 'd', pages: [page] } });
    mock.on(QueryCommand).resolves({ Items: [{ entries: [entry] }] });
    expect(await store.readResults('c', 2026)).toEqual({ runId: 'r0', rankings: [entry], summary: [], digest: 'd' });
    expect(await store.readUnitPage('c', 2026, 'u1')).toEqual(page);
  });

  it("names which condition of the publishing transaction failed: the run's lease, the year's lock, a newer run", async () => {
    const run = {
      campaignId: 'c',
      year: 2026,
      runId: 'r1',
      trigger: 'admin' as const,
      status: 'running' as const,
      startedAt: '2026-12-28T01:00:00.000Z',
      finishedAt: null,
      leaseUntil: '2099-01-01T00:00:00.000Z',
      startedBy: 'a',
      counts: null,
      error: null,
    };
    mock.on(GetCommand).resolves({ Item: { chunks: 1, pageChunks: 1 } });
    const cancelled = (failed: number) =>
      Object.assign(new Error('cancelled'), {
        name: 'TransactionCanceledException',
        CancellationReasons: [0, 1, 2].map((i) => ({ Code: i === failed ? 'ConditionalCheckFailed' : 'None' })),
      });
    mock
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled(0))
      .rejectsOnce(cancelled(1))
      .rejectsOnce(cancelled(2))
      .resolves({});
    const at = new Date('2026-12-28T01:05:00.000Z');
    for (const refusal of ['lease-lost', 'finalized', 'superseded', null])
      expect(await store.publishResults(run, at)).toBe(refusal);
    const items = mock.commandCalls(TransactWriteCommand).at(-1)!.args[0].input.TransactItems!;
    expect(items.map((i) => Object.keys(i)[0])).toEqual(['ConditionCheck', 'ConditionCheck', 'Put']);
    expect(items[2]!.Put!.Item).toMatchObject({ SK: 'CURRENT', runId: 'r1' });
  });
});

describe('handler error mapping', () => {
  const event = (body: unknown): ApiEvent =>
    ({
      version: '2.0',
      routeKey: 'POST /v1/submissions',
      rawPath: '/v1/submissions',
      rawQueryString: '',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      isBase64Encoded: false,
      requestContext: {
        http: { method: 'POST', path: '/v1/submissions' },
        authorizer: { lambda: { sub: 'u1', 'cognito:groups': 'unit', 'custom:unitId': 'u1' } },
      },
    }) as unknown as ApiEvent;
  const handler = createSubmissionsHandler({
    ...dynamoStores(db, 't'),
    clock: fixedClock('2026-11-20T03:00:00Z'),
    defaultCampaignId: 'c',
  });
  const body = { unitId: 'u1', year: 2026, criterionId: 'k', value: { achieved: true }, evidence: [{ title: 'x' }] };

  it('answers 503 THROTTLED when DynamoDB keeps throttling', async () => {
    mock.on(GetCommand).rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    const r = await handler(event(body), {} as never);
    expect(r.statusCode).toBe(503);
    expect(JSON.parse(r.body as string).error.code).toBe('THROTTLED');
  });
  it("answers 500 INTERNAL in the platform's format for anything unexpected", async () => {
    mock.on(GetCommand).rejects(new Error('socket hang up'));
    const r = await handler(event(body), {} as never);
    expect(r.statusCode).toBe(500);
    expect(JSON.parse(r.body as string).error).toEqual({
      code: 'INTERNAL',
      message: 'Lỗi hệ thống, vui lòng thử lại sau',
      details: [],
    });
  });
});
