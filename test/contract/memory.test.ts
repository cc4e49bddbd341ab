/** The contract on the in-memory stores that the use-case tests run on. */
import { memoryStores } from '../../adapters/memory/stores.js';
import { roundResultsContract } from './round-results.contract.js';
import { storeContract } from './stores.contract.js';
import { submissionStoreContract } from './submissions.contract.js';

const memory = { fresh: async () => memoryStores(), transactions: true };
storeContract('in memory', memory);
submissionStoreContract('in memory', memory);
roundResultsContract('in memory', { fresh: async () => memoryStores() });
