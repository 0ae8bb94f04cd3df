/**
 * When a support desk is open. Business-hours desks (KBI) close on weekends,
 * Japanese public holidays and company closures. JST has no DST, so a fixed
 * +09:00 offset is exact; the catalog only admits Asia/Tokyo.
 */
import holidayJp from '@holiday-jp/holiday_jp';
import type { Desk } from '../catalog/schema.ts';
import { DAY_MS, jstDate, jstDayStartMs, jstTimeMs, minutesBetween, MINUTE_MS } from '../time.ts';

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

const holidayDates = holidayJp.holidays as Record<string, { name: string; name_en: string }>;
const holidayYears = Object.keys(holidayDates).map((d) => Number(d.slice(0, 4)));
/** Years the holiday calendar covers; outside them we refuse to guess. */
export const HOLIDAY_COVERAGE = { from: Math.min(...holidayYears), to: Math.max(...holidayYears) };

export class CalendarCoverageError extends Error {
  constructor(year: number) {
    super(
      `The Japanese holiday calendar covers ${HOLIDAY_COVERAGE.from}–${HOLIDAY_COVERAGE.to}; ${year} is not covered. ` +
        'Update @holiday-jp/holiday_jp before computing desk hours for that year.',
    );
    this.name = 'CalendarCoverageError';
  }
}

/** Japanese public holiday on this JST date (YYYY-MM-DD), or undefined. Throws outside the data's years. */
export function japaneseHoliday(date: string): { name: string; name_en: string } | undefined {
  const year = Number(date.slice(0, 4));
  if (year < HOLIDAY_COVERAGE.from || year > HOLIDAY_COVERAGE.to) throw new CalendarCoverageError(year);
  return holidayDates[date];
}

type BusinessDesk = Extract<Desk, { kind: 'business-hours' }>;

/** Is the desk staffed on this JST date at all? */
export function isDeskDay(desk: Desk, date: string): boolean {
  if (desk.kind === 'always-open') return true;
  const weekday = WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()];
  if (!weekday || !desk.weekdays.includes(weekday)) return false;
  if (desk.public_holidays === 'jp' && japaneseHoliday(date)) return false;
  return !closureOn(desk, date);
}

/** The company closure that covers this JST date, if any. */
export function closureOn(desk: Desk, date: string): BusinessDesk['closures'][number] | undefined {
  if (desk.kind === 'always-open') return undefined;
  const md = date.slice(5);
  return desk.closures.find(({ from, to }) => (from <= to ? md >= from && md <= to : md >= from || md <= to));
}

function atJst(date: string, hhmm: string): number {
  return jstTimeMs(date, `${hhmm}:00`);
}

export function isDeskOpen(desk: Desk, ms: number): boolean {
  return nextDeskOpening(desk, ms) === ms;
}

/** `ms` itself when the desk is open then, else the next moment it opens. */
export function nextDeskOpening(desk: Desk, ms: number): number {
  if (desk.kind === 'always-open') return ms;
  // The longest run of closed days (year-end closure next to a weekend and holidays) is well under 20 days.
  for (let day = 0; day < 40; day++) {
    const date = jstDate(ms + day * DAY_MS);
    if (!isDeskDay(desk, date)) continue;
    const open = atJst(date, desk.open);
    const close = atJst(date, desk.close);
    if (ms < open) return open;
    if (ms < close) return ms;
  }
  throw new Error(`desk never opens within 40 days of ${new Date(ms).toISOString()}; check the desk calendar`);
}

/** Minutes the desk was open between two instants (business minutes for the audit). */
export function deskMinutesBetween(desk: Desk, fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return 0;
  if (desk.kind === 'always-open') return minutesBetween(fromMs, toMs);
  let total = 0;
  for (let dayStart = jstDayStartMs(fromMs); dayStart < toMs; dayStart += DAY_MS) {
    const date = jstDate(dayStart);
    if (!isDeskDay(desk, date)) continue;
    const open = Math.max(atJst(date, desk.open), fromMs);
    const close = Math.min(atJst(date, desk.close), toMs);
    if (close > open) total += close - open;
  }
  return Math.floor(total / MINUTE_MS);
}
