/**
 * Campaign calendars. Instants are stored in UTC; local times (the campaign's time zone,
 * Asia/Ho_Chi_Minh for Hải Phòng) are what people read and what the schedule fires on.
 */
import { roundProblems } from './stages.js';
import type { Calendar, CalendarTemplate } from './types.js';

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** What the time zone's clock reads, as Intl says it (tens of microseconds each: every answer shows times). */
export function intlLocalParts(instant: Date | number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** The zone's clock at a whole second, as milliseconds of a UTC date with the same fields. */
function zoneClock(at: number, timeZone: string): number {
  const p = intlLocalParts(at, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
}

/**
 * Time zones change their offset on a whole minute of their own clock and by multiples of 15 minutes, so an offset holds
 * through each quarter hour of UTC; one whose two ends disagree (a change inside it) is not kept and asked each time.
 */
const QUARTER_HOUR = 15 * 60_000;
const offsets = new Map<string, number | null>();
function offsetAt(ms: number, timeZone: string): number {
  const start = Math.floor(ms / QUARTER_HOUR) * QUARTER_HOUR;
  const key = `${timeZone} ${start}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const end = start + QUARTER_HOUR - 1000;
    offset = zoneClock(start, timeZone) - start;
    if (zoneClock(end, timeZone) - end !== offset) offset = null;
    if (offsets.size >= 10_000) offsets.clear();
    offsets.set(key, offset);
  }
  const second = Math.floor(ms / 1000) * 1000;
  return offset ?? zoneClock(second, timeZone) - second;
}

export function localParts(instant: Date, timeZone: string): LocalParts {
  const ms = instant.getTime();
  const local = new Date(ms + offsetAt(ms, timeZone));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

/** The UTC instant of a wall-clock time in a time zone (offset taken at that time, so DST zones work too). */
export function zonedTimeToUtc(local: LocalParts, timeZone: string): Date {
  const guess = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  const seen = localParts(new Date(guess), timeZone);
  const offset = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute, seen.second) - guess;
  return new Date(guess - offset);
}

const TEMPLATE_TIME = /^(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;
export function parseTemplateTime(value: string): Omit<LocalParts, 'year'> {
  const m = TEMPLATE_TIME.exec(value);
  if (!m) throw new Error(`calendar template time must be MM-DDTHH:mm:ss, got ${value}`);
  const [month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number];
  return { month, day, hour, minute, second };
}

export function calendarForYear(template: CalendarTemplate, year: number, timeZone: string): Calendar {
  const at = (t: string) => zonedTimeToUtc({ year, ...parseTemplateTime(t) }, timeZone).toISOString();
  const calendar: Calendar = {
    submissionOpensAt: at(template.submissionOpens),
    submissionClosesAt: at(template.submissionCloses),
    reviewClosesAt: at(template.reviewCloses),
    yearEndRunAt: at(template.yearEndRun),
  };
  const stages = {
    crossCheckClosesAt: template.crossCheckCloses,
    objectionsOpenAt: template.objectionsOpen,
    objectionsCloseAt: template.objectionsClose,
    meetingsOpenAt: template.meetingsOpen,
    meetingsCloseAt: template.meetingsClose,
  };
  for (const [field, local] of Object.entries(stages)) if (local) calendar[field as keyof typeof stages] = at(local);
  return calendar;
}

/** Calendar order: opens < closes <= review closes <= year-end run, all within the year. */
export function calendarProblems(
  calendar: Calendar,
  year: number,
  timeZone: string,
): Array<{ field: string; message: string }> {
  const t = (k: keyof Calendar) => Date.parse(calendar[k] ?? '');
  const problems: Array<{ field: string; message: string }> = [];
  if (!(t('submissionOpensAt') < t('submissionClosesAt')))
    problems.push({ field: 'calendar.submissionClosesAt', message: 'phải sau thời điểm mở nhận báo cáo' });
  if (!(t('submissionClosesAt') <= t('reviewClosesAt')))
    problems.push({ field: 'calendar.reviewClosesAt', message: 'phải sau hạn nộp báo cáo' });
  if (!(t('reviewClosesAt') <= t('yearEndRunAt')))
    problems.push({ field: 'calendar.yearEndRunAt', message: 'phải sau khi kết thúc thẩm định' });
  if (localParts(new Date(t('yearEndRunAt')), timeZone).year !== year)
    problems.push({ field: 'calendar.yearEndRunAt', message: `phải trong năm ${year} (trước 31/12)` });
  problems.push(...roundProblems(calendar));
  if (calendar.meetingsCloseAt && localParts(new Date(t('meetingsCloseAt')), timeZone).year !== year)
    problems.push({ field: 'calendar.meetingsCloseAt', message: `phải trong năm ${year} (trước 31/12)` });
  return problems;
}

/** The same wall-clock time `years` later in the time zone (29 February becomes the 28th in a common year). */
export function shiftYears(instant: string, years: number, timeZone: string): string {
  const p = localParts(new Date(instant), timeZone);
  const year = p.year + years;
  const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const day = p.month === 2 && p.day === 29 && !leap(year) ? 28 : p.day;
  return zonedTimeToUtc({ ...p, year, day }, timeZone).toISOString();
}

/** A year's calendar moved by `years`: every instant at the same local time of the later year. */
export const shiftCalendar = (calendar: Calendar, years: number, timeZone: string): Calendar =>
  Object.fromEntries(
    Object.entries(calendar).map(([k, v]) => [k, typeof v === 'string' ? shiftYears(v, years, timeZone) : v]),
  ) as Calendar;

/** EventBridge Scheduler's one-time expression: the local time of the instant, read in `timeZone`. */
export function atExpression(instant: string, timeZone: string): string {
  const p = localParts(new Date(instant), timeZone);
  return `at(${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)})`;
}

export const yearIn = (instant: Date, timeZone: string): number => localParts(instant, timeZone).year;

const pad = (n: number) => String(n).padStart(2, '0');
/** dd/mm/yyyy in the campaign's time zone. */
export function formatDate(instant: Date | string, timeZone: string): string {
  const p = localParts(new Date(instant), timeZone);
  return `${pad(p.day)}/${pad(p.month)}/${p.year}`;
}
/** dd/mm/yyyy HH:mm:ss in the campaign's time zone. */
export function formatDateTime(instant: Date | string, timeZone: string): string {
  const p = localParts(new Date(instant), timeZone);
  return `${formatDate(instant, timeZone)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}
/** Vietnam's zone by the name people use; others by their offset now (a zone name is for machines). */
const ZONE_NAMES: Record<string, string> = { 'Asia/Ho_Chi_Minh': 'giờ Việt Nam', 'Asia/Saigon': 'giờ Việt Nam' };
/** How a time zone reads to a person: "giờ Việt Nam (GMT+7)". */
export function timeZoneLabel(timeZone: string, now: Date = new Date()): string {
  const at = new Date(Math.floor(now.getTime() / 60_000) * 60_000); // whole minutes: the parts carry no seconds
  const p = localParts(at, timeZone);
  const minutes = Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - at.getTime()) / 60_000);
  const offset = `GMT${minutes < 0 ? '−' : '+'}${Math.floor(Math.abs(minutes) / 60)}${Math.abs(minutes) % 60 ? `:${pad(Math.abs(minutes) % 60)}` : ''}`;
  return `${ZONE_NAMES[timeZone] ?? 'giờ'} (${offset})`;
}
/** The wall-clock time of an instant in a time zone, as a datetime-local input holds it (yyyy-mm-ddTHH:mm:ss). */
export function localIso(instant: Date | string, timeZone: string): string {
  const p = localParts(new Date(instant), timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}
/** The UTC instant (ISO) of a yyyy-mm-ddTHH:mm[:ss] wall-clock time in a time zone; other text comes back as it is. */
export function instantOfLocalIso(local: string, timeZone: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) return local;
  const [year, month, day, hour, minute, second] = m.slice(1).map((x) => Number(x ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return zonedTimeToUtc({ year, month, day, hour, minute, second }, timeZone).toISOString();
}
/** The calendar date (yyyy-mm-dd) of an instant in the campaign's time zone. */
export function isoDateIn(instant: Date, timeZone: string): string {
  const p = localParts(instant, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}
