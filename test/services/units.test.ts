/**
 * Units over time and campaigns as data, as use cases on the in-memory stores: every refusal names its row or
 * field, and nothing is stored unless all is well.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../adapters/deps.js';
import { memoryStores } from '../../adapters/memory/stores.js';
import { seedCatalogue } from '../../local/seed/index.js';
import type { SheetRow } from '../../shared/domain/tables.js';
import type { Actor } from '../../shared/domain/types.js';
import type { Deps } from '../../shared/ports/index.js';
import { getTaskCatalogue, saveCampaign, saveTaskCatalogue } from '../../shared/services/campaigns.js';
import { saveCampaignYear } from '../../shared/services/catalogue.js';
import { importClusters, importUnits } from '../../shared/services/unit-imports.js';
import { unitResults } from '../../shared/services/unit-results.js';
import { getUnit, listUnits, saveUnit, yearClusters } from '../../shared/services/units.js';

const admin: Actor = { sub: 'quantri-1', role: 'admin', unitId: null };
const scoped: Actor = { sub: 'quantri-khac', role: 'admin', unitId: null, campaigns: ['khac'] };
let deps: Deps;
beforeEach(async () => {
  deps = { ...memoryStores(), clock: fixedClock('2026-11-20T03:00:00Z'), defaultCampaignId: 'hp-175' };
  await seedCatalogue(deps);
});

/** Sheet rows as the handler reads them from a file (the header is row 1). */
const sheet = (...rows: Array<Record<string, string>>) => ({
  dryRun: false,
  sheet: async () => ({ rows: rows.map((values, i): SheetRow => ({ row: i + 2, values })), sha256: 'a'.repeat(64) }),
});
const details = async (p: Promise<unknown>) =>
  (
    (await p.then(
      () => ({ details: [] }),
      (e: { details: unknown[] }) => e,
    )) as { details: Array<{ row?: number; field: string }> }
  ).details.map((d) => `${d.row ?? ''}:${d.field}`);

describe('saveUnit on a lagging index', () => {
  it('takes a child saved right after its parent, read by key while the listing does not show the parent yet', async () => {
    await saveUnit(deps, admin, 'so-moi', { name: 'Sở Mới', level: 'department' });
    const stale = await deps.catalogue.listUnits({});
    const lagging: Deps = {
      ...deps,
      catalogue: Object.assign(Object.create(deps.catalogue), {
        listUnits: async () => stale.filter((u) => u.unitId !== 'so-moi'),
      }),
    };
    const child = await saveUnit(lagging, admin, 'phong-moi', {
      name: 'Phòng Mới',
      level: 'department',
      parentId: 'so-moi',
    });
    expect(child.parentId).toBe('so-moi');
    await expect(
      saveUnit(lagging, admin, 'phong-khac', { name: 'Phòng Khác', level: 'department', parentId: 'khong-co' }),
    ).rejects.toMatchObject({
      details: [{ field: 'parentId' }],
    });
  });
});

