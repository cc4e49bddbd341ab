/** The small interfaces the domain needs from the outside world; adapters implement them. */

import type { TieDecision } from './domain/awards.js';
import type { EvidenceFile, EvidenceType } from './domain/evidence-files.js';
import type { RankingEntry } from './domain/ranking.js';
import type { OutboxMessage, ScheduledJob } from './domain/reminders.js';
import type { LevelSummary } from './domain/report.js';
import type { MeetingMinutes, Objection, VoterRecord, VoteTotals } from './domain/round.js';
import type { CurrentFigure } from './domain/scoring.js';
import type { PdfSignature, TrustAnchor } from './domain/signatures.js';
import type { RoundStage } from './domain/stages.js';
import type { SlotKey } from './domain/submission-id.js';
import type {
  Actor,
  ApiClient,
  AuditEntry,
  Campaign,
  CampaignYear,
  ClientScope,
  ImportKind,
  ImportStatus,
  Level,
  Recommendation,
  Review,
  Submission,
  SubmissionStatus,
  Task,
  Unit,
  YearCluster,
} from './domain/types.js';
import type {
  AggregationStatus,
  AggregationTrigger,
  AwardRevocation,
  Finalization,
  RunProgress,
  UnitPage,
} from './domain/year-results.js';

export interface Clock {
  now(): Date;
}

export interface Page<T> {
  items: T[];
  nextToken: string | null;
}

/**
 * An audited item's revision: how many changes it has recorded (0: never written). It is the optimistic lock of
 * the next change; the entries themselves are items of their own, read page by page through the history methods.
 */
export interface Revised {
  revision: number;
}
export interface UnitRecord extends Unit, Revised {}
export interface CampaignRecord extends Campaign, Revised {}
export interface TaskCatalogueRecord extends Revised {
  tasks: Task[];
}
export interface CampaignYearRecord extends CampaignYear, Revised {
  /** Set (on the year's own item, read consistently) when the first report of the year is stored. */
  reported?: boolean;
}
export interface Reopening extends Revised {
  campaignId: string;
  unitId: string;
  year: number;
  until: string;
  reason: string;
}

export interface FinalizationRecord extends Finalization, Revised {}

/** A campaign year's clusters/blocks (cụm, khối thi đua của năm), each with its head and deputy, stored as one item. */
export interface YearClustersRecord extends Revised {
  campaignId: string;
  year: number;
  clusters: YearCluster[];
}

/** A page of a listing: at most `limit` items and, whatever the limit, at most PAGE_BYTES of them. */
export interface PageQuery {
  limit: number;
  nextToken?: string;
}
/**
 * The byte budget of one listing page (items as JSON, UTF-8): a page of the largest items (400 KB each in
 * DynamoDB) still answers well inside Lambda's 6 MB response limit.
 */
export const PAGE_BYTES = 1_000_000;

