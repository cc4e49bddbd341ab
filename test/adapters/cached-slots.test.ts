/**
 * The sole writer's slot cache: a report reads back the version it wrote without asking the store, every write
 * through the cache is read back at once, and under any interleaving of reports, decisions and reads the cache
 * ends up saying what the store says.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CachedSlotStore } from '../../adapters/cached-slots.js';
import { MemorySubmissionStore } from '../../adapters/memory/submissions.js';
import { encodeSubmissionId } from '../../shared/domain/submission-id.js';
import type { Review, Submission } from '../../shared/domain/types.js';
import { type SlotKey, type SubmissionStore, VersionTaken } from '../../shared/ports/index.js';

const slotA: SlotKey = { campaignId: 'hp-175', year: 2026, unitId: 'xa-a', slotId: 'ho-so-truc-tuyen' };
const slotB: SlotKey = { ...slotA, unitId: 'xa-b' };
const entry = { at: '2026-11-20T03:00:00.000Z', actor: 'u-1', role: 'unit' as const, action: 'submitted' };
const review: Review = {
  decision: 'approved',
  comment: null,
  correctedValue: null,
  points: null,
  decidedBy: 'tdkt-1',
  decidedAt: '2026-11-21T03:00:00.000Z',
};

const version = (slot: SlotKey, v: number): Submission => ({
  ...slot,
  submissionId: encodeSubmissionId({ ...slot, version: v }),
  criterionId: slot.slotId,
  value: { kind: 'ratio', numerator: 800 + v, denominator: 1000 },
  evidence: [],
  status: 'submitted',
  version: v,
  submittedAt: entry.at,
  submittedBy: 'u-1',
  review: null,
  audit: [entry],
  unitName: 'Xã',
  unitLevel: 'commune',
  unitCluster: null,
});

/** Reads and writes the way the domain does: the next version after the latest, superseding it. */
async function report(store: SubmissionStore, slot: SlotKey) {
  for (let attempt = 0; attempt < 8; attempt++) {
    const latest = await store.latestInSlot(slot);
    const next = version(slot, (latest?.version ?? 0) + 1);
    try {
      await store.create(next, latest?.status === 'submitted' ? { previous: latest, entry } : undefined);
      return next;
    } catch (e) {
      if (!(e instanceof VersionTaken)) throw e;
    }
  }
  return null;
}

/** The memory store counting the latest-version reads that reach it. */
function counted() {
  const inner = new MemorySubmissionStore();
  const reads = { n: 0 };
  const latestInSlot = inner.latestInSlot.bind(inner);
  inner.latestInSlot = (k) => {
    reads.n++;
    return latestInSlot(k);
  };
  return { inner, reads, cached: new CachedSlotStore(inner) };
}

describe('Class: CachedSlotStore', () => {
  it("reads back the version it wrote without asking the store, and a copy of it: the caller's object stays its own", async () => {
    const { cached, reads } = counted();
    const first = await report(cached, slotA);
    expect(reads.n).toBe(1);
    const second = await report(cached, slotA);
    expect(reads.n).toBe(1);
    expect(second?.version).toBe(2);
    const latest = await cached.latestInSlot(slotA);
    expect(latest).toEqual(second);
    expect(latest).not.toBe(second);
    expect(Object.isFrozen(second)).toBe(false);
    expect(() => {
      (latest as Submission).status = 'approved';
    }).toThrow(TypeError);
    expect(first?.version).toBe(1);
  });

  it('reads a slot afresh after a decision, a recommendation or a supersession through it', async () => {
    const { cached, inner } = counted();
    const s = (await report(cached, slotA))!;
    expect(await cached.decide(s, review, entry, 1)).toBe(true);
    expect((await cached.latestInSlot(slotA))?.status).toBe('approved');
    const t = (await report(cached, slotA))!;
    expect((await inner.latestInSlot(slotA))?.version).toBe(2);
    const recommendation = {
      decision: 'approved' as const,
      comment: 'đúng',
      correctedValue: null,
      points: null,
      recommendedBy: 'head-1',
      recommendedAt: entry.at,
      capacity: 'cluster-head' as const,
      unitId: 'phuong-c',
    };
    expect(await cached.recommend(t, recommendation, entry, 2)).toBe(true);
    expect((await cached.latestInSlot(slotA))?.recommendation?.comment).toBe('đúng');
    await cached.supersede(t, entry);
    expect((await cached.latestInSlot(slotA))?.status).toBe('superseded');
  });

  it('forgets a slot whose version was taken, and does not remember a failed read', async () => {
    const { cached, inner, reads } = counted();
    await report(cached, slotA);
    await inner.create(version(slotA, 2)); // a write that did not pass through the cache
    await expect(cached.create(version(slotA, 2))).rejects.toThrow(VersionTaken);
    expect((await cached.latestInSlot(slotA))?.version).toBe(2);
    expect(reads.n).toBe(2);

    const latestInSlot = inner.latestInSlot.bind(inner);
    inner.latestInSlot = async () => {
      throw new Error('ProvisionedThroughputExceededException');
    };
    await expect(cached.latestInSlot(slotB)).rejects.toThrow();
    inner.latestInSlot = latestInSlot;
    expect(await cached.latestInSlot(slotB)).toBeNull();
  });

  it('remembers at most its capacity of slots, the least recently used forgotten first', async () => {
    const inner = new MemorySubmissionStore();
    let reads = 0;
    const latestInSlot = inner.latestInSlot.bind(inner);
    inner.latestInSlot = (k) => {
      reads++;
      return latestInSlot(k);
    };
    const cached = new CachedSlotStore(inner, 2);
    const slotC = { ...slotA, unitId: 'xa-c' };
    await cached.latestInSlot(slotA);
    await cached.latestInSlot(slotB);
    await cached.latestInSlot(slotA); // A is now the most recent
    await cached.latestInSlot(slotC); // B goes
    expect(reads).toBe(3);
    await cached.latestInSlot(slotA);
    expect(reads).toBe(3);
    await cached.latestInSlot(slotB);
    expect(reads).toBe(4);
  });

  it('says what the store says after any interleaving of reports, decisions and reads of two slots', async () => {
    const op = fc.record({
      slot: fc.constantFrom(slotA, slotB),
      kind: fc.constantFrom('report', 'decide', 'read'),
    });
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(op, { minLength: 1, maxLength: 8 }), async (s, ops) => {
        const inner = new MemorySubmissionStore();
        let scheduling = true;
        // Every store call takes effect at a scheduled moment and answers at another: reads may arrive stale.
        const delayed = new Proxy(inner, {
          get(target, name) {
            const f = Reflect.get(target, name, target);
            if (typeof f !== 'function') return f;
            return async (...args: unknown[]) => {
              if (scheduling) await s.schedule(Promise.resolve(), `${String(name)} runs`);
              const out = await f.apply(target, args);
              if (scheduling) await s.schedule(Promise.resolve(), `${String(name)} answers`);
              return out;
            };
          },
        });
        const cached = new CachedSlotStore(delayed);
        const running = ops.map(async ({ slot, kind }) => {
          await s.schedule(Promise.resolve(), `${kind} starts`); // each at its own moment, under way or not
          if (kind === 'report') return report(cached, slot);
          const latest = await cached.latestInSlot(slot);
          if (kind === 'decide' && latest?.status === 'submitted')
            await cached.decide(latest, review, entry, latest.version);
        });
        await s.waitFor(Promise.all(running));
        scheduling = false;
        for (const slot of [slotA, slotB])
          expect(await cached.latestInSlot(slot)).toEqual(await inner.latestInSlot(slot));
      }),
      { numRuns: 3000 },
    );
  });
});
