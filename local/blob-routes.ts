/** The local blob store's signed links, answered as S3 answers presigned ones: PUT takes an upload, GET sends a file. */
import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LOCAL_BLOB_PATH, type LocalBlobStore } from '../adapters/local-blobs.js';
import { DomainError } from '../shared/domain/errors.js';
import { lowerCaseHeaders, send } from './http-io.js';

export async function serveBlobLink(
  blobs: LocalBlobStore,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  method: string,
) {
  let key: string;
  try {
    key = decodeURIComponent(url.pathname.slice(LOCAL_BLOB_PATH.length));
  } catch {
    // A percent-encoding that decodes to nothing (%ZZ, a cut UTF-8 sequence) names no file.
    throw new DomainError('NOT_FOUND', 'Không tìm thấy tệp');
  }
  if (method === 'PUT') {
    try {
      await blobs.receive(key, url.searchParams, lowerCaseHeaders(req), req);
    } catch (e) {
      // Refused before the bytes were read (a bad link): read them all the same, so the client hears why.
      req.resume();
      throw e;
    }
    return send(res, { statusCode: 200, headers: {}, body: '' });
  }
  if (method !== 'GET') throw new DomainError('METHOD_NOT_ALLOWED', 'Chỉ hỗ trợ GET và PUT');
  const { path, headers } = blobs.opening(key, url.searchParams);
  if (!existsSync(path)) throw new DomainError('NOT_FOUND', 'Không tìm thấy tệp');
  res.writeHead(200, { 'x-request-id': randomUUID(), ...headers });
  createReadStream(path).pipe(res);
}
