/** Evidence files (tệp minh chứng) and the verifiable scorecard built from what the year-end run counted. */
import { invalid } from '../../shared/domain/errors.js';
import type { Deps } from '../../shared/ports/index.js';
import {
  abandonFile,
  completeUpload,
  getEvidenceFile,
  listEvidenceFiles,
  requestUpload,
} from '../../shared/services/evidence-files.js';
import { publicScorecard, scorecardBundle } from '../../shared/services/results.js';
import { addTrustAnchor, listTrustAnchors, recheckSignatures } from '../../shared/services/signatures.js';
import { apiHandler, json } from '../http.js';
import { campaignQuery, filesQuery, parseOrThrow, yearPath } from '../params.js';

export const createFilesHandler = (deps: Deps) =>
  apiHandler(
    'files',
    {
      'POST /v1/evidence-files': async ({ actor, body }) => {
        const announced = await requestUpload(deps, actor!, body);
        // A file already stored with these bytes needs no upload: 200 with it; otherwise 201 and the link.
        return json(announced.upload ? 201 : 200, announced, {
          location: `/v1/evidence-files/${announced.file.fileId}`,
          'cache-control': 'no-store',
        });
      },
      'GET /v1/evidence-files': async ({ actor, query }) => {
        const q = parseOrThrow(filesQuery, query);
        const unitId = q.unitId ?? actor!.unitId;
        if (!unitId) throw invalid('unitId', 'là bắt buộc với tài khoản không thuộc đơn vị');
        return json(
          200,
          await listEvidenceFiles(deps, actor!, unitId, { limit: q.limit ?? 50, nextToken: q.nextToken }),
        );
      },
      'GET /v1/evidence-files/{fileId}': async ({ actor, path }) =>
        json(200, await getEvidenceFile(deps, actor!, path.fileId!), { 'cache-control': 'no-store' }),
      'POST /v1/evidence-files/{fileId}/complete': async ({ actor, path }) =>
        json(200, await completeUpload(deps, actor!, path.fileId!)),
      'DELETE /v1/evidence-files/{fileId}': async ({ actor, path }) => {
        await abandonFile(deps, actor!, path.fileId!);
        return { statusCode: 204, headers: {}, body: '' };
      },
      'POST /v1/evidence-files/{fileId}/signature-check': async ({ actor, path }) =>
        json(200, await recheckSignatures(deps, actor!, path.fileId!)),
      'GET /v1/trust-anchors': async () => json(200, await listTrustAnchors(deps)),
      'POST /v1/trust-anchors': async ({ actor, body }) => json(201, await addTrustAnchor(deps, actor!, body)),
      'GET /v1/scorecards/{year}/bundle': async ({ path, query }) =>
        json(200, await scorecardBundle(deps, yearPath(path), parseOrThrow(campaignQuery, query).campaignId), {
          'cache-control': 'no-store',
        }),
      'GET /v1/scorecards/{year}/units/{unitId}': async ({ path, query }) =>
        json(
          200,
          await publicScorecard(deps, yearPath(path), path.unitId!, parseOrThrow(campaignQuery, query).campaignId),
        ),
    },
    deps,
  );
