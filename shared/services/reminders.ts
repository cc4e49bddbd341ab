/**
 * Reminders before the reporting deadline (nhắc hạn), the reviewers' daily digest and the mailboxes (Hộp thư) that
 * show what was sent. Each message has an id derived from what it is about and is claimed in the store before it is
 * sent, so a retried or repeated schedule sends nothing twice.
 */
import { assertMayAccessUnit, assertMayActOnCampaign } from '../domain/auth.js';
import { formatDate, formatDateTime, isoDateIn } from '../domain/calendar.js';
import { criteriaForLevel } from '../domain/criteria.js';
import { DomainError } from '../domain/errors.js';
import {
  digestText,
  messageIdOf,
  missingReportsOf,
  type OutboxMessage,
  remindersOf,
  reminderText,
  reviewersMailbox,
  unitMailbox,
} from '../domain/reminders.js';
import { scoreUnit } from '../domain/scoring.js';
import type { Actor, Campaign } from '../domain/types.js';
import type { CountedFigure, Deps, PageQuery } from '../ports/index.js';
import { loadCampaign, loadCampaignYear, loadUnit, unitsOfYear } from './context.js';
import { tasksOf } from './scores.js';

export interface Sending {
  sent: number;
  /** Kept in the mailbox only: the recipient has no e-mail address, or the stage sends no mail. */
  kept: number;
  /** Sent before (a retried or repeated schedule). */
  already: number;
  failed: number;
}

/** A message that failed to go is an error of the whole run, so the scheduler retries it and, at last, the DLQ has it. */
export class RemindersFailed extends Error {
  constructor(
    readonly outcome: Sending,
    what: string,
  ) {
    super(`${outcome.failed} ${what} không gửi được: ${JSON.stringify(outcome)}`);
  }
}

async function deliver(deps: Deps, message: OutboxMessage, outcome: Sending) {
  if (!(await deps.messages.claimMessage(message))) {
    outcome.already++;
    return;
  }
  if (message.to.length === 0 || !deps.mailer) {
    await deps.messages.finishMessage({ ...message, status: 'kept' });
    outcome.kept++;
    return;
  }
  try {
    await deps.mailer.send(message);
    await deps.messages.finishMessage({ ...message, status: 'sent', sentAt: deps.clock.now().toISOString() });
    outcome.sent++;
  } catch (e) {
    await deps.messages.finishMessage({ ...message, status: 'failed', error: String((e as Error).message ?? e) });
    outcome.failed++;
  }
}

const draft = (deps: Deps, m: Omit<OutboxMessage, 'createdAt' | 'status' | 'sentAt' | 'error'>): OutboxMessage => ({
  ...m,
  createdAt: deps.clock.now().toISOString(),
  status: 'sending',
  sentAt: null,
  error: null,
});

function settle(outcome: Sending, what: string): Sending {
  if (outcome.failed) throw new RemindersFailed(outcome, what);
  return outcome;
}

/**
 * The reminder `daysBefore` days before a year's reporting deadline: one message to each of the year's units with
 * reports missing, incomplete or returned, listing them. Once the deadline has passed it sends nothing.
 */
export async function sendDeadlineReminders(
  deps: Deps,
  request: { campaignId: string; year: number; daysBefore: number },
): Promise<Sending> {
  const campaign = await loadCampaign(deps, request.campaignId);
  const cy = await loadCampaignYear(deps, campaign, request.year);
  const outcome: Sending = { sent: 0, kept: 0, already: 0, failed: 0 };
  const deadline = cy.calendar.submissionClosesAt;
  if (deps.clock.now().getTime() >= Date.parse(deadline)) return outcome;
  const [units, tasks, { figures }] = await Promise.all([
    unitsOfYear(deps, campaign.campaignId, cy),
    tasksOf(deps, cy),
    deps.submissions.currentFigures(campaign.campaignId, cy.year),
  ]);
  const figuresOf = new Map<string, CountedFigure[]>();
  for (const f of figures) figuresOf.set(f.unitId, [...(figuresOf.get(f.unitId) ?? []), f]);
  for (const unit of units) {
    const missing = missingReportsOf(
      criteriaForLevel(cy, unit.level),
      scoreUnit(unit, cy, tasks, figuresOf.get(unit.unitId) ?? []).criteria,
    );
    if (missing.length === 0) continue;
    const { subject, text } = reminderText({
      campaign,
      year: cy.year,
      unitName: unit.name,
      deadline,
      daysBefore: request.daysBefore,
      missing,
    });
    await deliver(
      deps,
      draft(deps, {
        messageId: messageIdOf('deadline-reminder', campaign.campaignId, cy.year, request.daysBefore, unit.unitId),
        mailbox: unitMailbox(unit.unitId),
        kind: 'deadline-reminder',
        campaignId: campaign.campaignId,
        year: cy.year,
        unitId: unit.unitId,
        to: unit.contactEmail ? [unit.contactEmail] : [],
        subject,
        text,
      }),
      outcome,
    );
  }
  return settle(outcome, 'thư nhắc hạn');
}

