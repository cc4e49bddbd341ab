/**
 * Input schemas (zod) of the API's bodies and parameters; the criterion kinds bring their own (kinds/).
 * Each is built on first use (z.lazy): a function builds the schemas of the routes it serves, not every
 * schema of the platform at every cold start. `@__PURE__` tells the bundler a schema nobody imports can go: without
 * it, every function's bundle carried all of them (10-16 KB each, 12/2026).
 */
import * as z from 'zod/mini';
import { AWARDS } from './awards.js';
import { isTimeFrame } from './criteria.js';
import { EVIDENCE_TYPE_NAMES, MAX_EVIDENCE_FILE_BYTES } from './evidence-files.js';
import { criterionSchema } from './kinds/index.js';
import { LINEAGE_RULES } from './lineage.js';
import { RESULT_STYLES, TIE_BREAKS } from './ranking.js';
import { ROUND_STAGES } from './stages.js';
import { CLIENT_SCOPES, LEVELS, RELATIONS, ROLES, SUBMISSION_STATUSES, UNIT_KINDS } from './types.js';
import { id, instant, isoDate, note, text, year } from './validation.js';

const sha256 = () => z.string().check(z.trim(), z.toLowerCase(), z.regex(/^[0-9a-f]{64}$/, 'phải là 64 chữ số hex'));

export const evidenceSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    title: text(500),
    documentNumber: note(100),
    issuedOn: z.optional(isoDate()),
    url: z.optional(z.url({ protocol: /^https?$/ }).check(z.maxLength(2000))),
    /** A file uploaded by the unit (POST /v1/evidence-files); the platform fills in its SHA-256 when absent. */
    fileId: z.optional(z.string().check(z.regex(/^f-[0-9a-f]{32}$/, 'không phải mã tệp minh chứng'))),
    sha256: z.optional(sha256()),
  }),
);

/** A certificate the province trusts: PEM text, or the DER bytes in base64 (a CA certificate is a few KB). */
export const trustAnchorBodySchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({ certificate: z.string().check(z.minLength(100), z.maxLength(16_384)) }),
);
/** A unit announces a file before sending its bytes: the store then takes exactly these bytes and no others. */
export const evidenceFileBodySchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    unitId: id(),
    fileName: text(200).check(z.regex(/^[^/\\]+$/, 'không được chứa dấu / hoặc \\')),
    contentType: z.enum(EVIDENCE_TYPE_NAMES),
    size: z.int().check(z.minimum(1), z.maximum(MAX_EVIDENCE_FILE_BYTES)),
    sha256: sha256(),
  }),
);

export const submissionBodySchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    /** Optional: the platform's default campaign when absent. */
    campaignId: z.optional(id()),
    unitId: id(),
    /** Optional: the year open for reports now (else the calendar year) when absent. */
    year: z.optional(year()),
    criterionId: id(),
    value: z.record(z.string(), z.unknown()),
    evidence: z.array(evidenceSchema).check(z.minLength(1), z.maxLength(20)),
  }),
);
export type SubmissionBody = z.output<typeof submissionBodySchema>;

export const decisionBodySchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    decision: z.enum(['approved', 'returned', 'rejected']),
    comment: note(2000),
    expectedVersion: z.int().check(z.minimum(1)),
    correctedValue: z.optional(z.record(z.string(), z.unknown())),
    points: z.optional(z.number().check(z.minimum(0), z.maximum(1000), z.multipleOf(0.01))),
  }),
);
export type DecisionBody = z.output<typeof decisionBodySchema>;

export const predecessorSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    unitId: id(),
    relation: z.enum(RELATIONS),
    weight: z.optional(z.nullable(z.number().check(z.minimum(0), z.maximum(1)))),
  }),
);
/** A unit as an admin sends it; fields left out keep their stored value (or their default for a new unit). */
export const unitBodySchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    name: text(200),
    level: z.enum(LEVELS),
    parentId: z.optional(z.nullable(id())),
    cluster: z.optional(z.nullable(id())),
    code: z.optional(
      z.nullable(
        z
          .string()
          .check(
            z.trim(),
            z.regex(/^[0-9A-Za-z][0-9A-Za-z.-]{0,31}$/, 'chỉ gồm chữ, số, dấu chấm, gạch ngang (tối đa 32 ký tự)'),
          ),
      ),
    ),
    kind: z.optional(z.enum(UNIT_KINDS)),
    validFrom: z.optional(isoDate()),
    validTo: z.optional(z.nullable(isoDate())),
    predecessors: z.optional(z.array(predecessorSchema).check(z.maxLength(50))),
    /** Where reminders to the unit go (the unit's văn thư or its focal point for digital transformation). */
    contactEmail: z.optional(z.nullable(email())),
  }),
);

