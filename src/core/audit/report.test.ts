import { describe, expect, it } from 'vitest';
import { catalog, makeIncident } from '../../../test/builders.ts';
import { ledgerOf } from '../ledger/ledger.ts';
import type { Incident } from '../incident/schema.ts';
import { slaRecord } from './figures.ts';
import { latePostmortems } from './package.ts';
import { managementReport } from './report.ts';
import { thresholdsUsed } from './thresholds.ts';

const AS_OF = Date.parse('2026-11-30T12:00:00+09:00');
const ledger = ledgerOf([]);

function report(population: Incident[]) {
  const sla = population.map((i) => slaRecord(i, catalog, ledger, AS_OF)!);
  return managementReport({
    title: 'Review',
    period: { from: '2026-11-01', to: '2026-11-30' },
    generatedAt: '2026-11-30T12:00:00+09:00',
    commit: 'a'.repeat(40),
    population,
    sla,
    invalid: [],
    late: latePostmortems(population, sla, AS_OF),
    thresholds: thresholdsUsed(catalog, population),
    asOf: AS_OF,
  });
}

const base = makeIncident();
const notRecovered = makeIncident({
  id: '2026-11-02-kcps-never-recovered',
  updates: [base.updates[0]!],
  recovered_at: undefined,
  detection: { source: 'monitoring', at: '2026-11-02T10:00:00+09:00' },
});
const draftCause = makeIncident({
  id: '2026-11-03-kcps-draft-cause',
  postmortem: { status: 'draft', cause_category: 'hardware' },
});
const approvedCause = makeIncident({
  id: '2026-11-04-kcps-approved-cause',
  postmortem: {
    status: 'approved',
    cause_category: 'config_change',
    approvers: ['t-sato', 'h-kimura'],
    approved_at: '2026-11-25T10:00:00+09:00',
    summary: { ja: '概要', en: 'Summary' },
  },
});

describe('the management review', () => {
  it('draws a recovery that never happened as an unstopped clock, not as a 0-minute bar', () => {
    const html = report([notRecovered]);
    const figure = html.slice(html.indexOf('Minutes to recover, per incident'));
    expect(figure).toContain('fill="url(#missing)"');
    expect(figure).toMatch(
      /<title>2026-11-02 minutes to recover: not recovered: breach, \d+ min since clock start<\/title>/,
    );
    expect(figure).not.toMatch(/<title>2026-11-02 minutes to recover: 0<\/title>/);
    expect(html).toMatch(/<td>missed \(not recovered, \d+ min since clock start\)<\/td>/);
  });

  it('counts root causes from approved postmortems only, and says how many it left out', () => {
    const html = report([draftCause, approvedCause]);
    const section = html.slice(html.indexOf('<h2>Root-cause categories'), html.indexOf('<h2>Thresholds'));
    expect(section).toContain(
      'Counted from approved postmortems only: 1 of 2 incidents; 1 without an approved postmortem are not counted.',
    );
    expect(section).toContain('config_change');
    expect(section).not.toContain('hardware');
  });

  it('says what it excludes: planned maintenance', () => {
    const maintenance = makeIncident({
      id: '2026-11-05-kcps-maintenance',
      type: 'maintenance',
      severity: undefined,
      detection: undefined,
      recovered_at: undefined,
      prevention: undefined,
      postmortem: undefined,
      window: { start: '2026-11-05T01:00:00+09:00', end: '2026-11-05T03:00:00+09:00' },
      components: [{ id: 'block-storage', status: 'under_maintenance' }],
      updates: [{ at: '2026-11-01T10:00:00+09:00', status: 'scheduled', message: { ja: '予定', en: 'Scheduled' } }],
    });
    const population = [base, maintenance];
    const sla = [
      slaRecord(base, catalog, ledger, AS_OF)!,
      { ...slaRecord(base, catalog, ledger, AS_OF)!, id: maintenance.id, clock_start: '' },
    ];
    const html = managementReport({
      title: 'R',
      period: { from: '2026-11-01', to: '2026-11-30' },
      generatedAt: '',
      commit: 'a'.repeat(40),
      population,
      sla,
      invalid: [],
      late: [],
      thresholds: [],
      asOf: AS_OF,
    });
    expect(html).toContain(
      "Figures cover the period's 1 unplanned incidents. Excluded: 1 planned maintenance window (no SLA clock).",
    );
    expect(html).toContain('Incidents per month by service (planned maintenance excluded)');
  });

  it('lists late postmortems: outstanding past the limit, or approved after it', () => {
    const outstanding = makeIncident({ id: '2026-11-06-kcps-late', postmortem: { status: 'draft' } });
    const approvedLate = makeIncident({
      ...approvedCause,
      id: '2026-11-07-kcps-approved-late',
      postmortem: { ...approvedCause.postmortem!, approved_at: '2026-12-20T10:00:00+09:00' },
    });
    const onTime = approvedCause;
    const later = Date.parse('2026-12-24T12:00:00+09:00');
    const population = [outstanding, approvedLate, onTime];
    const late = latePostmortems(
      population,
      population.map((i) => slaRecord(i, catalog, ledger, later)!),
      later,
    );
    expect(late.map((l) => [l.incident, l.state, l.days])).toEqual([
      ['2026-11-06-kcps-late', 'outstanding', 34],
      ['2026-11-07-kcps-approved-late', 'approved late', 29],
    ]);
    expect(report([outstanding])).toContain('<h2>Late postmortems</h2>');
  });

  it('states every threshold it judges by and where each is configured', () => {
    const html = report([base]);
    const section = html.slice(html.indexOf('<h2>Thresholds'));
    for (const where of [
      'config/catalog.yaml services[kcps].sla.notify_minutes',
      'config/catalog.yaml services[kcps].sla.recover_minutes',
      'config/catalog.yaml services[kcps].desk',
      'src/core/audit/thresholds.ts (LATE_POSTMORTEM_DAYS)',
      'src/core/audit/thresholds.ts (PREVENTION_AGE_DAYS)',
      'src/core/incident/lifecycle.ts (postmortemReasons)',
    ]) {
      expect(section).toContain(where);
    }
    expect(html).toContain('target 30 min');
    expect(html).toContain('target 120 min');
  });
});
