/** The contract on the DynamoDB adapters over Amazon's DynamoDB Local, the closer twin of AWS (needs Java 17). */
import { spawnSync } from 'node:child_process';
import { describe } from 'vitest';
import { dynamoStoresUnderTest } from './dynamo.js';
import { storeContract } from './stores.contract.js';

const hasJava = spawnSync('java', ['-version']).status === 0;

describe.runIf(hasJava)('on DynamoDB Local', () => {
  storeContract('DynamoDB adapters on DynamoDB Local', dynamoStoresUnderTest('dynamodb-local'));
});
