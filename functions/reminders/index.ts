/** Lambda entry point: the same handler the local server runs, wired to AWS from the environment. */
import { makeDeps } from '../../adapters/deps.js';
import { sesMailerFromEnv } from '../../adapters/ses-mailer.js';
import { createRemindersHandler } from './handler.js';

export const handler = createRemindersHandler({ ...makeDeps(), mailer: sesMailerFromEnv() });