export interface CatalogueStore {
  getCampaign(campaignId: string): Promise<CampaignRecord | null>;
  listCampaigns(): Promise<CampaignRecord[]>;
  /** Creates or changes a campaign, recording `entry` in its history; conditional like saveUnit. */
  saveCampaign(campaign: Campaign, entry: AuditEntry, expectedRevision: number): Promise<boolean>;
  /** The recorded changes of a campaign and its task catalogues, oldest first. */
  campaignHistory(campaignId: string, page: PageQuery): Promise<Page<AuditEntry>>;
  getCampaignYear(campaignId: string, year: number): Promise<CampaignYearRecord | null>;
  /**
   * Stores the year and records `entry` in the same write, conditional on `expectedRevision` (0: must not exist
   * yet) and, unless `expectReported`, on the year having no report yet: false when someone changed it, or the
   * first report came, in between.
   */
  saveCampaignYear(
    campaignYear: CampaignYear,
    entry: AuditEntry,
    expectedRevision: number,
    expectReported: boolean,
  ): Promise<boolean>;
  /** Marks that the year has reports, if its rules are still those read at `expectedRevision`; false otherwise. */
  markReported(campaignId: string, year: number, expectedRevision: number): Promise<boolean>;
  getYearClusters(campaignId: string, year: number): Promise<YearClustersRecord | null>;
  /** Replaces a year's clusters, recording `entry` in the year's history; conditional like saveCampaignYear. */
  saveYearClusters(
    record: Omit<YearClustersRecord, 'revision'>,
    entry: AuditEntry,
    expectedRevision: number,
  ): Promise<boolean>;
  /** The recorded changes of a campaign year (its rules and its clusters), oldest first. */
  campaignYearHistory(campaignId: string, year: number, page: PageQuery): Promise<Page<AuditEntry>>;
  /** A catalogue's tasks ([] for an unknown catalogue). */
  getTasks(campaignId: string, catalogue: string): Promise<Task[]>;
  getTaskCatalogue(campaignId: string, catalogue: string): Promise<TaskCatalogueRecord | null>;
  /** Replaces a task catalogue, recording `entry` in the campaign's history; conditional like saveUnit. */
  saveTasks(
    campaignId: string,
    catalogue: string,
    tasks: Task[],
    entry: AuditEntry,
    expectedRevision: number,
  ): Promise<boolean>;
  getUnit(unitId: string): Promise<UnitRecord | null>;
  listUnits(filter: { level?: Level; cluster?: string }): Promise<Unit[]>;
  /** Conditional on `expectedRevision` (0: must not exist yet), like saveCampaignYear. */
  saveUnit(unit: Unit, entry: AuditEntry, expectedRevision: number): Promise<boolean>;
  getReopening(campaignId: string, unitId: string, year: number): Promise<Reopening | null>;
  /** Conditional on `expectedRevision` (0: no reopening yet), like saveCampaignYear. */
  saveReopening(reopening: Omit<Reopening, 'revision'>, entry: AuditEntry, expectedRevision: number): Promise<boolean>;
  getFinalization(campaignId: string, year: number): Promise<FinalizationRecord | null>;
  /** Records the year's finalization (or its reopening) in the year's history; conditional like saveCampaignYear. */
  saveFinalization(record: Finalization, entry: AuditEntry, expectedRevision: number): Promise<boolean>;
  /** A year's award revocations (bounded: at most one per ranked unit). */
  listRevocations(campaignId: string, year: number): Promise<AwardRevocation[]>;
  /** Records a revocation in the year's history; 0: there must be none for the unit yet. */
  saveRevocation(revocation: AwardRevocation, entry: AuditEntry): Promise<boolean>;
  /** A year's decisions on ties (bounded: one per award group and award). */
  listTieDecisions(campaignId: string, year: number): Promise<TieDecision[]>;
  /** Records a decision on a tie in the year's history; false when the group's award has one already. */
  saveTieDecision(decision: TieDecision, entry: AuditEntry): Promise<boolean>;
  /** The recorded changes of a unit and of its reopenings, oldest first. */
  unitHistory(unitId: string, page: PageQuery): Promise<Page<AuditEntry>>;
}

export type { SlotKey } from './domain/submission-id.js';

export interface SubmissionQuery {
  campaignId: string;
  year: number;
  unitId?: string;
  status?: SubmissionStatus;
  level?: Level;
  cluster?: string;
  criterionId?: string;
  limit: number;
  nextToken?: string;
  /** Oldest first (the review queue) or newest first. */
  oldestFirst: boolean;
}

/** A slot's current figure as the year-end run counts it, with what a third party needs to check it. */
export interface CountedFigure extends CurrentFigure {
  unitId: string;
  version: number;
  /** Who decided on it and when; null while it waits for review. */
  decidedBy: string | null;
  decidedAt: string | null;
  /** The SHA-256 of each evidence file it cites, in the order of its evidence. */
  fileHashes: string[];
}

export class VersionTaken extends Error {}
/** The year of the report was finalized: a store with transactions finds it inside the write itself. */
export class YearLocked extends Error {}

