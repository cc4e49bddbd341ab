/** Lookups every use case needs: the campaign, its year, windows of the calendar. */
import { formatDateTime, yearIn } from '../domain/calendar.js';
import { tasksForUnit } from '../domain/criteria.js';
import { DomainError, type FieldIssue, invalid, notFound } from '../domain/errors.js';
import { moduleOf } from '../domain/kinds/index.js';
import { validDuring, validOn } from '../domain/lineage.js';
import { jobsOfYear } from '../domain/reminders.js';
import { crossCheckCapacity } from '../domain/round.js';
import { COLUMN_TITLES, type SheetRow } from '../domain/tables.js';
import type {
  Actor,
  AuditEntry,
  Campaign,
  CampaignYear,
  Criterion,
  HistoryAction,
  Submission,
  Unit,
} from '../domain/types.js';
import type { CampaignRecord, CampaignYearRecord, Deps, Page, YearClustersRecord } from '../ports/index.js';

export async function loadCampaign(deps: Deps, campaignId = deps.defaultCampaignId): Promise<CampaignRecord> {
  const campaign = await deps.catalogue.getCampaign(campaignId);
  if (!campaign)
    throw new DomainError('NOT_FOUND', `Không tìm thấy phong trào thi đua ${campaignId}`, [
      { field: 'campaignId', message: 'không tồn tại' },
    ]);
  return campaign;
}

/** This year in the campaign's time zone, or its nearest year when the campaign has ended or not begun. */
const calendarYearOf = (deps: Deps, campaign: Campaign) =>
  Math.min(campaign.lastYear, Math.max(campaign.firstYear, yearIn(deps.clock.now(), campaign.timeZone)));

/**
 * The year a campaign's pages show when none is asked for: the year open for reports now (the latest, when an admin
 * opened the next one early), else this year in its time zone, or its nearest year when the campaign has ended
 * (Đà Nẵng's 2022-2025 scheme shows 2025 in 2026) or not begun.
 */
export async function currentYearOf(deps: Deps, campaign: Campaign): Promise<number> {
  const now = deps.clock.now().getTime();
  const here = calendarYearOf(deps, campaign);
  for (const year of [Math.min(campaign.lastYear, here + 1), here]) {
    const cy = await deps.catalogue.getCampaignYear(campaign.campaignId, year);
    if (cy && now >= Date.parse(cy.calendar.submissionOpensAt) && now <= Date.parse(cy.calendar.submissionClosesAt))
      return year;
  }
  return here;
}

/** A year outside the campaign is bad input (400), naming the field it came from. */
export async function loadCampaignYear(
  deps: Deps,
  campaign: Campaign,
  year: number,
  field = 'year',
): Promise<CampaignYearRecord> {
  const cy =
    year >= campaign.firstYear && year <= campaign.lastYear
      ? await deps.catalogue.getCampaignYear(campaign.campaignId, year)
      : null;
  if (!cy)
    throw invalid(field, `năm ${year} không thuộc phong trào ${campaign.documentNumber} hoặc chưa có bộ tiêu chí`);
  return cy;
}

/** The tasks a unit leads in a year under a criterion, for kinds that draw on a task catalogue (none otherwise). */
export async function assignedTasks(deps: Deps, campaignId: string, criterion: Criterion, unit: Unit, year: number) {
  const catalogue = moduleOf(criterion).taskCatalogue?.(criterion);
  return catalogue ? tasksForUnit(await deps.catalogue.getTasks(campaignId, catalogue), unit, year) : [];
}

/** The day whose units are the year's units (default 31/12): for a year of reorganisation, a campaign-year setting. */
export const cutOffOf = (cy: Pick<CampaignYear, 'year' | 'cutOff'>) => cy.cutOff ?? `${cy.year}-12-31`;

/** Whom a unit asks about the movement, in words: the campaign's contact, else its province's Ban Thi đua - Khen thưởng. */
export function boardOf(campaign: Pick<Campaign, 'contact' | 'province'>): string {
  const c = campaign.contact;
  if (!c) return `Ban Thi đua - Khen thưởng ${campaign.province.replace(/^(Thành phố|Tỉnh) /, (w) => w.toLowerCase())}`;
  return [c.office, c.email, c.phone].filter(Boolean).join(', ');
}

/** dd/mm/yyyy, as people read a date. */
const dayText = (isoDate: string) => isoDate.split('-').reverse().join('/');

/**
 * A unit reports only for years it exists in, at least for a day: else 409 UNIT_NOT_ACTIVE. (Of a year of
 * reorganisation, the units valid on its cut-off day are ranked; the figures of those that ceased before it pass
 * to their successors.)
 */
export function assertUnitActive(unit: Unit, cy: Pick<CampaignYear, 'year'>) {
  if (!validDuring(unit, cy.year))
    throw new DomainError(
      'UNIT_NOT_ACTIVE',
      `${unit.name} không hoạt động trong năm ${cy.year}` +
        (unit.validTo ? ` (chấm dứt từ ${dayText(unit.validTo)})` : ` (thành lập ${dayText(unit.validFrom)})`),
      [{ field: 'unitId', message: `không hoạt động trong năm ${cy.year}` }],
    );
}

