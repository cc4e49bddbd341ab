/** Query and path parameters, validated with zod and named in errors as the client sent them. */
import { z } from 'zod';
import { levelParam, statusSchema, yearParam } from '../shared/domain/schemas.js';
import { parseOrThrow } from '../shared/domain/validation.js';

const optional = <T extends z.ZodType>(s: T) => z.preprocess((v) => (v === '' ? undefined : v), s.optional());

export const yearPath = (path: Record<string, string>) => parseOrThrow(z.object({ year: yearParam }), path).year;

export const listQuery = z.object({
  unitId: optional(z.string().max(64)),
  year: optional(yearParam),
  status: optional(statusSchema),
  level: optional(levelParam),
  cluster: optional(z.string().max(64)),
  criterionId: optional(z.string().max(64)),
  campaignId: optional(z.string().max(64)),
  limit: optional(z.coerce.number().int().min(1).max(200)),
  nextToken: optional(z.string().max(2000)),
});
export const unitsQuery = z.object({ level: optional(levelParam), cluster: optional(z.string().max(64)) });
export const criteriaQuery = z.object({
  year: optional(yearParam),
  level: optional(levelParam),
  campaignId: optional(z.string().max(64)),
});
export const campaignQuery = z.object({ campaignId: optional(z.string().max(64)) });
export const rankingQuery = z.object({
  level: optional(levelParam),
  cluster: optional(z.string().max(64)),
  campaignId: optional(z.string().max(64)),
});
export const reportQuery = z.object({
  format: optional(z.enum(['json', 'csv', 'xlsx'])),
  campaignId: optional(z.string().max(64)),
});

export { parseOrThrow };