export interface SubmissionStore {
  get(submissionId: string): Promise<Submission | null>;
  /** Versions of one slot, oldest first, page by page. */
  slotVersions(key: SlotKey, page: PageQuery): Promise<Page<Submission>>;
  latestInSlot(key: SlotKey): Promise<Submission | null>;
  /**
   * Stores a new version and supersedes the slot's previous one: in one atomic write where the store has
   * transactions (AWS, DynamoDB Local), else in a second write. Throws VersionTaken when the version exists, and
   * YearLocked when the year is finalized (checked in the same transaction where the store has them).
   */
  create(submission: Submission, supersedes?: { previous: Submission; entry: AuditEntry }): Promise<void>;
  /** Marks an earlier version superseded (no-op when it already is). */
  supersede(previous: Submission, entry: AuditEntry): Promise<void>;
  /**
   * Records a decision if the submission is still `submitted` at `expectedVersion`; false otherwise. Throws
   * YearLocked when the year is finalized (in the same transaction where the store has them).
   */
  decide(submission: Submission, review: Review, entry: AuditEntry, expectedVersion: number): Promise<boolean>;
  /**
   * Records a head's recommendation if the submission is still `submitted` at `expectedVersion` and is not the
   * recommending unit's own (OwnUnitDecision); false otherwise. The status does not change.
   */
  recommend(
    submission: Submission,
    recommendation: Recommendation,
    entry: AuditEntry,
    expectedVersion: number,
  ): Promise<boolean>;
  list(query: SubmissionQuery): Promise<Page<Submission>>;
  /** The latest version of every slot of a campaign year (optionally one unit). */
  currentFigures(
    campaignId: string,
    year: number,
    unitId?: string,
  ): Promise<{
    figures: CountedFigure[];
    itemsRead: number;
    /** The cited files with digital signatures (Submission.signedEvidence), by unit and SHA-256. */
    signedFiles: Array<{ unitId: string; sha256: string }>;
  }>;
}

export interface AggregationRun {
  campaignId: string;
  year: number;
  runId: string;
  trigger: AggregationTrigger;
  /** queued (asked for, not yet started), running, then succeeded (its results are the year's), failed, or discarded. */
  status: AggregationStatus;
  startedAt: string;
  finishedAt: string | null;
  /** A running run holds this lease: past it without finishing, the run died (a killed process, a timeout). */
  leaseUntil: string | null;
  startedBy: string;
  /** The name of the person who asked for it (people are shown by name, never by their sign-in subject). */
  startedByName?: string;
  /** The run that finalizes its year: the only one a finalized year publishes. */
  finalizing?: boolean;
  /** Where a running run stands (the console shows it while it polls). */
  progress?: RunProgress | null;
  counts: {
    units: number;
    figures: number;
    itemsRead: number;
    itemsWritten: number;
    rankingDigest: string | null;
  } | null;
  error: string | null;
  /** The run's verifiable scorecard (a ZIP in the blob store), when the run had a blob store. */
  bundle?: { key: string; sha256: string; bytes: number } | null;
}

/** What a year-end run produces: a function of its inputs only, so a repeated run stores the same bytes. */
export interface YearResults {
  rankings: RankingEntry[];
  summary: LevelSummary[];
  digest: string;
  /** Each ranked unit's page (its score by criterion and its figures): the public scorecard and the dossier read it. */
  pages: UnitPage[];
}

/** Why a run's results were not made the year's: the year is final, a newer run is, or the run lost its lease. */
export type PublishRefusal = 'finalized' | 'superseded' | 'lease-lost';

export interface ResultStore {
  putRun(run: AggregationRun): Promise<void>;
  /**
   * Starts a queued run under its lease (or tries a failed one again, or takes over one whose lease ran out): false
   * when another execution holds it or it has succeeded, so a job delivered twice runs once.
   */
  startRun(run: AggregationRun, now: Date): Promise<boolean>;
  getRun(campaignId: string, year: number, runId: string): Promise<AggregationRun | null>;
  /** The year's runs, newest first (bounded: runs are an admin's or a schedule's, a few a year). */
  listRuns(campaignId: string, year: number): Promise<AggregationRun[]>;
  /** Writes a run's results under its own id; no other run's are touched, and no reader sees them until published. */
  writeResults(campaignId: string, year: number, runId: string, results: YearResults): Promise<number>;
  /**
   * Makes the run's results the year's, by one conditional write (a transaction where the store has them): it holds
   * while the run is still running under its lease, the year is not finalized (or this is the run its finalization
   * waits for), and no run started later is published already. Null when published, else why not.
   */
  publishResults(run: AggregationRun, now: Date): Promise<PublishRefusal | null>;
  /** The published run's results: one run's, never a mix of two. */
  readResults(campaignId: string, year: number): Promise<(Omit<YearResults, 'pages'> & { runId: string }) | null>;
  /** One unit's page of the published run. */
  readUnitPage(campaignId: string, year: number, unitId: string): Promise<UnitPage | null>;
  /** Removes the results of runs not published, or superseded, before `before`: readers are done with them. */
  pruneResults(campaignId: string, year: number, before: Date): Promise<number>;
}

