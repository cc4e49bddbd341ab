/** Decisions of the Ban Thi đua - Khen thưởng. */
import type { Deps } from '../../shared/ports.js';
import { decide } from '../../shared/services/reviews.js';
import { presentSubmission } from '../../shared/services/submissions.js';
import { apiHandler, json } from '../http.js';
import { emitMetrics, METRICS } from '../metrics.js';

export const createReviewsHandler = (deps: Deps) =>
  apiHandler(
    'reviews',
    {
      'POST /v1/submissions/{submissionId}/decision': async ({ actor, path, body }) => {
        const { submission, campaign } = await decide(deps, actor!, path.submissionId!, body);
        emitMetrics([[METRICS.decisions, 1]]);
        return json(200, presentSubmission(submission, campaign));
      },
    },
    deps,
  );