/** Each record's member → cluster map, made once: a cached record is the same object for a burst of requests. */
const membership = new WeakMap<YearClustersRecord, Map<string, string>>();
function clusterOfMember(record: YearClustersRecord) {
  let clusterOf = membership.get(record);
  if (!clusterOf) {
    clusterOf = new Map();
    for (const c of record.clusters) for (const m of c.members) clusterOf.set(m, c.clusterId);
    membership.set(record, clusterOf);
  }
  return clusterOf;
}

/** A year's clusters as a lookup: the cluster of each member, or the unit's own default where the year has none. */
export async function yearClustersOf(deps: Deps, campaignId: string, year: number) {
  const record = await deps.catalogue.getYearClusters(campaignId, year);
  const clusterOf = record ? clusterOfMember(record) : new Map<string, string>();
  return {
    clusters: record?.clusters ?? [],
    revision: record?.revision ?? 0,
    /**
     * Whether a unit takes part in the campaign that year: a year with clusters has exactly their members as
     * participants (so one deployment serves several provinces' campaigns); a year without them, every unit.
     */
    takesPart: (unitId: string) => !record || clusterOf.has(unitId),
    /** The unit as it stands in that year: its cluster that year. */
    place: <U extends Unit>(unit: U): U => (record ? { ...unit, cluster: clusterOf.get(unit.unitId) ?? null } : unit),
  };
}

/**
 * Whether a unit's account may read another unit's reports of a year, and their evidence: as the head of its cluster
 * (or the deputy, for the head's own), to cross-check them (kiểm tra chéo). People only: a unit's IT system reads its
 * own unit.
 */
export async function crossChecksFor(deps: Deps, actor: Actor, campaignId: string, year: number, unitId: string) {
  if (actor.role !== 'unit' || actor.scopes || !actor.unitId) return null;
  const { clusters } = await yearClustersOf(deps, campaignId, year);
  return crossCheckCapacity(clusters, actor.unitId, unitId);
}

/** The units of a campaign year: its participants valid on its cut-off day, each in its cluster of that year. */
export async function unitsOfYear(deps: Deps, campaignId: string, cy: Pick<CampaignYear, 'year' | 'cutOff'>) {
  const [units, year] = await Promise.all([deps.catalogue.listUnits({}), yearClustersOf(deps, campaignId, cy.year)]);
  const day = cutOffOf(cy);
  return units.filter((u) => validOn(u, day) && year.takesPart(u.unitId)).map(year.place);
}

/** Every campaign year in the store, each with its campaign (the watchdog and the local scheduler walk them all). */
export async function allCampaignYears(deps: Deps): Promise<Array<{ campaign: Campaign; cy: CampaignYearRecord }>> {
  const found: Array<{ campaign: Campaign; cy: CampaignYearRecord }> = [];
  for (const campaign of await deps.catalogue.listCampaigns())
    for (let year = campaign.firstYear; year <= campaign.lastYear; year++) {
      const cy = await deps.catalogue.getCampaignYear(campaign.campaignId, year);
      if (cy) found.push({ campaign, cy });
    }
  return found;
}

/**
 * A campaign year's schedules follow its data: its calendar and the campaign's reminder settings (a year outside the
 * campaign's years, or `remove`, has none). Called after every save of a campaign or of one of its years.
 */
export async function scheduleYear(deps: Deps, campaign: Campaign, cy: Pick<CampaignYear, 'year' | 'calendar'>) {
  const inCampaign = cy.year >= campaign.firstYear && cy.year <= campaign.lastYear;
  await deps.scheduler?.scheduleYear(
    campaign.campaignId,
    cy.year,
    inCampaign ? jobsOfYear(campaign, cy, deps.clock.now()) : [],
  );
}

/** Refuses any change for a finalized year: 409 YEAR_FINALIZED, naming when and how to reopen it. */
export async function assertNotFinalized(
  deps: Deps,
  campaign: Pick<Campaign, 'campaignId' | 'timeZone'>,
  year: number,
) {
  const f = await deps.catalogue.getFinalization(campaign.campaignId, year);
  if (f?.state === 'final')
    throw new DomainError(
      'YEAR_FINALIZED',
      `Năm ${year} đã chốt kết quả chính thức lúc ${formatDateTime(f.finalizedAt, campaign.timeZone)}: không nhận thay đổi nào của năm này (quản trị viên có thể mở lại năm, kèm lý do)`,
      [{ field: 'year', message: 'đã chốt kết quả chính thức' }],
    );
}

/**
 * The store found the year finalized inside the write (its lock came between the check and the write): the same
 * refusal as the check's, with the finalization's time.
 */
export async function yearLockedNow(deps: Deps, at: Pick<Submission, 'campaignId' | 'year'>): Promise<never> {
  await assertNotFinalized(deps, await loadCampaign(deps, at.campaignId), at.year);
  throw changedMeanwhile(at.year);
}

