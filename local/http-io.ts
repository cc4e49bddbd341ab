/** What every kind of the local server's routes shares: reading a body within a bound, headers, answers, a Lambda context. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'aws-lambda';
import { type ApiResult, MAX_SHEET_BYTES } from '../functions/http.js';

/** The local server reads at most this (API Gateway's part); the handlers enforce their own, smaller limits. */
const READ_LIMIT = MAX_SHEET_BYTES + 1024 * 1024;

/** The body, or null when it is over the limit (read to the end all the same, so the connection stays usable). */
export async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= READ_LIMIT) chunks.push(chunk as Buffer);
  }
  return size > READ_LIMIT ? null : Buffer.concat(chunks);
}

export function lowerCaseHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  return headers;
}

/** Every answer of the local server names a request, as API Gateway's do (the handlers' already carry theirs). */
export function send(res: ServerResponse, result: ApiResult) {
  const body =
    result.body === undefined ? '' : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
  res.writeHead(result.statusCode, {
    'x-request-id': randomUUID(),
    ...result.headers,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

export function lambdaContext(fn: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: fn,
    functionVersion: '$LATEST',
    invokedFunctionArn: `local:${fn}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/local/${fn}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 29_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export const isLoopbackHost = (host: string | undefined): boolean =>
  /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(:\d+)?$/i.test(host ?? '');