export type IdempotentAnswer = { statusCode: number; body: string; sha256?: string };
export interface IdempotencyRecord {
  requestHash: string;
  state: 'pending' | 'done';
  /** The answer to replay, or, for one too large to keep, its SHA-256 only. */
  response: IdempotentAnswer | null;
  createdAt: string;
  /** Epoch seconds after which the record counts as absent (and DynamoDB's TTL removes it). */
  expiresAt: number;
}
export interface IdempotencyStore {
  /**
   * Claims the key for `keepMs`; returns the existing record when it is taken. A pending claim older than
   * `staleAfterMs` is taken over by the same request; an expired record counts as absent.
   */
  claim(
    scope: string,
    key: string,
    requestHash: string,
    now: Date,
    staleAfterMs: number,
    keepMs: number,
  ): Promise<IdempotencyRecord | null>;
  complete(scope: string, key: string, response: IdempotentAnswer): Promise<void>;
  release(scope: string, key: string): Promise<void>;
}

export interface ApiClientRecord extends ApiClient, Revised {}

/** The registry of units' IT systems: which unit a client acts for, and whether it is revoked. */
export interface ClientStore {
  getClient(clientId: string): Promise<ApiClientRecord | null>;
  /** A unit's clients, newest first (bounded: a unit registers at most MAX_CLIENTS_PER_UNIT). */
  listClients(unitId: string): Promise<ApiClientRecord[]>;
  /** Stores the client and records `entry` in its unit's history; conditional on `expectedRevision` like saveUnit. */
  saveClient(client: ApiClient, entry: AuditEntry, expectedRevision: number): Promise<boolean>;
  /**
   * Claims a free one of the unit's `limit` client places for `holder`, each place by its own conditional write (two
   * registrations never take the same one): the place, or null when all are taken. The decision comes first; the
   * client is created after it.
   */
  claimClientPlace(unitId: string, holder: string, limit: number): Promise<number | null>;
  /** Gives a place back if `holder` still holds it (a revocation, a registration that failed after its claim). */
  releaseClientPlace(unitId: string, place: number, holder: string): Promise<void>;
}

/**
 * The identity provider that holds machine clients' secrets and issues their tokens (client-credentials grant):
 * Cognito app clients in AWS, the local server's token endpoint locally.
 */
export interface ClientIssuer {
  create(name: string, scopes: ClientScope[]): Promise<{ clientId: string; clientSecret: string }>;
  /** Idempotent: removing a client that is gone already succeeds. */
  remove(clientId: string): Promise<void>;
}

export interface EvidenceFileRecord extends EvidenceFile, Revised {}

/** The records of evidence files (their bytes are in a BlobStore); each change is an entry of the unit's history. */
export interface EvidenceFileStore {
  getFile(fileId: string): Promise<EvidenceFileRecord | null>;
  /**
   * The signatures read in each of these files, by file id: files without any (or unknown) are left out. Many at
   * once, for the year-end run that cites every file of the year.
   */
  signaturesOf(fileIds: readonly string[]): Promise<Map<string, PdfSignature[]>>;
  /** A unit's files, newest first, page by page. */
  listFiles(unitId: string, page: PageQuery): Promise<Page<EvidenceFileRecord>>;
  /** Conditional on `expectedRevision` (0: must not exist yet), like saveUnit. */
  saveFile(file: EvidenceFile, entry: AuditEntry, expectedRevision: number): Promise<boolean>;
}

/** A link that takes the bytes of one upload: the client sends them with exactly these headers. */
export interface UploadTarget {
  url: string;
  method: 'PUT';
  headers: Record<string, string>;
}

