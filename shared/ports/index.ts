/**
 * The small interfaces the domain needs from the outside world, one module per port; adapters implement them. Deps is
 * what a use case is given: every store, and the outside services the function at hand has.
 */

import type { CatalogueStore } from './catalogue.js';
import type { ClientIssuer, ClientStore } from './clients.js';
import type { Clock } from './common.js';
import type { BlobStore, EvidenceFileStore } from './files.js';
import type { IdempotencyStore } from './idempotency.js';
import type { ImportStore, JobRunner, JobScheduler } from './jobs.js';
import type { Mailer, MessageStore } from './messages.js';
import type { ResultStore } from './results.js';
import type { RoundStore } from './round.js';
import type { BoardSigner, SignatureReader, TrustAnchorStore } from './signatures.js';
import type { SubmissionStore } from './submissions.js';

export interface Stores {
  catalogue: CatalogueStore;
  trust: TrustAnchorStore;
  round: RoundStore;
  clients: ClientStore;
  files: EvidenceFileStore;
  messages: MessageStore;
  submissions: SubmissionStore;
  results: ResultStore;
  idempotency: IdempotencyStore;
  imports: ImportStore;
}
export interface Deps extends Stores {
  clock: Clock;
  /** The campaign that /v1/criteria etc. use when none is named. */
  defaultCampaignId: string;
  /** Only the function that registers machine clients has one (the catalogue function, the local server). */
  clientIssuer?: ClientIssuer;
  /** Only the function that saves campaigns and their years (the catalogue function, the local server) schedules. */
  scheduler?: JobScheduler;
  /** Only the reminders function (and the local server) sends mail. */
  mailer?: Mailer;
  /** Evidence files' and scorecard bundles' bytes: every function that serves files or runs the year-end has one. */
  blobs?: BlobStore;
  /**
   * Where long work goes (year-end runs, large imports): without one, the use case does it within the request (seed,
   * tests).
   */
  jobs?: JobRunner;
  /** Signs dossiers and scorecard manifests: the results and aggregation functions and the local server. */
  boardSigner?: BoardSigner;
  /** Reads signatures in PDFs: the files function and the local server have one. */
  signatures?: SignatureReader;
  /** Where machine clients ask for tokens (Cognito's /oauth2/token, or the local server's): told to integrators. */
  tokenUrl?: string;
}

export * from './catalogue.js';
export * from './clients.js';
export * from './common.js';
export * from './files.js';
export * from './idempotency.js';
export * from './jobs.js';
export * from './messages.js';
export * from './results.js';
export * from './round.js';
export * from './signatures.js';
export * from './submissions.js';