describe('Use case: saveUnit', () => {
  it('checks the parent and the lineage, keeping what the body leaves out', async () => {
    await expect(details(saveUnit(deps, admin, 'x', { name: 'X', level: 'commune', parentId: 'x' }))).resolves.toEqual([
      ':parentId',
    ]);
    await expect(
      details(saveUnit(deps, admin, 'x', { name: 'X', level: 'commune', parentId: 'khong' })),
    ).resolves.toEqual([':parentId']);
    await expect(details(saveUnit(deps, admin, 'X!', { name: 'X', level: 'commune' }))).resolves.toEqual([':unitId']);
    const lineage = { predecessors: [{ unitId: 'kien-an', relation: 'merged' }], validFrom: '2025-06-01' };
    await expect(details(saveUnit(deps, admin, 'x', { name: 'X', level: 'commune', ...lineage }))).resolves.toEqual([
      ':validFrom',
    ]);
    const kept = await saveUnit(deps, admin, 'p-hong-bang', { name: 'Phường Hồng Bàng', level: 'commune' });
    expect(kept.predecessors).toHaveLength(7);
    expect(kept.code).toBe('11311');
    expect(kept.kind).toBe('phuong');
  });

  it('is refused to staff of some campaigns only: the registry is shared', async () => {
    await expect(saveUnit(deps, scoped, 'x', { name: 'X', level: 'commune' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(importUnits(deps, scoped, sheet())).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('Use case: importUnits', () => {
  it('names a missing or malformed id, a duplicate row, an unknown parent and a bad cell', async () => {
    const row = { unitId: 'xa-a', name: 'Xã A', level: 'commune', validFrom: '01/07/2025' };
    const found = await details(
      importUnits(
        deps,
        admin,
        sheet(
          row,
          { ...row, unitId: '' },
          row,
          { ...row, unitId: 'xa-b', parentId: 'khong-co' },
          { ...row, unitId: 'xa-c', kind: 'tinh' },
          { ...row, unitId: 'xa-d', predecessors: 'old-11302:merged:2' },
        ),
      ),
    );
    expect(found).toEqual(['3:unitId', '4:unitId', '5:parentId', '6:kind', '7:predecessors']);
    expect(await deps.catalogue.getUnit('xa-a')).toBeNull();
  });

  it('updates a changed row and leaves equal ones alone', async () => {
    const row = { unitId: 'xa-a', name: 'Xã A', level: 'commune', validFrom: '2025-07-01' };
    expect(await importUnits(deps, admin, sheet(row))).toMatchObject({ created: 1 });
    expect(await importUnits(deps, admin, sheet({ ...row, name: 'Xã A mới' }))).toMatchObject({ updated: 1 });
    expect(await importUnits(deps, admin, sheet({ ...row, name: 'Xã A mới' }))).toMatchObject({ unchanged: 1 });
  });
});

describe('Use case: importClusters', () => {
  const member = (clusterId: string, unitId: string, role = '', clusterName = '') => ({
    clusterId,
    clusterName,
    unitId,
    role,
  });
  it('names every problem of a cluster sheet by row', async () => {
    const found = await details(
      importClusters(
        deps,
        admin,
        'hp-175',
        2026,
        sheet(
          member('cum-a', 'p-hong-bang', 'head', 'Cụm A'),
          member('cum-a', 'p-thuy-nguyen', 'head'),
          member('cum-a', 'dk-cat-hai', 'chu-tich'),
          member('Cụm B', 'dk-bach-long-vi'),
          member('cum-c', 'so-y-te', 'member'),
          member('cum-a', 'p-hong-bang'),
          member('cum-a', 'so-gddt', '', 'Tên khác'),
        ),
      ),
    );
    expect(found).toEqual(
      expect.arrayContaining([
        '3:role',
        '4:role',
        '5:clusterId',
        '6:clusterName',
        '6:role',
        '7:unitId',
        '8:clusterName',
      ]),
    );
    await expect(importClusters(deps, scoped, 'hp-175', 2026, sheet())).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('gives a year without its own clusters the units’ clusters, with the campaign’s names', async () => {
    const criteria = (await deps.catalogue.getCampaignYear('hp-175', 2026))!.criteria;
    await saveCampaignYear(deps, admin, 'hp-175', 2027, { criteria });
    const y2027 = await yearClusters(deps, 'hp-175', 2027);
    expect(y2027.source).toBe('units');
    expect(y2027.clusters.find((c) => c.clusterId === 'khoi-doanh-nghiep')?.members).toHaveLength(4);
    const y2026 = await yearClusters(deps, 'hp-175', 2026);
    expect(y2026.source).toBe('year');
  });
});

describe('Use case: listUnits and getUnit', () => {
  it('lists a year’s units by level and cluster, with the lineage both ways', async () => {
    const units = await listUnits(deps, { year: 2025, level: 'commune', cluster: 'cum-xa-thi-tran' });
    expect(units.items.map((u) => u.unitId)).toContain('old-11914');
    const catBa = await getUnit(deps, 'old-11914');
    expect(catBa.name).toBe('Thị trấn Cát Bà');
    expect(catBa.successors).toEqual([expect.objectContaining({ unitId: 'dk-cat-hai', relation: 'merged', share: 1 })]);
    expect((await getUnit(deps, 'dk-cat-hai')).predecessors.map((p) => p.unitId)).toContain('old-11914');
  });
});

describe('Use case: unitResults', () => {
  it('refuses a range backwards or too long, and derives nothing under the rule none', async () => {
    await expect(unitResults(deps, 'p-hong-bang', { from: 2026, to: 2024 })).rejects.toMatchObject({
      details: [{ field: 'from' }],
    });
    await expect(unitResults(deps, 'p-hong-bang', { from: 2000, to: 2040 })).rejects.toMatchObject({
      details: [{ field: 'to' }],
    });
    const campaign = (await deps.catalogue.getCampaign('hp-175'))!;
    const { campaignId, revision: _r, ...body } = campaign;
    await saveCampaign(deps, admin, campaignId, { ...body, lineage: { rule: 'none', inheritAwards: true } });
    const none = await unitResults(deps, 'p-hong-bang', { from: 2024, to: 2024 });
    expect(none.items[0]).toMatchObject({ derived: false, totalPoints: null });
  });
});

describe('Use case: campaigns and task catalogues', () => {
  it('refuses a malformed id, an id outside the admin’s campaigns, and a stale change', async () => {
    const { campaignId: _id, revision: _r, ...body } = (await deps.catalogue.getCampaign('hp-175'))!;
    await expect(saveCampaign(deps, admin, 'Sai Mã', body)).rejects.toMatchObject({
      details: [{ field: 'campaignId' }],
    });
    await expect(saveCampaign(deps, scoped, 'hp-175', body)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await saveCampaign(deps, scoped, 'khac', body)).campaignId).toBe('khac');
  });

  it('keeps a catalogue once, answers unchanged for the same tasks, and 404 for an unknown one', async () => {
    const { tasks } = await getTaskCatalogue(deps, 'hp-175', 'qd-284');
    await expect(saveTaskCatalogue(deps, admin, 'hp-175', 'Sai', { tasks })).rejects.toMatchObject({
      details: [{ field: 'catalogue' }],
    });
    expect((await saveTaskCatalogue(deps, admin, 'hp-175', 'qd-284', { tasks })).unchanged).toBe(true);
    expect((await saveTaskCatalogue(deps, admin, 'hp-175', 'qd-moi', { tasks: tasks.slice(0, 2) })).unchanged).toBe(
      false,
    );
    await expect(getTaskCatalogue(deps, 'hp-175', 'khong-co')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