/**
 * Where bytes are kept: a private S3 bucket in AWS, a directory of the local server's data. Links are signed and
 * short-lived; an upload link takes only the declared bytes (the store checks size and SHA-256 itself).
 */
export interface BlobStore {
  uploadLink(
    key: string,
    declared: { size: number; sha256: string; contentType: EvidenceType },
    expiresAt: Date,
  ): Promise<UploadTarget>;
  /** The bytes, or null when there are none (at most MAX_EVIDENCE_FILE_BYTES are ever read). */
  read(key: string): Promise<Uint8Array | null>;
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** Keeps these files as one ZIP at `key` (the same files and time make the same bytes); says what it kept. */
  putArchive(key: string, files: Record<string, Uint8Array>, mtime: Date): Promise<{ sha256: string; bytes: number }>;
  /** Copies the bytes to `to` and removes `from` (an upload becomes a stored file once checked). */
  move(from: string, to: string): Promise<void>;
  /** Idempotent: removing what is gone succeeds. */
  remove(key: string): Promise<void>;
  downloadLink(key: string, as: { fileName: string; contentType: string }, expiresAt: Date): Promise<string>;
}

/**
 * Fires what a campaign year's calendar schedules (its year-end run, reminders, the reviewers' digest): EventBridge
 * Scheduler schedules in AWS, timers locally.
 */
export interface JobScheduler {
  /**
   * The year's schedules become exactly `jobs`: new ones created, changed ones moved, ones no longer asked for
   * removed ([] removes them all). The same jobs again change nothing.
   */
  scheduleYear(campaignId: string, year: number, jobs: ScheduledJob[]): Promise<void>;
}

/**
 * Work that can outgrow a request (a year-end run, a large sheet import), done by the function that owns it, started
 * apart from the request.
 */
export type Job =
  | { kind: 'aggregation'; campaignId: string; year: number; runId: string }
  | { kind: 'import'; importId: string };

/**
 * A sheet import too large for one request, done as a job: who sent which file for what, and where it stands. The
 * sheet and the whole answer (every row, or every problem) stay in the blob store under imports/{importId}/, so the
 * record stays small however many rows the file has.
 */
export interface ImportJob {
  importId: string;
  kind: ImportKind;
  campaignId: string | null;
  year: number | null;
  dryRun: boolean;
  format: 'csv' | 'xlsx';
  fileSha256: string;
  rows: number;
  startedBy: Actor;
  status: ImportStatus;
  createdAt: string;
  finishedAt: string | null;
  /** The HTTP status a request would have answered with, once ended (200, or the refusal's 4xx). */
  answerStatus: number | null;
  /** Epoch seconds after which the record may go (DynamoDB's TTL; readers check it too). */
  expiresAt: number;
}

/** Import jobs' records. */
export interface ImportStore {
  createImport(job: ImportJob): Promise<void>;
  getImport(importId: string): Promise<ImportJob | null>;
  /** Stores the job's next state if its status is still one of `from`: false when another run moved it first. */
  moveImport(job: ImportJob, from: ImportStatus[]): Promise<boolean>;
}

/**
 * Starts a job and returns at once: Lambda invokes the owning function asynchronously (retried, then sent to the
 * dead-letter queue), the local server runs it in the background.
 */
export interface JobRunner {
  start(job: Job): Promise<void>;
}

/** The messages the platform sends: each kept once under its id, listed per mailbox (newest first). */
export interface MessageStore {
  /**
   * Stores the message (status `sending`) unless one with its id is there, or is there but failed: true when this
   * caller may now send it, false when it was sent (or is being sent) already. So a reminder goes at most once.
   */
  claimMessage(message: OutboxMessage): Promise<boolean>;
  /** Records how the sending ended (status, sentAt, error). */
  finishMessage(message: OutboxMessage): Promise<void>;
  listMessages(mailbox: string, page: PageQuery): Promise<Page<OutboxMessage>>;
}

/** Sends e-mail: Amazon SES in AWS, files in the data directory's outbox locally. */
export interface Mailer {
  send(message: Pick<OutboxMessage, 'messageId' | 'to' | 'subject' | 'text'>): Promise<void>;
}

