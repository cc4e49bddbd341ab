/**
 * What the API answers, as the use cases return it: the types are taken from shared/services itself (type-only
 * imports, erased from the bundle), so the console cannot drift from the platform.
 */

import type { listCampaigns } from '../../shared/services/campaigns.js';
import type { getCampaignYear, listCriteria, listUnitTasks } from '../../shared/services/catalogue.js';
import type { listClients } from '../../shared/services/clients.js';
import type { getEvidenceFile, requestUpload } from '../../shared/services/evidence-files.js';
import type { decideTie } from '../../shared/services/finalization.js';
import type { getImport } from '../../shared/services/imports.js';
import type { previousYearFigure } from '../../shared/services/previous-year.js';
import type { listMessages } from '../../shared/services/reminders.js';
import type {
  aggregationRuns,
  publicScorecard,
  rankings,
  scorecardBundle,
  yearReport,
} from '../../shared/services/results.js';
import type { listObjections, voteOf } from '../../shared/services/round.js';
import type { aggregationRun } from '../../shared/services/runs.js';
import type { liveScore } from '../../shared/services/scores.js';
import type { presentSubmission, submissionHistory } from '../../shared/services/submission-reads.js';
import type { unitResults } from '../../shared/services/unit-results.js';
import type { getUnit, listUnits, unitHistory, yearClusters } from '../../shared/services/units.js';
import type { openNextYear } from '../../shared/services/year-opening.js';

type Answer<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

export type CriteriaList = Answer<typeof listCriteria>;
export type CriterionView = CriteriaList['items'][number];
export type UnitView = Answer<typeof getUnit>;
export type UnitList = Answer<typeof listUnits>;
export type UnitListItem = UnitList['items'][number];
export type YearClusters = Answer<typeof yearClusters>;
export type UnitResults = Answer<typeof unitResults>;
export type UnitTask = Answer<typeof listUnitTasks>[number];
export type SubmissionView = ReturnType<typeof presentSubmission>;
export type HistoryPage = Answer<typeof submissionHistory>;
export type PreviousYear = Answer<typeof previousYearFigure>;
export type Score = Answer<typeof liveScore>;
export type Rankings = Answer<typeof rankings>;
export type YearReport = Omit<Answer<typeof yearReport>, 'filename'>;
export type Runs = Answer<typeof aggregationRuns>;
export type RunView = Answer<typeof aggregationRun>;
export type TieDecisionView = Answer<typeof decideTie>;
export type Bundle = Answer<typeof scorecardBundle>;
export type PublicScorecard = Answer<typeof publicScorecard>;
export type EvidenceFileView = Answer<typeof getEvidenceFile>;
export type Announced = Answer<typeof requestUpload>;
export type Mailbox = Answer<typeof listMessages>;
export type CampaignView = Answer<typeof listCampaigns>[number];
export type CampaignYearView = Answer<typeof getCampaignYear>;
export type OpenedYear = Answer<typeof openNextYear>;
export type UnitHistory = Answer<typeof unitHistory>;
export type Clients = Answer<typeof listClients>;
export type ImportJobView = Answer<typeof getImport>;
export type Vote = Answer<typeof voteOf>;
export type ObjectionList = Answer<typeof listObjections>;
export type ObjectionView = ObjectionList['items'][number];
export interface Page<T> {
  items: T[];
  nextToken: string | null;
}
