/** Lambda entry point: the same handler the local server runs, wired to AWS from the environment. */
import { makeDeps } from '../../adapters/deps.js';
import { createFilesHandler } from './handler.js';

export const handler = createFilesHandler(makeDeps());
