/** The single-table layout, shared by the local store's CreateTable and the CDK table so the two cannot drift. */
export const TABLE_KEYS = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /** Temporary items (idempotency records) carry their expiry here, in epoch seconds; readers check it too. */
  timeToLiveAttribute: 'expiresAt',
  indexes: [
    /** Current figure of each slot (latest version only): the year-end run reads this, not the history. */
    {
      indexName: 'GSI1',
      partitionKey: 'GSI1PK',
      sortKey: 'GSI1SK',
      // Only what scoring needs: a smaller index is cheaper to read (RCUs in AWS, bytes in dynalite).
      nonKeyAttributes: ['status', 'value', 'review', 'version', 'fileHashes', 'signedEvidence'],
    },
    /** Listings: submissions by status (the review queue, oldest first), all units, all campaigns. */
    { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK', nonKeyAttributes: null },
  ],
} as const;

export const CURRENT_SHARDS = 8;
function shardOf(unitId: string): number {
  let h = 0;
  for (let i = 0; i < unitId.length; i++) h = (h * 31 + unitId.charCodeAt(i)) >>> 0;
  return h % CURRENT_SHARDS;
}

export const keys = {
  campaign: (campaignId: string) => ({ PK: `CAMPAIGN#${campaignId}`, SK: 'CAMPAIGN' }),
  campaignYear: (campaignId: string, year: number) => ({ PK: `CAMPAIGN#${campaignId}`, SK: `YEAR#${year}` }),
  yearClusters: (campaignId: string, year: number) => ({ PK: `CAMPAIGN#${campaignId}`, SK: `CLUSTERS#${year}` }),
  /** A unit's revoked award of a year (thu hồi), beside the year's rules; listed by the prefix. */
  revocation: (campaignId: string, year: number, unitId: string) => ({
    PK: `CAMPAIGN#${campaignId}`,
    SK: `REVOKE#${year}#${unitId}`,
  }),
  /** An admin's decision on a tie of an award group, beside the year's rules; listed by the prefix. */
  tieDecision: (campaignId: string, year: number, group: string, award: string) => ({
    PK: `CAMPAIGN#${campaignId}`,
    SK: `TIE#${year}#${group}#${award}`,
  }),
  /** A year's finalization (chốt kết quả), beside the year's rules. */
  finalization: (campaignId: string, year: number) => ({ PK: `CAMPAIGN#${campaignId}`, SK: `FINAL#${year}` }),
  /** An admin's reopening of a round stage of a year, beside the year's rules. */
  stageReopening: (campaignId: string, year: number, stage: string) => ({
    PK: `CAMPAIGN#${campaignId}`,
    SK: `STAGE#${year}#${stage}`,
  }),
  /** A year's objections in one partition, by unit and criterion (a unit's are one prefix). */
  objections: (campaignId: string, year: number) => `OBJ#${campaignId}#${year}`,
  objection: (campaignId: string, year: number, unitId: string, criterionId: string) => ({
    PK: keys.objections(campaignId, year),
    SK: `U#${unitId}#C#${criterionId}`,
  }),
  /** A cluster's vote of a year: who voted (VOTER#unit) and the running totals (TOTALS); no ballot is kept. */
  vote: (campaignId: string, year: number, clusterId: string) => `VOTE#${campaignId}#${year}#${clusterId}`,
  minutes: (campaignId: string, year: number, clusterId: string) => ({
    PK: `CAMPAIGN#${campaignId}`,
    SK: `MINUTES#${year}#${clusterId}`,
  }),
  tasks: (campaignId: string, catalogue: string) => ({ PK: `CAMPAIGN#${campaignId}`, SK: `TASKS#${catalogue}` }),
  unit: (unitId: string) => ({ PK: `UNIT#${unitId}`, SK: 'UNIT' }),
  reopening: (campaignId: string, unitId: string, year: number) => ({
    PK: `UNIT#${unitId}`,
    SK: `REOPEN#${campaignId}#${year}`,
  }),
  /** A unit's IT system, found by the id in its tokens; listed per unit through GSI2. */
  // The id in the sort key too: an audit entry's key names the item (two clients of a unit made in one instant).
  apiClient: (clientId: string) => ({ PK: `CLIENT#${clientId}`, SK: `CLIENT#${clientId}` }),
  unitClients: (unitId: string) => `CLIENTS#${unitId}`,
  clientPlace: (unitId: string, place: number) => ({ PK: `UNIT#${unitId}`, SK: `CLIENTPLACE#${place}` }),
  /** An evidence file's record, found by its id; listed per unit, newest first, through GSI2. */
  evidenceFile: (fileId: string) => ({ PK: `FILE#${fileId}`, SK: `FILE#${fileId}` }),
  unitFiles: (unitId: string) => `FILES#${unitId}`,
  /** A message the platform sent (or kept), found by its id; listed per mailbox, newest first, through GSI2. */
  trustAnchor: (sha256: string) => ({ PK: 'TRUST', SK: `ANCHOR#${sha256}` }),
  trustAnchors: 'TRUST',
  importJob: (importId: string) => ({ PK: `IMPORT#${importId}`, SK: `IMPORT#${importId}` }),
  message: (messageId: string) => ({ PK: `MSG#${messageId}`, SK: `MSG#${messageId}` }),
  mailbox: (mailbox: string) => `MAILBOX#${mailbox}`,
  unitYear: (campaignId: string, year: number, unitId: string) => `UY#${campaignId}#${year}#${unitId}`,
  slotPrefix: (slotId: string) => `S#${slotId}#V#`,
  submission: (k: { campaignId: string; year: number; unitId: string; slotId: string; version: number }) => ({
    PK: keys.unitYear(k.campaignId, k.year, k.unitId),
    SK: `${keys.slotPrefix(k.slotId)}${String(k.version).padStart(6, '0')}`,
  }),
  /** The current-figure index is spread over CURRENT_SHARDS partitions (by unit) so a run reads them in parallel. */
  current: (campaignId: string, year: number, unitId: string) => `CUR#${campaignId}#${year}#${shardOf(unitId)}`,
  currentShards: (campaignId: string, year: number) =>
    Array.from({ length: CURRENT_SHARDS }, (_, i) => `CUR#${campaignId}#${year}#${i}`),
  /**
   * The review queue (reports by status) is sharded by unit like the current-figure index: one partition per
   * status would take every report of a deadline rush, more than one partition can, and AWS cannot split it.
   */
  status: (campaignId: string, year: number, status: string, unitId: string) =>
    `ST#${campaignId}#${year}#${status}#${shardOf(unitId)}`,
  statusShards: (campaignId: string, year: number, status: string) =>
    Array.from({ length: CURRENT_SHARDS }, (_, i) => `ST#${campaignId}#${year}#${status}#${i}`),
  runs: (campaignId: string, year: number) => `RUN#${campaignId}#${year}`,
  run: (r: { campaignId: string; year: number; runId: string }) => ({
    PK: keys.runs(r.campaignId, r.year),
    SK: `RUN#${r.runId}`,
  }),
  rankings: (campaignId: string, year: number) => `RANKING#${campaignId}#${year}`,
  /**
   * An audit entry is an item of its own (so no item grows with its history), in the partition of the history it
   * belongs to, in time order: a unit's history holds its own changes and its reopenings'. The revision it made
   * is in its key, beside the changed item's sort key.
   */
  audit: (history: string, item: { SK: string }, at: string, revision: number) => ({
    PK: keys.history(history),
    SK: `${at}#${item.SK}#${String(revision).padStart(8, '0')}`,
  }),
  history: (history: string) => `HIST#${history}`,
  unitHistory: (unitId: string) => `UNIT#${unitId}`,
  campaignHistory: (campaignId: string) => `CAMPAIGN#${campaignId}`,
  campaignYearHistory: (campaignId: string, year: number) => `YEAR#${campaignId}#${year}`,
  idempotency: (scope: string, key: string) => ({ PK: `IDEM#${scope}#${key}`, SK: 'IDEM' }),
  pageTokenKey: { PK: 'CONFIG', SK: 'PAGE_TOKEN_KEY' },
};
