/**
 * Datetime helpers. Every stored instant is an RFC 3339 string *with* an
 * offset; a naive time is ambiguous (JST or UTC?) and is rejected.
 * No clock in here: callers pass `now`.
 */
const RFC3339_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const NAIVE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

export type DateTimeProblem = 'naive' | 'not-a-datetime' | 'out-of-range';

/** Why `value` is not an acceptable stored datetime, or undefined if it is. */
export function datetimeProblem(value: string): DateTimeProblem | undefined {
  const m = RFC3339_WITH_OFFSET.exec(value);
  if (!m) return NAIVE.test(value) ? 'naive' : 'not-a-datetime';
  // Field checks without allocations: this runs for every datetime of every file.
  const month = +m[2]!;
  const day = +m[3]!;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(+m[1]!, month)) return 'out-of-range';
  if (+m[4]! > 23 || +m[5]! > 59 || (m[6] !== undefined && +m[6] > 59)) return 'out-of-range';
  const off = m[7]!;
  if (off !== 'Z' && (+off.slice(1, 3) > 23 || +off.slice(4, 6) > 59)) return 'out-of-range';
  return undefined;
}

export function isDateOnly(value: string): boolean {
  const m = DATE_ONLY.exec(value);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month);
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return DAYS[month - 1]!;
}

/**
 * Epoch milliseconds of an instant someone gives (a --now flag, STATUS_NOW), or undefined
 * unless it is an RFC 3339 time with offset: `Date.parse` alone takes "2026", a date
 * or a naive time, and reads them in whatever zone the machine is in.
 */
export function parseInstant(value: string): number | undefined {
  if (datetimeProblem(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Epoch milliseconds of a stored datetime (assumed valid). */
export function toMs(value: string): number {
  return Date.parse(value);
}

/** Milliseconds in a minute, an hour and a day (a JST day is always 24 h: no DST). */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Japan time: the one IANA zone the catalog admits, and its fixed offset (JST has no DST, so the offset is exact). */
export const JST_TIME_ZONE = 'Asia/Tokyo';
export const JST_OFFSET = '+09:00';
export const JST_OFFSET_MS = 9 * HOUR_MS;

/** Epoch ms of a JST wall-clock time on a date-only value: `jstTimeMs('2026-11-20', '09:30:00')`; midnight by default. */
export function jstTimeMs(date: string, time = '00:00:00'): number {
  return Date.parse(`${date}T${time}${JST_OFFSET}`);
}

/** Epoch ms of the end of a date-only value in JST (a due date is due by the end of that day in Japan). */
export function endOfJstDayMs(date: string): number {
  return jstTimeMs(date, '23:59:59.999');
}

/** Epoch ms of the JST midnight that starts the day `ms` falls in. */
export function jstDayStartMs(ms: number): number {
  return ms - ((ms + JST_OFFSET_MS) % DAY_MS);
}

/** The instants of the JST dates `from` to `to`, both days whole: `from` inclusive, `to` exclusive (an audit period). */
export function jstDateRangeMs(from: string, to: string): { from: number; to: number } {
  return { from: jstTimeMs(from), to: jstTimeMs(to) + DAY_MS };
}

/** The JST calendar date (YYYY-MM-DD) of an instant. JST has no DST, so a fixed offset is exact. */
export function jstDate(ms: number): string {
  return new Date(ms + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** `2026-11-20T10:02:00+09:00` rendering of an instant in JST. */
export function toJstIso(ms: number): string {
  return new Date(ms + JST_OFFSET_MS).toISOString().slice(0, 19) + JST_OFFSET;
}

/** Whole minutes between two instants, rounded down. */
export function minutesBetween(fromMs: number, toMsValue: number): number {
  return Math.floor((toMsValue - fromMs) / MINUTE_MS);
}
