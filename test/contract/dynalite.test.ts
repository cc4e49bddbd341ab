/** The contract on the DynamoDB adapters over dynalite, the embedded store `npm start` uses. */

import { dynamoStoresUnderTest } from './dynamo.js';
import { roundResultsContract } from './round-results.contract.js';
import { storeContract } from './stores.contract.js';
import { submissionStoreContract } from './submissions.contract.js';

const stores = dynamoStoresUnderTest('dynalite');
storeContract('DynamoDB adapters on dynalite', stores);
submissionStoreContract('DynamoDB adapters on dynalite', stores);
roundResultsContract('DynamoDB adapters on dynalite', stores);