/** An admin registers a unit's IT system: a name people recognise it by, and what it may do (default: all scopes). */
export const clientBodySchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    name: text(100),
    scopes: z.optional(z.array(z.enum(CLIENT_SCOPES)).check(z.minLength(1), z.maxLength(CLIENT_SCOPES.length))),
  }),
);

export const calendarSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    submissionOpensAt: instant(),
    submissionClosesAt: instant(),
    reviewClosesAt: instant(),
    yearEndRunAt: instant(),
    // The bình xét round (shared/domain/stages.ts): all five or none.
    crossCheckClosesAt: z.optional(instant()),
    objectionsOpenAt: z.optional(instant()),
    objectionsCloseAt: z.optional(instant()),
    meetingsOpenAt: z.optional(instant()),
    meetingsCloseAt: z.optional(instant()),
  }),
);
/** The least an award asks of a unit (one of the two; neither: more than zero points). */
const awardMinimumSchema = () =>
  z
    .strictObject({
      /** At least this share (0..1) of the unit's maximum points. */
      pointsShare: z.optional(z.number().check(z.minimum(0), z.maximum(1))),
      /** At least this index (0..1), for index-style campaigns. */
      index: z.optional(z.number().check(z.minimum(0), z.maximum(1))),
    })
    .check(
      z.refine(
        (m) => (m.pointsShare === undefined) !== (m.index === undefined),
        'phải có đúng một: pointsShare hoặc index',
      ),
    );
export const awardsSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    /** Cờ thi đua: how many leading units of each cluster/block (that met all targets). */
    flagPerGroup: z.int().check(z.minimum(0), z.maximum(10)),
    /** Bằng khen: share of each cluster/block (rounded down) after the flag holders. */
    meritShare: z.number().check(z.minimum(0), z.maximum(1)),
    /** Each award's minimum, where the campaign's rules state one. */
    minimums: z.optional(
      z.strictObject({ 'co-thi-dua': z.optional(awardMinimumSchema()), 'bang-khen': z.optional(awardMinimumSchema()) }),
    ),
    /**
     * Orders beyond the campaign's score among units equal in it, applied in turn, each only because the campaign's
     * rules name it (its source: the document and the article). None: equal scores are exact ties.
     */
    tieBreaks: z.optional(
      z.array(z.strictObject({ by: z.enum(TIE_BREAKS), source: text(300) })).check(
        z.maxLength(TIE_BREAKS.length),
        z.refine((ts) => new Set(ts.map((t) => t.by)).size === ts.length, 'có cách phân định bị trùng'),
      ),
    ),
  }),
);

export const campaignYearBodySchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    criteria: z.array(criterionSchema).check(
      z.minLength(1),
      z.maxLength(100),
      z.refine((cs) => new Set(cs.map((c) => c.criterionId)).size === cs.length, 'có mã tiêu chí bị trùng'),
    ),
    calendar: z.optional(calendarSchema),
    awards: z.optional(awardsSchema),
    /** The day whose units are the year's units (default 31/12 of the year). */
    cutOff: z.optional(isoDate()),
  }),
);

export const reopenSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({ until: instant(), reason: text(1000), campaignId: z.optional(id()) }),
);

/** Opening the next year of a campaign from this one: whether the clusters' heads and deputies rotate. */
export const openNextBodySchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({ rotateHeads: z._default(z.boolean(), false) }),
);

/** Finalizing names the year it locks (the console's confirmation says what it locks): a slip of year is refused. */
export const finalizeBodySchema = /* @__PURE__ */ z.lazy(() => z.strictObject({ confirmYear: year() }));
/** A change that must say why (reopening a finalized year, revoking an award): the reason goes into the history. */
export const reasonBodySchema = /* @__PURE__ */ z.lazy(() => z.strictObject({ reason: text(1000) }));

