/** The catalogue cache: reads are remembered for their lifetime, writes through it are read back at once. */

import { describe, expect, it } from 'vitest';
import { CachedCatalogueStore } from '../../adapters/cached-catalogue.js';
import { MemoryCatalogueStore } from '../../adapters/memory/catalogue.js';
import { MemoryTable } from '../../adapters/memory/table.js';
import { withUnitDefaults } from '../../shared/domain/lineage.js';
import type { Unit } from '../../shared/domain/types.js';

const unit = (name: string): Unit => withUnitDefaults({ unitId: 'a', name, level: 'commune' });
const entry = { at: '2026-11-20T03:00:00.000Z', actor: 'quantri-1', role: 'admin' as const, action: 'unit-updated' };

function setup(soleWriter = false) {
  const inner = new MemoryCatalogueStore(new MemoryTable());
  let now = 0;
  const cached = new CachedCatalogueStore(inner, 5_000, () => now, soleWriter);
  return { inner, cached, advance: (ms: number) => (now += ms) };
}

describe('Class: CachedCatalogueStore', () => {
  it('serves a read again within its lifetime, and reads afresh after it', async () => {
    const { inner, cached, advance } = setup();
    await inner.saveUnit(unit('Xã A'), entry, 0);
    expect((await cached.getUnit('a'))?.name).toBe('Xã A');
    await inner.saveUnit(unit('Phường A'), entry, 1); // another container's change
    advance(4_999);
    expect((await cached.getUnit('a'))?.name).toBe('Xã A');
    advance(2);
    expect((await cached.getUnit('a'))?.name).toBe('Phường A');
  });

  it('reads its own writes at once', async () => {
    const { cached } = setup();
    expect(await cached.getUnit('a')).toBeNull();
    await cached.saveUnit(unit('Xã A'), entry, 0);
    expect((await cached.getUnit('a'))?.name).toBe('Xã A');
  });

  it('hands out frozen values, so no caller can change what the next request reads', async () => {
    const { cached } = setup();
    await cached.saveUnit(unit('Xã A'), entry, 0);
    const read = await cached.getUnit('a');
    expect(() => {
      (read as Unit).name = 'khác';
    }).toThrow(TypeError);
  });

  it('does not remember a failed read', async () => {
    const { inner, cached } = setup();
    let fail = true;
    const getUnit = inner.getUnit.bind(inner);
    inner.getUnit = async (id) => {
      if (fail) throw new Error('ProvisionedThroughputExceededException');
      return getUnit(id);
    };
    await expect(cached.getUnit('a')).rejects.toThrow();
    fail = false;
    expect(await cached.getUnit('a')).toBeNull();
  });

  it("reads the year's finalization fresh, unless it is the table's only writer; then its own finalizing is read at once", async () => {
    const final = {
      campaignId: 'c',
      year: 2026,
      state: 'final' as const,
      finalizedAt: '2026-12-30T03:00:00.000Z',
      finalizedBy: 'quantri-1',
      runId: null,
      rankingDigest: null,
      pendingRunId: 'r1',
      reopenedAt: null,
      reopenReason: null,
    };
    const shared = setup();
    expect(await shared.cached.getFinalization('c', 2026)).toBeNull();
    await shared.inner.saveFinalization(final, entry, 0); // another container finalizes
    expect((await shared.cached.getFinalization('c', 2026))?.state).toBe('final');

    const sole = setup(true);
    let reads = 0;
    const getFinalization = sole.inner.getFinalization.bind(sole.inner);
    sole.inner.getFinalization = (campaignId, year) => {
      reads++;
      return getFinalization(campaignId, year);
    };
    expect(await sole.cached.getFinalization('c', 2026)).toBeNull();
    expect(await sole.cached.getFinalization('c', 2026)).toBeNull();
    expect(reads).toBe(1);
    await sole.cached.saveFinalization(final, entry, 0);
    expect((await sole.cached.getFinalization('c', 2026))?.state).toBe('final');
    expect(reads).toBe(2);
  });
});
