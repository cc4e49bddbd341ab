/** Units' reports of figures with evidence. */
import type { Deps } from '../../shared/ports/index.js';
import { loadCampaign } from '../../shared/services/context.js';
import { previousYearFigure } from '../../shared/services/previous-year.js';
import {
  getSubmission,
  listSubmissions,
  presentSubmission,
  submissionHistory,
} from '../../shared/services/submission-reads.js';
import { submitFigure } from '../../shared/services/submissions.js';
import { apiHandler, json } from '../http.js';
import { emitMetrics, METRICS } from '../metrics.js';
import { listQuery, pageQuery, parseOrThrow } from '../params.js';

export const createSubmissionsHandler = (deps: Deps) =>
  apiHandler(
    'submissions',
    {
      'POST /v1/submissions': async ({ actor, body }) => {
        const { submission, campaign } = await submitFigure(deps, actor!, body);
        emitMetrics([[METRICS.submissions, 1]]);
        return json(201, presentSubmission(submission, campaign), {
          location: `/v1/submissions/${submission.submissionId}`,
        });
      },
      'GET /v1/submissions': async ({ actor, query }) => {
        const page = await listSubmissions(deps, actor!, parseOrThrow(listQuery, query));
        return json(200, {
          items: page.items.map((s) => presentSubmission(s, page.campaign)),
          nextToken: page.nextToken,
        });
      },
      'GET /v1/submissions/{submissionId}': async ({ actor, path }) => {
        const submission = await getSubmission(deps, actor!, path.submissionId!);
        return json(200, presentSubmission(submission, await loadCampaign(deps, submission.campaignId)));
      },
      'GET /v1/submissions/{submissionId}/previous-year': async ({ actor, path }) =>
        json(200, await previousYearFigure(deps, actor!, path.submissionId!)),
      'GET /v1/submissions/{submissionId}/history': async ({ actor, path, query }) =>
        json(200, await submissionHistory(deps, actor!, path.submissionId!, parseOrThrow(pageQuery, query))),
    },
    deps,
  );
