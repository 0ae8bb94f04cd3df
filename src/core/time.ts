/**
 * Datetime helpers. Every stored instant is an RFC 3339 string *with* an
 * offset; a naive time is ambiguous (JST or UTC?) and is rejected.
 * No clock in here: callers pass `now`.
 */
const RFC3339_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const NAIVE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

export type DateTimeProblem = 'naive' | 'not-a-datetime' | 'out-of-range';

/** Why `value` is not an acceptable stored datetime, or undefined if it is. */
export function datetimeProblem(value: string): DateTimeProblem | undefined {
  const m = RFC3339_WITH_OFFSET.exec(value);
  if (!m) return NAIVE.test(value) ? 'naive' : 'not-a-datetime';
  const [, y, mo, d, h, mi, s = '0', off] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(Number(y), month)) return 'out-of-range';
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return 'out-of-range';
  if (off !== 'Z' && off !== undefined) {
    const [oh, om] = off.slice(1).split(':').map(Number);
    if ((oh ?? 0) > 23 || (om ?? 0) > 59) return 'out-of-range';
  }
  return undefined;
}

export function isDateOnly(value: string): boolean {
  const m = DATE_ONLY.exec(value);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Epoch milliseconds of a stored datetime (assumed valid). */
export function toMs(value: string): number {
  return Date.parse(value);
}

/** Epoch ms of the end of a date-only value in JST (a due date is due by the end of that day in Japan). */
export function endOfJstDayMs(date: string): number {
  return Date.parse(`${date}T23:59:59.999+09:00`);
}

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** The JST calendar date (YYYY-MM-DD) of an instant. JST has no DST, so a fixed offset is exact. */
export function jstDate(ms: number): string {
  return new Date(ms + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** `2026-11-20T10:02:00+09:00` rendering of an instant in JST. */
export function toJstIso(ms: number): string {
  return new Date(ms + JST_OFFSET_MS).toISOString().slice(0, 19) + '+09:00';
}

/** Whole minutes between two instants, rounded down. */
export function minutesBetween(fromMs: number, toMsValue: number): number {
  return Math.floor((toMsValue - fromMs) / 60_000);
}
