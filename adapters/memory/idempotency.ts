/** Idempotency keys in memory: a repeated request gets the first answer, a concurrent one waits its turn. */
import type { IdempotencyRecord, IdempotencyStore, IdempotentAnswer } from '../../shared/ports/index.js';
import { copy } from './table.js';

export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly records = new Map<string, IdempotencyRecord>();

  async claim(scope: string, key: string, requestHash: string, now: Date, staleAfterMs: number, keepMs: number) {
    const k = `${scope}#${key}`;
    const existing = this.records.get(k);
    const free =
      !existing ||
      existing.expiresAt < Math.floor(now.getTime() / 1000) ||
      (existing.state === 'pending' &&
        existing.requestHash === requestHash &&
        existing.createdAt < new Date(now.getTime() - staleAfterMs).toISOString());
    if (!free) return copy(existing);
    this.records.set(k, {
      requestHash,
      state: 'pending',
      response: null,
      createdAt: now.toISOString(),
      expiresAt: Math.ceil((now.getTime() + keepMs) / 1000),
    });
    return null;
  }
  async complete(scope: string, key: string, response: IdempotentAnswer) {
    const r = this.records.get(`${scope}#${key}`);
    if (r) this.records.set(`${scope}#${key}`, { ...r, state: 'done', response: copy(response) });
  }
  async release(scope: string, key: string) {
    this.records.delete(`${scope}#${key}`);
  }
}