/** An admin's decision on a tie at an award's quota: the tied units that take it, and why (recorded in the history). */
export const tieDecisionBodySchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    group: z
      .string()
      .check(
        z.minLength(1),
        z.maxLength(80),
        z.regex(/^(level:[a-z]+|[a-z0-9][a-z0-9-]{0,63})$/, 'không phải mã cụm, khối hoặc cấp'),
      ),
    award: z.enum(AWARDS),
    unitIds: z.array(id()).check(
      z.minLength(1),
      z.maxLength(10),
      z.refine((us) => new Set(us).size === us.length, 'có đơn vị được chọn hai lần'),
    ),
    reason: text(1000),
  }),
);

/** A unit's objection to its provisional result on a criterion (kiến nghị), with what it rests on. */
export const objectionBodySchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    year: year(),
    criterionId: id(),
    reason: text(2000),
    evidence: z._default(z.array(evidenceSchema).check(z.maxLength(20)), []),
    campaignId: z.optional(id()),
  }),
);
export const objectionAnswerSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({ decision: z.enum(['accepted', 'rejected']), comment: text(2000) }),
);
/** A member's secret ballot: the flag candidates it votes for (none: a blank ballot, phiếu trắng). */
export const ballotBodySchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    candidates: z.array(id()).check(
      z.maxLength(10),
      z.refine((cs) => new Set(cs).size === cs.length, 'có đơn vị được chọn hai lần'),
    ),
    campaignId: z.optional(id()),
  }),
);
/** The meeting's minutes (biên bản họp bình xét) as the head enters them. */
export const minutesBodySchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    heldOn: isoDate(),
    place: text(300),
    chair: text(200),
    /** Thư ký: who kept the minutes (signs beside the chair). */
    secretary: note(200),
    attendees: z.array(text(200)).check(z.minLength(1), z.maxLength(100)),
    notes: note(4000),
    campaignId: z.optional(id()),
  }),
);
export const stageParam = /* @__PURE__ */ z.enum(ROUND_STAGES);

export const roleSchema = /* @__PURE__ */ z.enum(ROLES);
export const statusSchema = /* @__PURE__ */ z.enum(SUBMISSION_STATUSES);
export const yearParam = /* @__PURE__ */ z.lazy(() => z.pipe(z.coerce.number(), year()));
export const levelParam = /* @__PURE__ */ z.enum(LEVELS);

/** Local wall-clock times (MM-DDTHH:mm:ss) in the campaign's time zone, applied to each year. */
const localMoment = () =>
  z
    .string()
    .check(
      z.regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/, 'phải có dạng MM-DDTHH:mm:ss'),
    );
export const calendarTemplateSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    submissionOpens: localMoment(),
    submissionCloses: localMoment(),
    reviewCloses: localMoment(),
    yearEndRun: localMoment(),
    crossCheckCloses: z.optional(localMoment()),
    objectionsOpen: z.optional(localMoment()),
    objectionsClose: z.optional(localMoment()),
    meetingsOpen: z.optional(localMoment()),
    meetingsClose: z.optional(localMoment()),
  }),
);

const timeZone = () =>
  z.string().check(
    z.maxLength(64),
    z.refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'phải là múi giờ IANA, ví dụ Asia/Ho_Chi_Minh'),
  );

const email = () => z.email('phải là địa chỉ thư điện tử, ví dụ vanthu@haiphong.gov.vn').check(z.maxLength(254));

/** When units are reminded of the reporting deadline, and where the reviewers' daily digest goes. */
export const remindersSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    daysBeforeReportingDeadline: z.array(z.int().check(z.minimum(1), z.maximum(90))).check(
      z.maxLength(5),
      z.refine((ds) => new Set(ds).size === ds.length, 'có số ngày bị trùng'),
    ),
    sendAt: z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'phải có dạng HH:mm, ví dụ 07:30')),
    reviewerEmails: z.array(email()).check(z.maxLength(20)),
  }),
);

