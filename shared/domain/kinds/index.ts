/** The registry of criterion kinds: adding a kind is one module beside this file and one line in KIND_MODULES. */
import * as z from 'zod/mini';
import type { Level } from '../types.js';
import { assessedKind } from './assessed.js';
import { booleanKind } from './boolean.js';
import { countKind } from './count.js';
import type { KindModule } from './kind.js';
import { ratioKind, ratioMet } from './ratio.js';
import { taskKind } from './task.js';

export const KIND_MODULES = [ratioKind, booleanKind, taskKind, assessedKind, countKind] as const;

type Modules = typeof KIND_MODULES;
export type CriterionKind = Modules[number]['kind'];
/** A criterion of any kind: the union of the kinds' schemas, so the type cannot drift from validation. */
export type Criterion = z.output<Modules[number]['criterionSchema']>;
/** A reported value, tagged with its criterion's kind. */
export type FigureValue = z.output<Modules[number]['valueSchema']>;

type SchemasOf<T extends readonly unknown[]> = {
  -readonly [I in keyof T]: T[I] extends { criterionSchema: infer S } ? S : never;
};
// Mapping a tuple gives an array type; the tuple type is what discriminatedUnion needs to infer the union.
export const criterionSchema = /* @__PURE__ */ z.lazy(() =>
  z.discriminatedUnion('kind', KIND_MODULES.map((m) => m.criterionSchema) as SchemasOf<Modules>),
);

/** The registry's entry for a kind: a lookup in the list (a Map built at import would ride in every bundle). */
const kindModule = (kind: string) => KIND_MODULES.find((m) => m.kind === kind);

/** A kind's name as people read it. */
export const kindLabel = (kind: CriterionKind): string => kindModule(kind)!.label;

type AnyKindModule = KindModule<z.ZodMiniType<Criterion>, z.ZodMiniType<FigureValue, unknown>>;

/**
 * The module of a criterion's kind, typed for the union: each module is written for its own kind, and
 * TypeScript cannot correlate a criterion's kind with its module's parameter types, so the registry vouches for it.
 */
export const moduleOf = (criterion: Criterion): AnyKindModule => kindModule(criterion.kind) as unknown as AnyKindModule;

/**
 * Target for a level: a fraction (0..1) for ratios, yes/no and tasks (which aim at all, 1), a count for counts;
 * assessed criteria have none.
 */
export const targetFor = (criterion: Criterion, unitLevel: Level): number | null =>
  moduleOf(criterion).target(criterion, unitLevel);

const percent = (fraction: number) => `${Math.round(fraction * 10_000) / 100}%`.replace('.', ',');
/** A target in words ("90%", "≥ 2 lớp"), or null where the kind has none: one wording for console and reports. */
export function targetText(criterion: Criterion, unitLevel: Level): string | null {
  const target = targetFor(criterion, unitLevel);
  if (target === null) return null;
  const describe = moduleOf(criterion).describeTarget;
  return describe ? describe(criterion, target) : percent(target);
}

/**
 * Whether a reported value meets its target (targetFor the unit's level), where the target is a number to reach
 * (ratios and counts, compared exactly as they are scored); null for kinds whose result a reviewer judges.
 */
export function meetsTarget(target: number | null | undefined, value: FigureValue): boolean | null {
  if (target === null || target === undefined) return null;
  if (value.kind === 'ratio') return ratioMet(value, target);
  if (value.kind === 'count') return value.count >= target;
  return null;
}
