/** Lambda entry point: the same handler the local server runs, wired to AWS from the environment. */
import { makeDeps } from '../../adapters/deps.js';
import { createCatalogueHandler } from './handler.js';

// Admins change the catalogue here, under optimistic locks: this function always reads it fresh.
export const handler = createCatalogueHandler(makeDeps({ catalogueCacheMs: 0 }));