/** A campaign (phong trào thi đua) as an admin creates or changes it: every province's movement is data. */
export const campaignBodySchema = /* @__PURE__ */ z.lazy(() =>
  z
    .strictObject({
      name: text(300),
      province: text(200),
      /** The legal basis: the plan or decision that launched the movement. */
      documentNumber: text(100),
      issuedOn: isoDate(),
      issuer: note(200),
      timeZone: timeZone(),
      firstYear: year(),
      lastYear: year(),
      calendarTemplate: calendarTemplateSchema,
      awards: awardsSchema,
      lineage: z.optional(z.strictObject({ rule: z.enum(LINEAGE_RULES), inheritAwards: z.boolean() })),
      results: z.optional(z.enum(RESULT_STYLES)),
      clusters: z._default(z.array(z.strictObject({ clusterId: id(), name: text(200) })).check(z.maxLength(200)), []),
      reminders: z.optional(remindersSchema),
      /** Who units ask about the movement (the Ban Thi đua - Khen thưởng): told where a refusal says to ask. */
      contact: z.optional(
        z.strictObject({ office: text(200), email: z.optional(email()), phone: z.optional(note(40)) }),
      ),
      /** How the clusters' votes decide (default: quorum more than half of the members, elected with more than half). */
      voting: z.optional(
        z.strictObject({
          quorumShare: z.number().check(z.minimum(0), z.maximum(1)),
          electShare: z.number().check(z.minimum(0), z.maximum(1)),
        }),
      ),
    })
    .check(
      z.refine((c) => c.lastYear >= c.firstYear && c.lastYear - c.firstYear <= 30, {
        message: 'phải từ năm bắt đầu (firstYear) đến tối đa 30 năm sau',
        path: ['lastYear'],
      }),
    ),
);

/** A task of an action programme annex (nhiệm vụ), assigned to lead agencies. */
export const taskSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    taskId: z
      .string()
      .check(z.minLength(1), z.maxLength(32), z.regex(/^[\p{L}\p{N}.-]+$/u, 'chỉ gồm chữ, số, dấu chấm')),
    section: text(20),
    sectionTitle: z.string().check(z.maxLength(500)),
    group: z.nullable(text(20)),
    groupTitle: z.nullable(text(500)),
    content: text(2000),
    leadAgencies: z.string().check(z.maxLength(500)),
    coordinatingAgencies: z.string().check(z.maxLength(1000)),
    /** As written in the annex: "2022", "2022-2025", "Hằng năm", "Từ 2022". */
    timeFrame: text(50).check(
      z.refine(isTimeFrame, 'phải là "2025", "2022-2025", "Từ 2022", "Giai đoạn 2023-2025" hoặc "Hằng năm"'),
    ),
    leadUnitIds: z.array(id()).check(z.maxLength(100)),
    /** Every unit of these levels leads the task ("UBND các quận, huyện"). */
    leadLevels: z.array(z.enum(LEVELS)).check(z.maxLength(4)),
  }),
);
export const taskCatalogueBodySchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    tasks: z.array(taskSchema).check(
      z.minLength(1),
      z.maxLength(500),
      z.refine((ts) => new Set(ts.map((t) => t.taskId)).size === ts.length, 'có mã nhiệm vụ bị trùng'),
    ),
  }),
);

/** What a year-end schedule delivers to the aggregation function (EventBridge Scheduler's input, the local timers'). */
export const scheduledEventSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    source: z.literal('year-end-schedule'),
    campaignId: z.optional(z.string()),
    year: z.optional(z.int()),
    trigger: z._default(z.enum(['schedule', 'local-schedule']), 'schedule'),
  }),
);
export type ScheduledEvent = z.input<typeof scheduledEventSchema>;
/** What a reminder or digest schedule delivers to the reminders function. */
export const reminderEventSchema = /* @__PURE__ */ z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({
      source: z.literal('reminder-schedule'),
      kind: z.literal('deadline-reminder'),
      campaignId: z.string(),
      year: z.int(),
      daysBefore: z.int(),
    }),
    z.object({
      source: z.literal('reminder-schedule'),
      kind: z.literal('review-digest'),
      campaignId: z.string(),
      year: z.int(),
      /** The instant the schedule fired for (EventBridge Scheduler's <aws.scheduler.scheduled-time>): the day. */
      scheduledAt: z.iso.datetime({ offset: true }),
    }),
  ]),
);
export type ReminderEvent = z.output<typeof reminderEventSchema>;
/** A job a function started for itself (JobRunner): Lambda's asynchronous invocation, or the local server's. */
export const JOB_SOURCE = 'job';
export const jobEventSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    source: z.literal(JOB_SOURCE),
    job: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('aggregation'), campaignId: z.string(), year: z.int(), runId: z.string() }),
      z.object({ kind: z.literal('import'), importId: z.string() }),
    ]),
  }),
);
export type JobEvent = z.output<typeof jobEventSchema>;
/** The hourly check that every year-end run due has happened (an EventBridge rule; locally the server's timer). */
export const WATCHDOG_EVENT = { source: 'year-end-watchdog' } as const;
