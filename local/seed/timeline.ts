/**
 * A movement's years up to today (the platform's clock): years whose round has ended are complete and final (every
 * report, the heads' cross-check, the review, the run, an objection answered, the vote with minutes, the board's
 * finalization); the year in flight holds the work a province would have on its desk by today; where no year takes
 * reports today, the next one is opened with the admin's own use case (early where its window has not opened yet),
 * so there is always a round open for reports.
 */
import { hasRound } from '../../shared/domain/stages.js';
import type { Calendar, Criterion, Level } from '../../shared/domain/types.js';
import type { Deps } from '../../shared/ports/index.js';
import { saveCampaignYear } from '../../shared/services/catalogue.js';
import { openNextYear } from '../../shared/services/year-opening.js';
import { stableFraction } from './figures.js';
import type { Movement, YearParticipants } from './movements.js';
import { SEED_ADMIN, seedParticipants } from './structure.js';
import {
  at,
  atLocalHour,
  finalize,
  objection,
  plusHours,
  recommend,
  report,
  review,
  vote,
  type YearContext,
  yearContext,
  yearEndRun,
} from './work.js';

const DAY_HOURS = 24;
/** How far ahead of its window the demo opens a year when none takes reports today. */
const EARLY_OPENING_DAYS = 45;

type Phase = 'future' | 'reporting' | 'round' | 'complete';
const t = (iso: string | undefined) => Date.parse(iso!);
/** When the board may finalize: after the meetings (the year-end run where the year has no round). */
const finalizationFrom = (c: Calendar) => (hasRound(c) ? t(c.meetingsCloseAt) : t(c.yearEndRunAt));

export function phaseAt(c: Calendar, now: number): Phase {
  if (now < t(c.submissionOpensAt)) return 'future';
  if (now < t(c.submissionClosesAt)) return 'reporting';
  return now < plusHours(finalizationFrom(c), 1) ? 'round' : 'complete';
}

/** A finished year, each step at its moment on the year's calendar. */
async function completeYear(y: YearContext) {
  if ((await y.deps.catalogue.getFinalization(y.campaign.campaignId, y.cy.year))?.state === 'final') return;
  const c = y.cy.calendar;
  const closes = t(c.submissionClosesAt);
  const crossCheckEnd = hasRound(c) ? t(c.crossCheckClosesAt) : t(c.reviewClosesAt);
  await report(y, y.units, plusHours(closes, -10 * DAY_HOURS));
  await recommend(y, (closes + crossCheckEnd) / 2);
  await review(y, (crossCheckEnd + t(c.reviewClosesAt)) / 2);
  await yearEndRun(y, t(c.yearEndRunAt));
  if (hasRound(c)) {
    await objection(y, plusHours(c.objectionsOpenAt, 1), plusHours(c.objectionsCloseAt, -2));
    await vote(y, plusHours(c.meetingsOpenAt, 2), 1, plusHours(c.meetingsOpenAt, 3));
  }
  await finalize(y, plusHours(finalizationFrom(c), 0.5));
}

/**
 * The work on the desk today in a year in flight. While reports come in: half the units have reported, some in part,
 * heads have recommended on some, the board approved some and returned a few with a comment, the rest wait. After
 * the deadline: most units reported and a few are late, and the round's steps that have come are done (the run, an
 * objection waiting for an answer, half of each cluster's ballots).
 */
async function yearInFlight(y: YearContext, phase: 'reporting' | 'round', now: number) {
  const c = y.cy.calendar;
  const opens = t(c.submissionOpensAt);
  const closes = t(c.submissionClosesAt);
  const before = (instant: number, hoursBeforeNow: number) => Math.min(instant, plusHours(now, -hoursBeforeNow));
  // While reports come in, they came yesterday (or on the opening day); after the deadline, five days before it.
  const reportDay =
    phase === 'reporting'
      ? Math.max(opens, Math.min(plusHours(closes, -10 * DAY_HOURS), plusHours(now, -DAY_HOURS)))
      : plusHours(closes, -5 * DAY_HOURS);
  // Decisions come after the last report of that day (16:00), and before now.
  const reportAt = atLocalHour(y, reportDay, 16);
  const f = (unitId: string) => stableFraction(`plant:${y.cy.year}:${unitId}`);
  const share = (unitId: string) =>
    phase === 'round' ? (f(unitId) < 0.9 ? 1 : 0) : f(unitId) < 0.45 ? 1 : f(unitId) < 0.65 ? 0.5 : 0;
  await report(
    y,
    y.units.filter((u) => share(u.unitId) > 0),
    reportDay,
    (u) => share(u.unitId),
  );
  const crossCheckEnd = hasRound(c) ? t(c.crossCheckClosesAt) : t(c.reviewClosesAt);
  if (now < crossCheckEnd || phase === 'round')
    await recommend(y, Math.max(reportAt + 60_000, before(plusHours(crossCheckEnd, -1), 2)), 0.5);
  const reviewClosed = now >= t(c.reviewClosesAt);
  await review(y, Math.max(reportAt + 120_000, before(plusHours(t(c.reviewClosesAt), -DAY_HOURS), 1)), (id) => {
    const g = stableFraction(`review:${id}`);
    if (reviewClosed) return g < 0.92 ? 'approved' : 'returned';
    return g < 0.45 ? 'approved' : g < 0.55 ? 'returned' : null;
  });
  if (now >= t(c.yearEndRunAt)) await yearEndRun(y, t(c.yearEndRunAt));
  if (!hasRound(c)) return;
  if (now >= plusHours(c.objectionsOpenAt, 1))
    await objection(
      y,
      plusHours(c.objectionsOpenAt, 1),
      now >= t(c.objectionsCloseAt) ? plusHours(c.objectionsCloseAt, -2) : null,
    );
  if (now >= plusHours(c.meetingsOpenAt, 2)) await vote(y, plusHours(c.meetingsOpenAt, 2), 0.5, null);
}