/** An admin's reopening of a round stage for a year (mở lại giai đoạn), until an instant, with its reason. */
export interface StageReopening extends Revised {
  campaignId: string;
  year: number;
  stage: RoundStage;
  until: string;
  reason: string;
}
export interface ObjectionRecord extends Objection, Revised {}
export interface MinutesRecord extends MeetingMinutes, Revised {}

/** A head cannot decide on its own unit's report: the store refuses it inside the write (conflict of interest). */
export class OwnUnitDecision extends Error {}

/**
 * The bình xét round's records. Every change is audited in the year's history; lists are bounded by the year's
 * units (one objection per unit and criterion, one ballot per member) and read page by page where they can grow.
 */
export interface RoundStore {
  getStageReopening(campaignId: string, year: number, stage: RoundStage): Promise<StageReopening | null>;
  saveStageReopening(
    r: Omit<StageReopening, 'revision'>,
    entry: AuditEntry,
    expectedRevision: number,
  ): Promise<boolean>;
  getObjection(campaignId: string, year: number, unitId: string, criterionId: string): Promise<ObjectionRecord | null>;
  /** 0: there must be none for the unit and criterion yet. */
  saveObjection(o: Objection, entry: AuditEntry, expectedRevision: number): Promise<boolean>;
  /** A year's objections (a unit's only, when given), by unit and criterion. */
  listObjections(
    campaignId: string,
    year: number,
    unitId: string | null,
    page: PageQuery,
  ): Promise<Page<ObjectionRecord>>;
  /**
   * Records that the unit voted and adds its ballot to the cluster's totals (a blank ballot: to the count of
   * ballots only), in one transaction where the store has them (else the voter first, so a unit is counted at most
   * once); false when the unit has voted already (nothing stored). No item keeps the ballot itself.
   */
  castBallot(voter: VoterRecord, candidates: string[], entry: AuditEntry): Promise<boolean>;
  listVoters(campaignId: string, year: number, clusterId: string): Promise<VoterRecord[]>;
  voteTotals(campaignId: string, year: number, clusterId: string): Promise<VoteTotals>;
  getMinutes(campaignId: string, year: number, clusterId: string): Promise<MinutesRecord | null>;
  saveMinutes(m: MeetingMinutes, entry: AuditEntry, expectedRevision: number): Promise<boolean>;
}

/** The certificates the province trusts for signatures in evidence (bounded: an admin adds a few CAs). */
export interface TrustAnchorStore {
  listTrustAnchors(): Promise<TrustAnchor[]>;
  /** Adds the anchor and records `entry` in the trust anchors' history; false when it is there already. */
  addTrustAnchor(anchor: TrustAnchor, entry: AuditEntry): Promise<boolean>;
}

/**
 * Reads digital signatures (PDF structure, CMS, X.509): PKI.js in the files function (loaded on first use) and the
 * local server. A file it cannot read is reported, never thrown.
 */
export interface SignatureReader {
  read(pdf: Uint8Array, anchors: TrustAnchor[], now: Date): Promise<PdfSignature[]>;
  /** A certificate (PEM, or DER in base64) as an anchor would keep it; null when the text is no certificate. */
  describe(certificate: string): Promise<(Omit<TrustAnchor, 'addedAt' | 'addedBy'> & { isCa: boolean }) | null>;
}

/**
 * Signs what the board issues (Ban Thi đua - Khen thưởng): award dossiers as signed PDFs (PAdES) and the scorecard
 * bundle's manifest as a detached CMS. In AWS the key stays in KMS (it is sent digests only); locally a key and
 * certificate the local server made in its data directory.
 */
export interface BoardSigner {
  /** Who signs, as the certificate names it; a 409 while the deployment has no certificate for its key. */
  signer(): Promise<string>;
  signPdf(pdf: Uint8Array, label: { reason: string; location: string }, at: Date): Promise<Uint8Array>;
  /** A detached CMS SignedData (DER) over `bytes`, with the board's certificate chain. */
  signDetached(bytes: Uint8Array, at: Date): Promise<Uint8Array>;
}

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
