/**
 * Structured JSON logs (Powertools Logger, the ecosystem's choice for Lambda): every line of a request carries its
 * requestId (API Gateway's, the one the answer's x-request-id and an error's requestId quote) and the route.
 */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: 'thi-dua-cds' });