const renameLevels = (criteria: Criterion[], renamed: Partial<Record<Level, Level>>): Criterion[] =>
  criteria.map((c) => {
    const targets =
      'targets' in c && c.targets
        ? { targets: Object.fromEntries(Object.entries(c.targets).map(([l, v]) => [renamed[l as Level] ?? l, v])) }
        : {};
    return { ...c, levels: [...new Set(c.levels.map((l) => renamed[l] ?? l))], ...targets } as Criterion;
  });

/**
 * A year as the demo needs it: opened from the year before as an admin would where the movement's documents do not
 * define it (criteria of ended levels handed to the levels that replaced them), and its reporting opened early
 * where no year takes reports today and its window is near.
 */
async function openYear(deps: Deps, m: Movement, year: number, p: YearParticipants | undefined, now: number) {
  const { campaignId } = m.campaign;
  const prev = await deps.catalogue.getCampaignYear(campaignId, year - 1);
  const admin = at(
    deps,
    Math.min(prev ? plusHours(prev.calendar.submissionClosesAt, 2 * DAY_HOURS) : now, plusHours(now, -2)),
  );
  if (!(await deps.catalogue.getCampaignYear(campaignId, year)))
    await openNextYear(admin, SEED_ADMIN, campaignId, year - 1, { rotateHeads: false });
  const cy = (await deps.catalogue.getCampaignYear(campaignId, year))!;
  const renamed = p?.levelsRenamed ?? {};
  const ended = cy.criteria.some((c) => c.levels.some((l) => renamed[l]));
  const opens = t(cy.calendar.submissionOpensAt);
  const early = now < opens && opens - now < EARLY_OPENING_DAYS * 86_400_000;
  if (!ended && !early) return;
  // Opened two days ago, so yesterday's office hours are inside the window.
  const earlyOpening = { submissionOpensAt: new Date(plusHours(now, -2 * DAY_HOURS)).toISOString() };
  await saveCampaignYear(admin, SEED_ADMIN, campaignId, year, {
    criteria: renameLevels(cy.criteria, renamed),
    calendar: { ...cy.calendar, ...(early ? earlyOpening : {}) },
    awards: cy.awards,
    ...(cy.cutOff ? { cutOff: cy.cutOff } : {}),
  });
}

/** The movement's years from its first up to the one open for reports today; what was done, for the log. */
export async function seedTimeline(deps: Deps, m: Movement, progress: (line: string) => void): Promise<void> {
  const now = deps.clock.now().getTime();
  const { campaignId, documentNumber, province } = m.campaign;
  const first = Math.min(...Object.keys(m.years).map(Number));
  for (let year = first; year <= first + 50; year++) {
    const p = m.participants[String(year)];
    await openYear(deps, m, year, p, now);
    if (p) await seedParticipants(deps, m, year, p);
    const y = await yearContext(deps, (await deps.catalogue.getCampaign(campaignId))!, year);
    const phase = phaseAt(y.cy.calendar, now);
    const name = `${province} (${documentNumber}), năm ${year}`;
    if (phase === 'complete') await completeYear(y);
    else if (phase !== 'future') await yearInFlight(y, phase, now);
    if (y.changes > 0)
      progress(
        phase === 'complete'
          ? `${name}: ${y.units.length} đơn vị, đã bình xét và chốt kết quả`
          : `${name}: ${phase === 'reporting' ? 'đang nhận báo cáo' : 'đang thẩm định, bình xét'} (${y.units.length} đơn vị)`,
      );
    if (phase === 'reporting' || phase === 'future') return;
  }
}
