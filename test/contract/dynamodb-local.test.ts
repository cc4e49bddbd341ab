/** The contract on the DynamoDB adapters over Amazon's DynamoDB Local, the closer twin of AWS (needs Java 17). */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { documentClient } from '../../adapters/dynamodb/client.js';
import { dynamoStoresUnderTest } from './dynamo.js';
import { roundResultsContract } from './round-results.contract.js';
import { storeContract } from './stores.contract.js';
import { submissionStoreContract } from './submissions.contract.js';

// Java is there: vitest.config.ts stops the run, saying how to install it, when it is not.
describe('on DynamoDB Local', () => {
  const stores = dynamoStoresUnderTest('dynamodb-local');
  storeContract('DynamoDB adapters on DynamoDB Local', stores);
  submissionStoreContract('DynamoDB adapters on DynamoDB Local', stores);
  roundResultsContract('DynamoDB adapters on DynamoDB Local', stores);

  // Probes of AWS's rules that dynalite does not enforce: the code must not lean on dynalite's laxness.
  describe('AWS limits the embedded store does not enforce', () => {
    it('refuses an item over 400 KB counted in UTF-8 bytes (dynalite counts UTF-16 units and takes it)', async () => {
      const { endpoint, table } = await stores.freshTable();
      const db = documentClient(endpoint);
      // 140,000 Vietnamese letters: 140,000 UTF-16 units, about 420 KB in UTF-8.
      const summary = 'ệ'.repeat(140_000);
      await expect(
        db.send(new PutCommand({ TableName: table, Item: { PK: 'P', SK: 'S', summary } })),
      ).rejects.toMatchObject({ name: 'ValidationException' });
      await db.send(new PutCommand({ TableName: table, Item: { PK: 'P', SK: 'S', summary: 'ệ'.repeat(120_000) } }));
    });

    it('refuses to read from an index an attribute the index does not project', async () => {
      const { endpoint, table } = await stores.freshTable();
      const query = (attribute: string) =>
        documentClient(endpoint).send(
          new QueryCommand({
            TableName: table,
            IndexName: 'GSI1',
            KeyConditionExpression: 'GSI1PK = :p',
            ExpressionAttributeValues: { ':p': 'CUR#c#2026#0' },
            ProjectionExpression: '#a',
            ExpressionAttributeNames: { '#a': attribute },
          }),
        );
      await expect(query('evidence')).rejects.toMatchObject({ name: 'ValidationException' });
      await expect(query('value')).resolves.toMatchObject({ Items: [] });
    });
  });
});
