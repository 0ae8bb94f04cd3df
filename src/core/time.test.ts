import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  datetimeProblem,
  endOfJstDayMs,
  HOUR_MS,
  isDateOnly,
  jstDate,
  jstDateRangeMs,
  jstDayStartMs,
  jstTimeMs,
  JST_OFFSET,
  JST_OFFSET_MS,
  JST_TIME_ZONE,
  MINUTE_MS,
  minutesBetween,
  parseInstant,
  toJstIso,
  toMs,
} from './time.ts';

const instant = fc
  .integer({ min: Date.parse('1990-01-01T00:00:00Z'), max: Date.parse('2049-12-31T00:00:00Z') })
  .map((ms) => Math.floor(ms / 1000) * 1000);
const offsetMinutes = fc.integer({ min: -12 * 60, max: 14 * 60 }).map((m) => m - (m % 15));

function withOffset(ms: number, offset: number): string {
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

describe('stored datetimes', () => {
  it('any instant written with any offset is accepted and denotes the same instant', () => {
    fc.assert(
      fc.property(instant, offsetMinutes, (ms, offset) => {
        const s = withOffset(ms, offset);
        expect(datetimeProblem(s)).toBeUndefined();
        expect(toMs(s)).toBe(ms);
      }),
    );
  });

  it('the same wall time without an offset is rejected as naive', () => {
    fc.assert(
      fc.property(instant, (ms) => {
        const naive = new Date(ms).toISOString().slice(0, 19);
        expect(datetimeProblem(naive)).toBe('naive');
        expect(datetimeProblem(naive.replace('T', ' '))).toBe('naive');
      }),
    );
  });

  it('arbitrary strings never crash and are only accepted when Date.parse agrees', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const problem = datetimeProblem(s);
        if (problem === undefined) expect(Number.isNaN(Date.parse(s))).toBe(false);
      }),
    );
  });

  it('impossible dates and times are out of range', () => {
    for (const s of [
      '2026-02-30T10:00:00+09:00',
      '2026-13-01T10:00:00Z',
      '2026-11-20T24:00:00Z',
      '2026-11-20T10:60:00Z',
      '2026-11-20T10:00:00+25:00',
    ]) {
      expect(datetimeProblem(s)).toBe('out-of-range');
    }
    expect(datetimeProblem('2028-02-29T00:00:00Z')).toBeUndefined();
    expect(isDateOnly('2027-02-29')).toBe(false);
  });

  it('JST rendering round-trips and names the JST date', () => {
    fc.assert(
      fc.property(instant, (ms) => {
        expect(toMs(toJstIso(ms))).toBe(ms);
        expect(toJstIso(ms).slice(0, 10)).toBe(jstDate(ms));
      }),
    );
    expect(jstDate(Date.parse('2026-11-22T15:30:00Z'))).toBe('2026-11-23');
  });
});

describe('parseInstant (a --now flag, STATUS_NOW)', () => {
  it('takes an RFC 3339 time with offset and nothing Date.parse would guess at', () => {
    expect(parseInstant('2026-11-28T09:00:00+09:00')).toBe(Date.parse('2026-11-28T00:00:00Z'));
    expect(parseInstant('2026-11-28T09:00+09:00')).toBe(Date.parse('2026-11-28T00:00:00Z'));
    for (const bad of [
      '2026',
      '2026-11-28',
      '2026-11-28T09:00:00',
      'Sat, 28 Nov 2026 09:00:00 GMT',
      '2026-02-29T00:00:00Z',
      '2026-11-28T24:00:00Z',
      '',
      '2026-11-28T09:00:00+09:00\n',
    ])
      expect(parseInstant(bad), bad).toBeUndefined();
  });

  it('reads back every instant we write, in UTC and in JST', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-30T00:00:00Z'), noInvalidDate: true }),
        (d) => {
          expect(parseInstant(d.toISOString())).toBe(d.getTime());
          expect(parseInstant(toJstIso(d.getTime()))).toBe(Math.floor(d.getTime() / 1000) * 1000);
        },
      ),
    );
  });
});

describe('JST days and the time constants', () => {
  it('the constants agree with each other and with the zone database', () => {
    expect([MINUTE_MS, HOUR_MS, DAY_MS]).toEqual([60_000, 3_600_000, 86_400_000]);
    expect(JST_OFFSET_MS).toBe(9 * HOUR_MS);
    // The fixed offset is what the IANA zone says, in winter and in summer (no DST in Japan).
    for (const at of ['2026-01-15T00:00:00Z', '2026-07-15T00:00:00Z']) {
      const name = new Intl.DateTimeFormat('en', { timeZone: JST_TIME_ZONE, timeZoneName: 'longOffset' })
        .formatToParts(Date.parse(at))
        .find((p) => p.type === 'timeZoneName')!.value;
      expect(name).toBe(`GMT${JST_OFFSET}`);
    }
  });

  it('a JST day starts at 15:00 UTC the day before: the last millisecond before belongs to the previous day', () => {
    const midnight = Date.parse('2026-11-22T15:00:00Z');
    expect(jstDayStartMs(midnight)).toBe(midnight);
    expect(jstDayStartMs(midnight - 1)).toBe(midnight - DAY_MS);
    expect(jstDayStartMs(midnight + DAY_MS - 1)).toBe(midnight);
    expect(jstDate(jstDayStartMs(midnight))).toBe('2026-11-23');
    fc.assert(
      fc.property(instant, (ms) => {
        const start = jstDayStartMs(ms);
        expect(start <= ms && ms < start + DAY_MS).toBe(true);
        expect(toJstIso(start).slice(10)).toBe('T00:00:00+09:00');
      }),
    );
  });

  it('jstTimeMs reads a wall time in Japan; an impossible date is NaN, never another day', () => {
    expect(jstTimeMs('2026-11-20')).toBe(Date.parse('2026-11-19T15:00:00Z'));
    expect(jstTimeMs('2026-11-20', '09:30:00')).toBe(Date.parse('2026-11-20T00:30:00Z'));
    expect(endOfJstDayMs('2026-11-20')).toBe(jstTimeMs('2026-11-21') - 1);
    expect(jstTimeMs('2028-02-29')).toBe(Date.parse('2028-02-28T15:00:00Z'));
    expect(Number.isNaN(jstTimeMs('not a date'))).toBe(true);
    expect(Number.isNaN(jstTimeMs('2026-11-20', '25:00:00'))).toBe(true);
  });

  it('a period of JST dates covers both ends whole, across a year end and a leap day', () => {
    const p = jstDateRangeMs('2027-12-31', '2028-03-01');
    expect(p.from).toBe(Date.parse('2027-12-30T15:00:00Z'));
    expect(p.to).toBe(Date.parse('2028-03-01T15:00:00Z'));
    expect((p.to - p.from) / DAY_MS).toBe(1 + 31 + 29 + 1);
    const one = jstDateRangeMs('2026-11-20', '2026-11-20');
    expect(one.to - one.from).toBe(DAY_MS);
  });

  it('minutesBetween rounds down, also for a negative span', () => {
    expect(minutesBetween(0, MINUTE_MS - 1)).toBe(0);
    expect(minutesBetween(0, MINUTE_MS)).toBe(1);
    expect(minutesBetween(MINUTE_MS, 0)).toBe(-1);
    expect(minutesBetween(1, 0)).toBe(-1);
  });
});
