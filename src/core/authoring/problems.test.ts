/**
 * Core's authoring refusals are data: a kind and the values, never a
 * sentence that names a command-line flag (the CLI words them; intake and
 * other callers have no flags). Each kind is produced by the real operation,
 * not constructed by hand.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalog, makeIncident, NOW } from '../../../test/builders.ts';
import { planLiveUpdate, remoteIncident } from './fast-lane.ts';
import {
  appendUpdate,
  closeIncident,
  correctField,
  newIncident,
  newMaintenance,
  type NewIncidentInput,
} from './operations.ts';
import { AuthoringError, describeProblem, type AuthoringProblem } from './problems.ts';
import { refusal } from './refusals.ts';
import { serializeIncident } from '../incident/serialize.ts';

/** A flag as the CLI spells it: "--field", "--slug", "--push" … */
const FLAG = /(^|[\s(`'"])--[a-z]/;

function problemOf(run: () => unknown): AuthoringProblem {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(AuthoringError);
    if (!(err instanceof AuthoringError)) throw err;
    expect(err.message).toBe(describeProblem(err.problem));
    expect(err.message).not.toMatch(FLAG);
    return err.problem;
  }
  throw new Error('expected an AuthoringError, nothing was thrown');
}

const incident = makeIncident();
const input: NewIncidentInput = {
  service: 'kcps',
  type: 'failure',
  severity: 'sev3',
  scope: 'public',
  components: [{ id: 'dns', status: 'major_outage' }],
  title: { ja: 'DNS 障害', en: 'DNS outage' },
  detection: { source: 'monitoring' },
  department: 'network-ops',
  responder: 'd-ito',
};

describe('authoring problems are typed', () => {
  it('a correction of a path that does not parse, or of a field the incident lacks', () => {
    const correction = { value: 'x', reason: 'r', by: 't-sato' };
    expect(problemOf(() => correctField(incident, { field: 'updates[', ...correction }, NOW))).toEqual({
      kind: 'field-path-invalid',
      field: 'updates[',
    });
    expect(problemOf(() => correctField(incident, { field: 'detection.nonsense', ...correction }, NOW))).toEqual({
      kind: 'field-missing',
      field: 'detection.nonsense',
      id: incident.id,
    });
    // A hostile path that looks like a flag is carried as data and echoed quoted, never read as one.
    expect(() => correctField(incident, { field: '--slug', ...correction }, NOW)).toThrow(
      expect.objectContaining({
        problem: { kind: 'field-path-invalid', field: '--slug' },
        message: expect.stringMatching(/^field path "--slug": /),
      }),
    );
  });

  it('an id with nothing to make a slug from: the given slug, else the English title', () => {
    expect(problemOf(() => newIncident({ ...input, slug: '!!! ---' }, catalog, NOW))).toEqual({
      kind: 'slug-empty',
      source: '!!! ---',
    });
    expect(
      problemOf(() =>
        newMaintenance(
          {
            ...input,
            title: { ja: '保守', en: '保守' },
            window: { start: '2026-12-09T01:00:00+09:00', end: '2026-12-09T04:00:00+09:00' },
          },
          catalog,
          NOW,
        ),
      ),
    ).toEqual({ kind: 'slug-empty', source: '保守' });
  });

  it('an unknown department (no manager to default to); a manager given needs no lookup', () => {
    expect(problemOf(() => newIncident({ ...input, department: 'nowhere' }, catalog, NOW))).toEqual({
      kind: 'department-unknown',
      department: 'nowhere',
    });
    expect(newIncident({ ...input, department: 'nowhere', manager: 'k-nakamura' }, catalog, NOW).manager).toBe(
      'k-nakamura',
    );
  });

  it('the fast lane: an invalid remote copy, a local copy with other changes, more than a live update, a checker refusal', () => {
    const file = 'incidents/2026/2026-11-20-kcps-block-storage-latency.md';
    const open = makeIncident({
      updates: incident.updates.slice(0, 1),
      recovered_at: undefined,
      postmortem: undefined,
      prevention: undefined,
    });
    const remoteText = serializeIncident(open, '');
    const ctx = { file, where: 'origin/main', command: 'update', remoteText };
    expect(problemOf(() => remoteIncident({ ...ctx, remoteText: 'not front-matter' }))).toEqual({
      kind: 'remote-invalid',
      file,
      where: 'origin/main',
    });
    const edited = serializeIncident(
      { ...open, detection: { ...open.detection!, at: '2026-11-20T09:00:00+09:00' } },
      '',
    );
    expect(problemOf(() => remoteIncident({ ...ctx, localText: edited }))).toEqual({
      kind: 'local-differs',
      file,
      where: 'origin/main',
      why: 'detection.at changed',
      command: 'update',
    });
    const remote = remoteIncident(ctx);
    const options = { catalog, now: NOW, documents: new Map<string, string>() };
    const next = appendUpdate(open, { status: 'identified', message: { ja: '特定', en: 'Found' } }, NOW);
    expect(problemOf(() => planLiveUpdate(ctx, remote, { ...next, severity: 'sev1' }, options))).toEqual({
      kind: 'not-live',
      command: 'update',
      why: 'severity changed',
    });
    const backwards = appendUpdate(
      open,
      { status: 'identified', message: { ja: '特定', en: 'Found' }, at: '2026-11-20T09:00:00+09:00' },
      NOW,
    );
    const rejected = problemOf(() => planLiveUpdate(ctx, remote, backwards, options));
    expect(rejected.kind).toBe('rejected');
    if (rejected.kind === 'rejected') expect(rejected.findings.some((f) => f.severity === 'error')).toBe(true);
  });

  it('every kind has a plain sentence without a flag, even with hostile values', () => {
    const hostile = '--push --field x';
    const samples: AuthoringProblem[] = [
      { kind: 'field-path-invalid', field: 'a[' },
      { kind: 'field-missing', field: 'a.b', id: 'x' },
      { kind: 'slug-empty', source: '!!!' },
      { kind: 'department-unknown', department: 'nowhere' },
      { kind: 'remote-invalid', file: 'f.md', where: 'origin/main' },
      { kind: 'local-differs', file: 'f.md', where: 'origin/main', why: 'severity changed', command: 'update' },
      { kind: 'not-live', command: 'resolve', why: 'severity changed' },
      { kind: 'rejected', command: 'update', findings: [] },
    ];
    for (const p of samples) expect(describeProblem(p), p.kind).not.toMatch(FLAG);
    // Values are quoted where they could be mistaken for words of the sentence.
    expect(describeProblem({ kind: 'field-path-invalid', field: hostile })).toContain(JSON.stringify(hostile));
  });
});

describe('refusals are data', () => {
  const resolved = makeIncident();
  it.each([
    [
      'closed',
      'update',
      closeIncident(resolved, '2026-11-27T11:30:00+09:00', NOW),
      undefined,
      { kind: 'closed', id: resolved.id, closedAt: '2026-11-27T11:30:00+09:00' },
    ],
    [
      'resolve twice',
      'resolve',
      resolved,
      undefined,
      { kind: 'already-resolved', id: resolved.id, recoveredAt: resolved.recovered_at },
    ],
    ['update to resolved twice', 'update', resolved, 'resolved', { kind: 'resolved-again', id: resolved.id }],
  ] as const)('%s', (_label, command, subject, status, expected) => {
    const r = refusal(command, subject, { status, at: '2026-11-27T12:00:00+09:00' });
    expect(r).toEqual(expected);
    expect(JSON.stringify(r)).not.toMatch(FLAG);
  });

  it('a correction of a closed incident is not refused', () => {
    expect(
      refusal('correct', closeIncident(resolved, undefined, NOW), { at: '2026-11-27T12:00:00+09:00' }),
    ).toBeUndefined();
  });
});

describe('no flag names in core authoring', () => {
  it('no source file under src/core/authoring writes a command-line flag into a string', () => {
    const dir = new URL('./', import.meta.url);
    const offenders = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .flatMap((f) =>
        readFileSync(new URL(f, dir), 'utf8')
          .split('\n')
          .map((line, i) => ({ where: `${f}:${i + 1}`, line }))
          // Comments may explain which flag feeds a value; strings are what users read.
          .filter(({ line }) => !/^\s*(\*|\/\/|\/\*)/.test(line) && /['"`][^'"`]*--[a-z]/.test(line)),
      );
    expect(offenders).toEqual([]);
  });
});
