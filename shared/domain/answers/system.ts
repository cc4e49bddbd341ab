/** Answers of the public routes: liveness, the labels people read, the contract itself. */
import * as z from 'zod/mini';
import { instantText } from './common.js';

export const healthAnswer = z.object({ status: z.literal('ok'), time: instantText() });
/** Each code's Vietnamese label, by kind of code (levels, roles, statuses…): the one label source. */
export const labelsAnswer = z.record(z.string(), z.record(z.string(), z.string()));
/** An OpenAPI 3.1 document (this one). */
export const openApiAnswer = z.looseObject({ openapi: z.string(), info: z.unknown(), paths: z.unknown() });
