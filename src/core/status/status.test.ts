import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalog, makeIncident } from '../../../test/builders.ts';
import { publicIncidents } from '../incident/public-incident.ts';
import type { Incident } from '../incident/schema.ts';
import { componentStatuses, pageStatus, STATUS_RANK, worse, type ComponentStatus } from './component-status.ts';
import { componentHistory, intervalsFor, statusRuns } from './history.ts';
import { maintenanceState } from './maintenance.ts';

const at = (s: string) => Date.parse(s);
const open = (overrides: Partial<Incident> = {}) =>
  makeIncident({
    updates: makeIncident().updates.slice(0, 2),
    recovered_at: undefined,
    postmortem: undefined,
    prevention: undefined,
    ...overrides,
  });
const maintenance = (start: string, end: string, statuses: string[] = ['scheduled']) =>
  makeIncident({
    id: '2026-12-01-kcps-maint',
    type: 'maintenance',
    severity: undefined,
    detection: undefined,
    recovered_at: undefined,
    postmortem: undefined,
    prevention: undefined,
    window: { start, end },
    components: [{ id: 'dns', status: 'under_maintenance' }],
    updates: statuses.map((status, i) => ({
      at: `2026-11-2${i}T10:00:00+09:00`,
      status: status as 'scheduled',
      message: { ja: 'x', en: 'x' },
    })),
  });

describe('component status roll-up', () => {
  const now = at('2026-11-20T10:30:00+09:00');
  it('an open incident sets its components; the page takes the worst', () => {
    const s = componentStatuses(
      publicIncidents([
        open({
          components: [
            { id: 'block-storage', status: 'partial_outage' },
            { id: 'dns', status: 'degraded_performance' },
          ],
        }),
      ]),
      catalog,
      now,
    );
    expect(s.get('kcps/block-storage')).toBe('partial_outage');
    expect(s.get('kcps/dns')).toBe('degraded_performance');
    expect(s.get('kbi/login')).toBe('operational');
    expect(pageStatus(s)).toEqual({ indicator: 'major', worst: 'partial_outage', maintenance: false });
  });

  it('resolved incidents and customer-scope incidents (left out by the public filter) do not count', () => {
    const s = componentStatuses(
      publicIncidents([makeIncident(), open({ scope: 'customer', customers: ['cust-1234'] })]),
      catalog,
      now,
    );
    expect(pageStatus(s).indicator).toBe('none');
  });

  it('maintenance shows only while active and never hides a worse incident', () => {
    const m = maintenance('2026-11-20T10:00:00+09:00', '2026-11-20T12:00:00+09:00');
    expect(componentStatuses(publicIncidents([m]), catalog, now).get('kcps/dns')).toBe('under_maintenance');
    expect(componentStatuses(publicIncidents([m]), catalog, at('2026-11-20T09:00:00+09:00')).get('kcps/dns')).toBe(
      'operational',
    );
    expect(
      componentStatuses(
        publicIncidents([m, open({ components: [{ id: 'dns', status: 'major_outage' }] })]),
        catalog,
        now,
      ).get('kcps/dns'),
    ).toBe('major_outage');
    expect(pageStatus(componentStatuses(publicIncidents([m]), catalog, now))).toEqual({
      indicator: 'maintenance',
      worst: 'under_maintenance',
      maintenance: true,
    });
  });

  it('worse() is a total order: commutative, associative, with operational as identity', () => {
    const s = fc.constantFrom<ComponentStatus>(...(Object.keys(STATUS_RANK) as ComponentStatus[]));
    fc.assert(
      fc.property(s, s, s, (a, b, c) => {
        expect(worse(a, b)).toBe(worse(b, a));
        expect(worse(worse(a, b), c)).toBe(worse(a, worse(b, c)));
        expect(worse(a, 'operational')).toBe(a);
      }),
    );
  });
});

