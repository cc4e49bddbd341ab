/** The idempotency store: the answer a request with an Idempotency-Key gave, kept so a retry gets it again. */

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
