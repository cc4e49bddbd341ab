/** The public routes: liveness, the API's contract and its reading page, and the labels people read. */
import { LABELS } from '../../shared/domain/labels.js';
import type { Deps } from '../../shared/ports/index.js';
import { apiHandler, json } from '../http.js';

/** The reading page of the contract: its own script draws /openapi.json in Vietnamese (console/docs/), no CDN. */
const DOCS_PAGE = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tài liệu API — Nền tảng chấm điểm thi đua chuyển đổi số</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml"><link rel="stylesheet" href="/docs/docs.css"></head>
<body><div id="api"><p>Đang tải tài liệu API…</p></div><script src="/docs/docs.js" defer></script></body></html>`;
/** As strict as the console's: its own script and styles, calls to its own origin only. */
const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; " +
  "form-action 'none'; frame-ancestors 'none'";

export const createHealthHandler = (deps: Deps) => {
  let document: string | undefined;
  return apiHandler(
    'health',
    {
      'GET /health': async () => json(200, { status: 'ok', time: deps.clock.now().toISOString() }),
      'GET /v1/labels': async () => json(200, LABELS, { 'cache-control': 'public, max-age=300' }),
      'GET /openapi.json': async () => {
        if (!document) {
          const { openApiDocument } = await import('./openapi-document.js');
          document = JSON.stringify(openApiDocument(deps.tokenUrl ?? '/oauth2/token'));
        }
        return {
          statusCode: 200,
          headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=300' },
          body: document,
        };
      },
      'GET /docs': async () => ({
        statusCode: 200,
        headers: {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': DOCS_CSP,
          'x-content-type-options': 'nosniff',
        },
        body: DOCS_PAGE,
      }),
    },
    deps,
  );
};
