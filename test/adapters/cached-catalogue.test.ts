/** The catalogue cache: reads are remembered for their lifetime, writes through it are read back at once. */

import { describe, expect, it } from 'vitest';
import { CachedCatalogueStore } from '../../adapters/cached-catalogue.js';
import { MemoryCatalogueStore } from '../../adapters/memory/store.js';
import { withUnitDefaults } from '../../shared/domain/lineage.js';
import type { Unit } from '../../shared/domain/types.js';

const unit = (name: string): Unit => withUnitDefaults({ unitId: 'a', name, level: 'commune' });
const entry = { at: '2026-11-20T03:00:00.000Z', actor: 'quantri-1', role: 'admin' as const, action: 'unit-updated' };

function setup() {
  const inner = new MemoryCatalogueStore();
  let now = 0;
  const cached = new CachedCatalogueStore(inner, 5_000, () => now);
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
});
