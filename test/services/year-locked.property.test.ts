/**
 * A locked year stays locked: once a campaign year has reports, any change to its criteria set other than
 * adding criteria — at any depth, in any field of any criterion, its awards or its calendar — is refused
 * with YEAR_LOCKED and stores nothing. The changes are generated (fast-check).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../adapters/deps.js';
import { memoryStores } from '../../adapters/memory/stores.js';
import { seedCatalogue } from '../../local/seed/index.js';
import type { Actor, Criterion, Level } from '../../shared/domain/types.js';
import { LEVELS } from '../../shared/domain/types.js';
import type { CampaignYearRecord, Deps } from '../../shared/ports/index.js';
import { saveCampaignYear } from '../../shared/services/catalogue.js';
import { submitFigure } from '../../shared/services/submissions.js';

const admin: Actor = { sub: 'quantri-1', role: 'admin', unitId: null };
let deps: Deps;
let original: CampaignYearRecord;

beforeAll(async () => {
  deps = { ...memoryStores(), clock: fixedClock('2026-11-20T03:00:00Z'), defaultCampaignId: 'hp-175' };
  await seedCatalogue(deps);
  // A second task catalogue, so that moving a task criterion to it is a valid change to refuse.
  const tasks = await deps.catalogue.getTasks('hp-175', 'qd-284');
  await deps.catalogue.saveTasks(
    'hp-175',
    'qd-khac',
    tasks,
    { at: '2026-01-01T00:00:00Z', actor: 'a', role: 'admin', action: 'x' },
    0,
  );
  await submitFigure(
    deps,
    { sub: 'canbo', role: 'unit', unitId: 'so-khcn-2025' },
    {
      unitId: 'so-khcn-2025',
      year: 2026,
      criterionId: 'ke-hoach-cds',
      value: { achieved: true },
      evidence: [{ title: 'Kế hoạch 12/KH-UBND' }],
    },
  );
  original = (await deps.catalogue.getCampaignYear('hp-175', 2026))!;
});

type Mutation = (c: Criterion) => Criterion | null;
const otherLevel = (levels: Level[]) => LEVELS.find((l) => !levels.includes(l));
/** Changes to one criterion that still make a valid criteria set (so only the lock can refuse them). */
const criterionChange: fc.Arbitrary<[string, Mutation]> = fc.oneof(
  fc.constant<[string, Mutation]>(['title', (c) => ({ ...c, title: `${c.title} (sửa)` })]),
  fc.constant<[string, Mutation]>(['source', (c) => ({ ...c, source: c.source ? undefined : 'Nguồn khác' })]),
  fc
    .integer({ min: 1, max: 200 })
    .map((d): [string, Mutation] => ['maxPoints', (c) => ({ ...c, maxPoints: Math.min(1000, c.maxPoints + d / 100) })]),
  fc.constant<[string, Mutation]>([
    'levels+',
    (c) => {
      const extra = otherLevel(c.levels);
      if (!extra) return null;
      return c.kind === 'ratio'
        ? { ...c, levels: [...c.levels, extra], targets: { ...c.targets, [extra]: 0.5 } }
        : { ...c, levels: [...c.levels, extra] };
    },
  ]),
  fc.constant<[string, Mutation]>([
    'levels-',
    (c) => (c.levels.length > 1 ? { ...c, levels: c.levels.slice(1) } : null),
  ]),
  fc.integer({ min: 0, max: 100 }).map((t): [string, Mutation] => [
    'targets',
    (c) => {
      if (c.kind !== 'ratio') return null;
      const level = c.levels[t % c.levels.length]!;
      // Another target in hundredths, never the same one (an unchanged body is no change to refuse).
      const next = t / 100 === c.targets[level] ? (t === 100 ? 99 : t + 1) : t;
      return { ...c, targets: { ...c.targets, [level]: next / 100 } };
    },
  ]),
  fc.constant<[string, Mutation]>([
    'kind',
    (c) => {
      const { criterionId, title, source, maxPoints, levels } = c;
      const base = { criterionId, title, maxPoints, levels, ...(source ? { source } : {}) };
      return c.kind === 'boolean' ? { ...base, kind: 'assessed' } : { ...base, kind: 'boolean' };
    },
  ]),
  fc.constant<[string, Mutation]>([
    'lateShare',
    (c) => (c.kind === 'task' ? { ...c, lateShare: c.lateShare === 0.5 ? 0.25 : 0.5 } : null),
  ]),
  fc.constant<[string, Mutation]>([
    'taskCatalogue',
    (c) => (c.kind === 'task' ? { ...c, taskCatalogue: 'qd-khac' } : null),
  ]),
  fc.constant<[string, Mutation]>([
    'numeratorLabel',
    (c) => (c.kind === 'ratio' ? { ...c, numeratorLabel: `${c.numeratorLabel ?? 'Tử số'} (sửa)` } : null),
  ]),
);

/** A whole-body change: one criterion changed or removed, or the year's awards or calendar. */
const bodyChange = fc.oneof(
  fc.tuple(fc.nat(), criterionChange).map(([i, [field, mutate]]) => {
    const criteria = original.criteria.map((c, j) => (j === i % original.criteria.length ? mutate(c) : c));
    return criteria.includes(null)
      ? null
      : { what: `criteria.${i % original.criteria.length}.${field}`, body: { criteria } };
  }),
  fc.nat().map((i) => ({
    what: 'criteria (one removed)',
    body: { criteria: original.criteria.filter((_, j) => j !== i % original.criteria.length) },
  })),
  fc.integer({ min: 0, max: 10 }).map((flags) => ({
    what: 'awards.flagPerGroup',
    body: {
      criteria: original.criteria,
      awards: { ...original.awards, flagPerGroup: flags === original.awards.flagPerGroup ? 2 : flags },
    },
  })),
  fc.integer({ min: 0, max: 100 }).map((share) => ({
    what: 'awards.meritShare',
    body: {
      criteria: original.criteria,
      awards: { ...original.awards, meritShare: share / 100 === original.awards.meritShare ? 0.3 : share / 100 },
    },
  })),
  fc.integer({ min: 1, max: 48 }).map((hours) => ({
    what: 'calendar.yearEndRunAt',
    body: {
      criteria: original.criteria,
      calendar: {
        ...original.calendar,
        yearEndRunAt: new Date(Date.parse(original.calendar.yearEndRunAt) + hours * 3_600_000).toISOString(),
      },
    },
  })),
);

describe('Property: a locked year stays locked', () => {
  it('refuses every change but additions with YEAR_LOCKED, storing nothing', async () => {
    await fc.assert(
      fc.asyncProperty(bodyChange, async (change) => {
        if (!change) return;
        await expect(saveCampaignYear(deps, admin, 'hp-175', 2026, change.body), change.what).rejects.toMatchObject({
          code: 'YEAR_LOCKED',
        });
        expect(await deps.catalogue.getCampaignYear('hp-175', 2026)).toEqual(original);
      }),
      { numRuns: 300 },
    );
  });

  it('still accepts a criterion added to the set', async () => {
    const added = { criterionId: 'moi', kind: 'boolean', title: 'Tiêu chí bổ sung', maxPoints: 5, levels: ['commune'] };
    await saveCampaignYear(deps, admin, 'hp-175', 2026, { criteria: [...original.criteria, added] });
    expect((await deps.catalogue.getCampaignYear('hp-175', 2026))?.criteria).toHaveLength(original.criteria.length + 1);
  });
});
