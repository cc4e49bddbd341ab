/**
 * The contract, loaded by the first GET /openapi.json rather than at every cold start: its request and answer
 * schemas are most of the health function's weight, and the document is asked for rarely (then cached).
 */
export { openApiDocument } from '../openapi.js';
