/** The contract on the DynamoDB adapters over dynalite, the embedded store `npm start` uses. */

import { dynamoStoresUnderTest } from './dynamo.js';
import { storeContract } from './stores.contract.js';

storeContract('DynamoDB adapters on dynalite', dynamoStoresUnderTest('dynalite'));
