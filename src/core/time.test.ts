import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datetimeProblem, isDateOnly, jstDate, toJstIso, toMs } from './time.ts';

const instant = fc.integer({ min: Date.parse('1990-01-01T00:00:00Z'), max: Date.parse('2049-12-31T00:00:00Z') }).map((ms) => Math.floor(ms / 1000) * 1000);
const offsetMinutes = fc.integer({ min: -12 * 60, max: 14 * 60 }).map((m) => m - (m % 15));

function withOffset(ms: number, offset: number): string {
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

describe('stored datetimes', () => {
  it('any instant written with any offset is accepted and denotes the same instant', () => {
    fc.assert(fc.property(instant, offsetMinutes, (ms, offset) => {
      const s = withOffset(ms, offset);
      expect(datetimeProblem(s)).toBeUndefined();
      expect(toMs(s)).toBe(ms);
    }));
  });

  it('the same wall time without an offset is rejected as naive', () => {
    fc.assert(fc.property(instant, (ms) => {
      const naive = new Date(ms).toISOString().slice(0, 19);
      expect(datetimeProblem(naive)).toBe('naive');
      expect(datetimeProblem(naive.replace('T', ' '))).toBe('naive');
    }));
  });

  it('arbitrary strings never crash and are only accepted when Date.parse agrees', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const problem = datetimeProblem(s);
      if (problem === undefined) expect(Number.isNaN(Date.parse(s))).toBe(false);
    }));
  });

  it('impossible dates and times are out of range', () => {
    for (const s of ['2026-02-30T10:00:00+09:00', '2026-13-01T10:00:00Z', '2026-11-20T24:00:00Z', '2026-11-20T10:60:00Z', '2026-11-20T10:00:00+25:00']) {
      expect(datetimeProblem(s)).toBe('out-of-range');
    }
    expect(datetimeProblem('2028-02-29T00:00:00Z')).toBeUndefined();
    expect(isDateOnly('2027-02-29')).toBe(false);
  });

  it('JST rendering round-trips and names the JST date', () => {
    fc.assert(fc.property(instant, (ms) => {
      expect(toMs(toJstIso(ms))).toBe(ms);
      expect(toJstIso(ms).slice(0, 10)).toBe(jstDate(ms));
    }));
    expect(jstDate(Date.parse('2026-11-22T15:30:00Z'))).toBe('2026-11-23');
  });
});
