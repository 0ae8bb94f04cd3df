import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INCIDENT_STATUSES, MAINTENANCE_STATUSES, type UpdateStatus } from './schema.ts';
import { allowedNext, move, reopenIndexes } from './status-machine.ts';
import { makeIncident, catalog, NOW, BASE_FILE } from '../../../test/builders.ts';
import { checkFile } from '../check/check-incidents.ts';
import { serializeIncident } from './serialize.ts';

const incidentStatus = fc.constantFrom(...INCIDENT_STATUSES);
const maintenanceStatus = fc.constantFrom(...MAINTENANCE_STATUSES);

describe('incident status machine', () => {
  it('a sequence is accepted iff it never leaves resolved except by a reasoned reopen, never resolves twice, and never starts resolved', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(incidentStatus, fc.boolean()), { minLength: 1, maxLength: 12 }), (steps) => {
        const verdicts = steps.map(([to, reason], i) => move('incident', steps[i - 1]?.[0], to, reason));
        steps.forEach(([to, reason], i) => {
          const from = steps[i - 1]?.[0];
          const expected =
            from === undefined
              ? to === 'resolved'
                ? 'not-allowed'
                : 'ok'
              : from !== 'resolved'
                ? 'ok'
                : to === 'resolved'
                  ? 'not-allowed'
                  : to === 'investigating'
                    ? reason
                      ? 'ok'
                      : 'needs-reopen-reason'
                    : 'not-allowed';
          expect(verdicts[i]).toBe(expected);
        });
      }),
    );
  });

  it('allowedNext lists exactly the moves that are ok', () => {
    for (const from of [undefined, ...INCIDENT_STATUSES]) {
      const ok = INCIDENT_STATUSES.filter((to) => move('incident', from, to, true) === 'ok');
      expect(allowedNext('incident', from).map((s) => s.split(' ')[0])).toEqual(ok);
    }
  });

  it('reopens are exactly the steps out of resolved', () => {
    fc.assert(
      fc.property(fc.array(incidentStatus, { maxLength: 15 }), (statuses) => {
        const expected = statuses.flatMap((s, i) =>
          i > 0 && statuses[i - 1] === 'resolved' && s !== 'resolved' ? [i] : [],
        );
        expect(reopenIndexes(statuses)).toEqual(expected);
      }),
    );
  });
});

describe('maintenance status machine', () => {
  it('moves forward only, except verifying → in_progress; starts scheduled or in_progress; nothing follows completed', () => {
    const rank = (s: UpdateStatus) => MAINTENANCE_STATUSES.indexOf(s as never);
    fc.assert(
      fc.property(fc.option(maintenanceStatus, { nil: undefined }), maintenanceStatus, (from, to) => {
        const v = move('maintenance', from, to, false);
        const expected =
          from === undefined
            ? ['scheduled', 'in_progress'].includes(to)
            : from === 'completed'
              ? false
              : (from === 'verifying' && to === 'in_progress') || rank(to) >= rank(from);
        expect(v === 'ok').toBe(expected);
      }),
    );
  });

  it('never accepts a status of the other track', () => {
    fc.assert(
      fc.property(maintenanceStatus, incidentStatus, (m, i) => {
        expect(move('incident', undefined, m, true)).toBe('not-allowed');
        expect(move('maintenance', undefined, i, true)).toBe('not-allowed');
      }),
    );
  });
});

describe('the checker agrees with the machine on whole files', () => {
  const step = fc.tuple(incidentStatus, fc.boolean());
  it('a random timeline trips INC031/INC032 exactly where the machine says no', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 8 }), (steps) => {
        const start = Date.parse('2026-11-20T10:14:00+09:00');
        const updates = steps.map(([status, reason], i) => ({
          at: new Date(start + i * 600_000).toISOString().replace('.000Z', 'Z'),
          status,
          ...(reason ? { reopen_reason: 'impact returned' } : {}),
          message: { ja: '更新', en: 'Update' },
        }));
        const last = steps.at(-1)![0];
        const incident = makeIncident({
          updates,
          recovered_at: last === 'resolved' ? updates.at(-1)!.at : undefined,
          postmortem: { status: 'draft' },
        });
        const codes = checkFile(
          { file: BASE_FILE, content: serializeIncident(incident, '') },
          { catalog, now: NOW },
        ).findings.map((f) => f.code);
        const bad = steps.some(([to, r], i) => move('incident', steps[i - 1]?.[0], to, r) !== 'ok');
        expect(codes.includes('INC031') || codes.includes('INC032')).toBe(bad);
      }),
      { numRuns: 150 },
    );
  });
});
