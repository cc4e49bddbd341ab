/** Lambda entry point: the same handler the local server runs, wired to AWS from the environment. */
import { makeDeps } from '../../adapters/deps.js';
import { kmsBoardSignerFromEnv } from '../../adapters/kms-signer.js';
import { createResultsHandler } from './handler.js';

// Signed dossiers: the board's key in KMS, its certificate in the stage's SSM parameter.
export const handler = createResultsHandler({ ...makeDeps(), boardSigner: kmsBoardSignerFromEnv() });
