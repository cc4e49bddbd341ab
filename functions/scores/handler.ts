/** A unit's live score from its approved figures. */
import type { Deps } from '../../shared/ports/index.js';
import { liveScore } from '../../shared/services/scores.js';
import { apiHandler, json } from '../http.js';
import { campaignQuery, parseOrThrow, yearPath } from '../params.js';

export const createScoresHandler = (deps: Deps) =>
  apiHandler(
    'scores',
    {
      'GET /v1/units/{unitId}/scores/{year}': async ({ actor, path, query }) =>
        json(
          200,
          await liveScore(deps, actor!, path.unitId!, yearPath(path), parseOrThrow(campaignQuery, query).campaignId),
        ),
    },
    deps,
  );