/** Someone else finalized or reopened the year between the read and the write. */
export const changedMeanwhile = (year: number) =>
  new DomainError('CONFLICT', `Năm ${year} vừa được người khác chốt hoặc mở lại, vui lòng thử lại`);

export async function loadUnit(deps: Deps, unitId: string) {
  const unit = await deps.catalogue.getUnit(unitId);
  if (!unit) throw notFound(`đơn vị ${unitId}`, 'unitId');
  return unit;
}

/** A reopening (of a unit-year, of a stage) lasts until a future instant, at most to the end of the next year. */
export function assertReopenUntil(until: string, year: number, now: Date) {
  if (Date.parse(until) <= now.getTime()) throw invalid('until', 'phải là thời điểm trong tương lai');
  // A reopening is a short extension of the year's work, not a second year.
  if (Date.parse(until) > Date.parse(`${year + 1}-12-31T23:59:59Z`))
    throw invalid('until', `không được sau năm ${year + 1}`);
}

/** An admin's reopening of a unit-year (mở lại) lets it submit and be reviewed after the calendar closed. */
export async function isReopened(
  deps: Deps,
  campaignId: string,
  unitId: string,
  year: number,
  now: Date,
): Promise<boolean> {
  const r = await deps.catalogue.getReopening(campaignId, unitId, year);
  return !!r && Date.parse(r.until) > now.getTime();
}

export const auditEntry = (
  actor: Actor,
  at: Date,
  action: HistoryAction,
  extra: Omit<AuditEntry, 'at' | 'actor' | 'role' | 'action' | 'actorName'> = {},
): AuditEntry => ({
  at: at.toISOString(),
  actor: actor.sub,
  role: actor.role,
  action,
  ...(actor.name ? { actorName: actor.name } : {}),
  ...extra,
});

export const localTime = (instant: string, campaign: Campaign) => formatDateTime(instant, campaign.timeZone);

/** A page of audit entries as people read them: with the local time beside the instant. */
export const presentHistory = (page: Page<AuditEntry>, campaign: Campaign) => ({
  items: page.items.map((e) => ({ ...e, atLocal: localTime(e.at, campaign) })),
  nextToken: page.nextToken,
});

/**
 * What is stored whole (a year's rules, a task catalogue) has its audit entry hold it before and after a change:
 * both must fit one DynamoDB item (400 KB), so each may take at most ITEM_STATE_BYTES (UTF-8 JSON, as DynamoDB
 * counts).
 */
const ITEM_STATE_BYTES = 180_000;
export function assertFitsItem(field: string, what: string, ...states: unknown[]) {
  for (const state of states)
    if (new TextEncoder().encode(JSON.stringify(state)).length > ITEM_STATE_BYTES)
      throw new DomainError(
        'PAYLOAD_TOO_LARGE',
        `${what} quá lớn (tối đa ${ITEM_STATE_BYTES / 1000} KB): hãy rút gọn nội dung`,
        [{ field, message: `tối đa ${ITEM_STATE_BYTES / 1000} KB` }],
      );
}

/** How an import gets its file: rows and SHA-256, read only once the caller may import (a refused call reads nothing). */
export interface ImportOptions {
  dryRun: boolean;
  sheet(): Promise<{ rows: SheetRow[]; sha256: string }>;
  /** What the rows came from, as the history says it (default: the file, by its SHA-256). */
  source?: string;
}
/** The history's word for where imported rows came from. */
export const importSource = (options: ImportOptions, sha256: string) =>
  options.source ?? `Nhập từ tệp ${sha256.slice(0, 12)}…`;

/** A sheet refused as a whole: every problem named by row and column, the first ones in the message too. */
export function sheetRefused(issues: FieldIssue[]): DomainError {
  const sorted = [...issues].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return new DomainError(
    'VALIDATION_FAILED',
    `Tệp có lỗi ở ${new Set(sorted.map((i) => i.row)).size} dòng (${sorted
      .slice(0, 10)
      .map((i) => `dòng ${i.row ?? '?'}: ${COLUMN_TITLES[i.field] ?? i.field}`)
      .join('; ')}): không có dòng nào được lưu`,
    sorted,
  );
}

/**
 * The same stores with the catalogue's reads remembered for the life of the returned deps (one import, one run):
 * what a file of thousands of rows asks again and again (the campaign, the year, a unit, its tasks) is read once.
 * Writes go through unchanged.
 */
export function withCatalogueMemo(deps: Deps): Deps {
  const seen = new Map<string, Promise<unknown>>();
  const catalogue = new Proxy(deps.catalogue, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function' || typeof name !== 'string' || !/^(get|list)/.test(name)) return value;
      return (...args: unknown[]) => {
        const key = `${name}:${JSON.stringify(args)}`;
        if (!seen.has(key)) seen.set(key, value.apply(target, args));
        return seen.get(key);
      };
    },
  });
  return { ...deps, catalogue };
}