describe('maintenance state', () => {
  const m = maintenance('2026-12-01T01:00:00+09:00', '2026-12-01T03:00:00+09:00');
  it('follows the window when the team posted nothing since scheduling', () => {
    expect(maintenanceState(m, at('2026-12-01T00:59:00+09:00'))).toBe('scheduled');
    expect(maintenanceState(m, at('2026-12-01T01:00:00+09:00'))).toBe('in_progress');
    expect(maintenanceState(m, at('2026-12-01T03:00:00+09:00'))).toBe('completed');
  });
  it('an explicit update wins (overrun, verification)', () => {
    const overrun = maintenance('2026-12-01T01:00:00+09:00', '2026-12-01T03:00:00+09:00', ['scheduled', 'in_progress']);
    expect(maintenanceState(overrun, at('2026-12-01T04:00:00+09:00'))).toBe('in_progress');
    const verifying = maintenance('2026-12-01T01:00:00+09:00', '2026-12-01T03:00:00+09:00', [
      'scheduled',
      'in_progress',
      'verifying',
    ]);
    expect(maintenanceState(verifying, at('2026-12-01T02:00:00+09:00'))).toBe('verifying');
  });
});

describe('90-day history', () => {
  const now = at('2026-11-27T12:00:00+09:00');
  it('days are JST days; an incident marks every day it touched with its status', () => {
    const incident = makeIncident({
      detection: { source: 'monitoring', at: '2026-11-20T23:30:00+09:00' },
      updates: makeIncident().updates.map((u) => ({ ...u, at: '2026-11-21T00:10:00+09:00' })),
      recovered_at: '2026-11-21T00:05:00+09:00',
    });
    const h = componentHistory(intervalsFor(publicIncidents([incident]), 'kcps', 'block-storage', now), now);
    expect(h.days).toHaveLength(90);
    expect(h.days.at(-1)!.date).toBe('2026-11-27');
    expect(h.days.filter((d) => d.status !== 'operational').map((d) => d.date)).toEqual(['2026-11-20', '2026-11-21']);
    expect(h.uptime).toBe(100); // degraded performance is not downtime
  });

  it('uptime counts partial and major outage minutes once, even when incidents overlap', () => {
    const a = makeIncident({
      id: '2026-11-20-a',
      components: [{ id: 'dns', status: 'major_outage' }],
      detection: { source: 'monitoring', at: '2026-11-20T10:00:00+09:00' },
      recovered_at: '2026-11-20T11:00:00+09:00',
    });
    const b = makeIncident({
      id: '2026-11-20-b',
      components: [{ id: 'dns', status: 'partial_outage' }],
      detection: { source: 'monitoring', at: '2026-11-20T10:30:00+09:00' },
      recovered_at: '2026-11-20T11:30:00+09:00',
    });
    const h = componentHistory(intervalsFor(publicIncidents([a, b]), 'kcps', 'dns', now), now);
    expect(h.outageMinutes).toBe(90);
    expect(h.uptime).toBe(
      Math.floor((1 - 90 / ((now - (now - ((now + 9 * 3600_000) % 86_400_000) - 89 * 86_400_000)) / 60_000)) * 10_000) /
        100,
    );
  });

  it('runs compress the strip: a quiet component is one run', () => {
    expect(statusRuns(componentHistory([], now).days)).toEqual([{ status: 'operational', from: 0, length: 90 }]);
  });

  it('for any set of intervals, each day is the worst overlapping status and uptime stays in [0, 100]', () => {
    const day = 86_400_000;
    const start = now - 100 * day;
    const interval = fc.record({
      a: fc.integer({ min: 0, max: 100 * day }),
      len: fc.integer({ min: 1, max: 3 * day }),
      status: fc.constantFrom<ComponentStatus>(
        'degraded_performance',
        'partial_outage',
        'major_outage',
        'under_maintenance',
      ),
    });
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 6 }), (list) => {
        const ivs = list
          .map((x, i) => ({
            incidentId: `i${i}`,
            start: start + x.a,
            end: Math.min(now, start + x.a + x.len),
            status: x.status,
          }))
          .filter((x) => x.end > x.start);
        const h = componentHistory(ivs, now);
        expect(h.uptime).toBeGreaterThanOrEqual(0);
        expect(h.uptime).toBeLessThanOrEqual(100);
        for (const d of h.days) {
          const ds = Date.parse(`${d.date}T00:00:00+09:00`);
          const touching = ivs.filter((x) => x.start < ds + day && x.end > ds);
          expect(d.status).toBe(touching.reduce<ComponentStatus>((w, x) => worse(w, x.status), 'operational'));
        }
      }),
      { numRuns: 100 },
    );
  });
});