/** The units a digest names at most (the count is always whole). */
const DIGEST_UNITS = 30;

/** The reviewers' digest of a day: how many reports wait, the oldest, by unit. Nothing when nothing waits. */
export async function sendReviewDigest(
  deps: Deps,
  request: { campaignId: string; year: number; scheduledAt: string },
): Promise<Sending> {
  const campaign = await loadCampaign(deps, request.campaignId);
  const cy = await loadCampaignYear(deps, campaign, request.year);
  const outcome: Sending = { sent: 0, kept: 0, already: 0, failed: 0 };
  const perUnit = new Map<string, number>();
  let waiting = 0;
  let oldest: string | null = null;
  let nextToken: string | undefined;
  do {
    const page = await deps.submissions.list({
      campaignId: campaign.campaignId,
      year: cy.year,
      status: 'submitted',
      limit: 500,
      oldestFirst: true,
      ...(nextToken ? { nextToken } : {}),
    });
    for (const s of page.items) {
      waiting++;
      oldest ??= s.submittedAt;
      perUnit.set(s.unitId, (perUnit.get(s.unitId) ?? 0) + 1);
    }
    nextToken = page.nextToken ?? undefined;
  } while (nextToken);
  if (waiting === 0) return outcome;
  const busiest = [...perUnit].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, DIGEST_UNITS);
  const names = await Promise.all(
    busiest.map(async ([unitId]) => (await deps.catalogue.getUnit(unitId))?.name ?? unitId),
  );
  const day = isoDateIn(new Date(request.scheduledAt), campaign.timeZone);
  const { subject, text } = digestText({
    campaign,
    year: cy.year,
    day: formatDate(new Date(request.scheduledAt), campaign.timeZone),
    waiting,
    oldestSubmittedAt: oldest,
    byUnit: busiest.map(([, count], i) => ({ name: names[i]!, count })),
  });
  await deliver(
    deps,
    draft(deps, {
      messageId: messageIdOf('review-digest', campaign.campaignId, cy.year, day),
      mailbox: reviewersMailbox(campaign.campaignId),
      kind: 'review-digest',
      campaignId: campaign.campaignId,
      year: cy.year,
      unitId: null,
      to: remindersOf(campaign).reviewerEmails,
      subject,
      text,
    }),
    outcome,
  );
  return settle(outcome, 'thư tổng hợp');
}

/**
 * A mailbox (Hộp thư): a unit's messages to it (a unit sees only its own), or, for reviewers and admins without a
 * unit named, the reviewers' digests of a campaign.
 */
export async function listMessages(
  deps: Deps,
  actor: Actor,
  query: { unitId?: string; campaignId?: string } & PageQuery,
) {
  const unitId = query.unitId ?? (actor.role === 'unit' ? actor.unitId : null);
  let mailbox: string;
  let campaign: Campaign | null = null;
  if (unitId) {
    assertMayAccessUnit(actor, unitId);
    await loadUnit(deps, unitId);
    mailbox = unitMailbox(unitId);
  } else {
    if (actor.role === 'unit') throw new DomainError('FORBIDDEN', 'Đơn vị chỉ xem được hộp thư của mình');
    campaign = await loadCampaign(deps, query.campaignId);
    assertMayActOnCampaign(actor, campaign.campaignId);
    mailbox = reviewersMailbox(campaign.campaignId);
  }
  const page = await deps.messages.listMessages(mailbox, query);
  // Each message in its own campaign's time: a unit's mailbox may hold several campaigns' reminders.
  const zones = new Map<string, string>();
  for (const id of new Set(page.items.map((m) => m.campaignId)))
    zones.set(id, (await deps.catalogue.getCampaign(id))?.timeZone ?? 'UTC');
  return {
    mailbox,
    items: page.items.map((m) => ({ ...m, createdAtLocal: formatDateTime(m.createdAt, zones.get(m.campaignId)!) })),
    nextToken: page.nextToken,
    ...(campaign ? { campaignId: campaign.campaignId } : {}),
  };
}
