/** Decisions of the Ban Thi đua - Khen thưởng and the cluster heads, units' objections, the clusters' votes. */
import type { Deps } from '../../shared/ports/index.js';
import { decide } from '../../shared/services/reviews.js';
import {
  answerObjection,
  castBallot,
  fileObjection,
  listObjections,
  saveMinutes,
  voteOf,
} from '../../shared/services/round.js';
import { presentSubmission } from '../../shared/services/submission-reads.js';
import { apiHandler, json } from '../http.js';
import { emitMetrics, METRICS } from '../metrics.js';
import { campaignQuery, objectionsQuery, parseOrThrow, yearPath } from '../params.js';

export const createReviewsHandler = (deps: Deps) =>
  apiHandler(
    'reviews',
    {
      'POST /v1/submissions/{submissionId}/decision': async ({ actor, path, body }) => {
        const { submission, campaign } = await decide(deps, actor!, path.submissionId!, body);
        emitMetrics([[METRICS.decisions, 1]]);
        return json(200, presentSubmission(submission, campaign));
      },
      'POST /v1/objections': async ({ actor, body }) => json(201, await fileObjection(deps, actor!, body)),
      'GET /v1/objections': async ({ actor, query }) =>
        json(200, await listObjections(deps, actor!, parseOrThrow(objectionsQuery, query))),
      'POST /v1/objections/{objectionId}/answer': async ({ actor, path, body }) =>
        json(200, await answerObjection(deps, actor!, path.objectionId!, body)),
      'POST /v1/clusters/{clusterId}/years/{year}/ballots': async ({ actor, path, body }) =>
        json(201, await castBallot(deps, actor!, path.clusterId!, yearPath(path), body)),
      'GET /v1/clusters/{clusterId}/years/{year}/vote': async ({ actor, path, query }) =>
        json(
          200,
          await voteOf(deps, actor!, path.clusterId!, yearPath(path), parseOrThrow(campaignQuery, query).campaignId),
        ),
      'PUT /v1/clusters/{clusterId}/years/{year}/minutes': async ({ actor, path, body }) =>
        json(200, await saveMinutes(deps, actor!, path.clusterId!, yearPath(path), body)),
    },
    deps,
  );
