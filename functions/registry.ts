/** Every function's handler factory, by name: how the local server finds the handler a route belongs to. */
import type { Deps } from '../shared/ports/index.js';
import { createAggregationHandler } from './aggregation/handler.js';
import { createCatalogueHandler } from './catalogue/handler.js';
import { createFilesHandler } from './files/handler.js';
import { createHealthHandler } from './health/handler.js';
import type { ApiEvent, ApiResult } from './http.js';
import { createRemindersHandler } from './reminders/handler.js';
import { createResultsHandler } from './results/handler.js';
import { createReviewsHandler } from './reviews/handler.js';
import type { FunctionName } from './routes.js';
import { createScoresHandler } from './scores/handler.js';
import { createSubmissionsHandler } from './submissions/handler.js';

export type AnyHandler = (event: ApiEvent, context: import('aws-lambda').Context) => Promise<ApiResult | unknown>;

export const handlerFactories: Record<FunctionName, (deps: Deps) => AnyHandler> = {
  health: createHealthHandler,
  catalogue: createCatalogueHandler,
  submissions: createSubmissionsHandler,
  reviews: createReviewsHandler,
  scores: createScoresHandler,
  aggregation: createAggregationHandler as (deps: Deps) => AnyHandler,
  results: createResultsHandler,
  files: createFilesHandler,
  reminders: createRemindersHandler as (deps: Deps) => AnyHandler,
};
