import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../../test/builders.ts';
import { ledgerOf, type LedgerEntry } from '../ledger/ledger.ts';
import { auditManifest } from './manifest.ts';
import { buildPackage } from './package.ts';
import { verifyPackage } from './verify.ts';

const ID = '2026-11-28-kcps-block-storage-latency-high-3f2a9c01';
const entries: LedgerEntry[] = [
  {
    key: `${ID}/intake-draft`,
    kind: 'intake-draft',
    incident: ID,
    at: '2026-11-28T09:12:00+09:00',
    detail: { pr: 1, url: 'https://github.test/o/r/pull/1?x=1', source: 'monitoring', ref: '3f2a9c01b7d4e865' },
  },
  {
    key: `${ID}/dismissed`,
    kind: 'candidate-dismissed',
    incident: ID,
    at: '2026-11-28T09:20:00+09:00',
    detail: {
      pr: 1,
      by: 't-sato',
      reason: 'test alert from staging',
      service: 'kcps',
      source: 'monitoring',
      fingerprints: '3f2a9c01b7d4e865 a81c2e44f09b3d17',
    },
  },
];
const SHA = 'a'.repeat(40);
const sha256 = (c: string | Uint8Array) => createHash('sha256').update(c).digest('hex');
const encoder = new TextEncoder();

function pkg(ledger: LedgerEntry[], format: 'json' | 'csv' = 'json', from = '2026-11-01', to = '2026-11-30') {
  const files = buildPackage({
    from,
    to,
    format,
    incidents: [],
    invalid: [],
    paths: new Map(),
    records: new Map(),
    histories: new Map(),
    ledger: ledgerOf(ledger),
    catalog,
    asOf: Date.parse('2026-11-30T00:00:00+09:00'),
    commit: { sha: SHA, committedAt: '2026-11-30T00:00:00+09:00' },
  });
  files.set('catalog.yaml', 'catalog text');
  const text = (p: string) => {
    const b = files.get(p)!;
    return typeof b === 'string' ? b : new TextDecoder().decode(b);
  };
  const population = format === 'json' ? (JSON.parse(text('population.json')) as Record<string, unknown>[]) : [];
  const manifest = auditManifest({
    from,
    to,
    format,
    commit: { sha: SHA, committedAt: '2026-11-30T00:00:00+09:00' },
    repository: 'o/r',
    generatorVersion: 't',
    catalog: { path: 'config/catalog.yaml', text: 'catalog text' },
    calendar: { source: 's', version: 'v', covers: 'c' },
    population: format === 'json' ? population : [],
    files,
    sha256,
  });
  return { files, text, population, manifest };
}
const verify = (p: ReturnType<typeof pkg>, change: (files: Map<string, Uint8Array>) => void = () => {}) => {
  const files = new Map([...p.files].map(([k, v]) => [k, typeof v === 'string' ? encoder.encode(v) : v] as const));
  change(files);
  return verifyPackage({
    manifest: p.manifest,
    files,
    sha256,
    catalog,
    expected: { calendar: { source: 's', version: 'v', covers: 'c' }, catalogPath: 'config/catalog.yaml' },
  });
};

describe('dismissed candidates in the audit', () => {
  it('the population gains a "dismissed" row with who and why; the notifications carry the evidence; verify re-performs it', () => {
    const p = pkg(entries);
    expect(p.population).toEqual([
      expect.objectContaining({
        id: ID,
        file: '',
        service: 'kcps',
        stage: 'dismissed',
        detection_source: 'monitoring',
        detected_at: '2026-11-28T09:12:00+09:00',
        clock_start_rule:
          'not an incident: dismissed by @t-sato at 2026-11-28T09:20:00+09:00 (draft #1): test alert from staging',
        closed_at: '2026-11-28T09:20:00+09:00',
      }),
    ]);
    expect((JSON.parse(p.text('notifications.json')) as { kind: string }[]).map((n) => n.kind).sort()).toEqual([
      'candidate-dismissed',
      'intake-draft',
    ]);
    expect(p.manifest.counts).toMatchObject({ incidents: 1, by_stage: { dismissed: 1 } });
    expect(verify(p)).toEqual([]);
  });
  it('verify catches a dismissal whose evidence was removed or whose reason was edited', () => {
    const p = pkg(entries);
    const problems = verify(p, (files) => files.set('notifications.json', encoder.encode('[]\n')));
    expect(problems).toContain(`${ID}: dismissed, but no dismissal in the notifications`);
    const edited = verify(p, (files) =>
      files.set(
        'population.json',
        encoder.encode(p.text('population.json').replace('test alert from staging', 'a real outage')),
      ),
    );
    expect(edited.join('\n')).toMatch(/population\.json: (SHA-256 differs|differs from the one re-generated)/);
  });
  it('outside the period, no row', () => {
    expect(pkg(entries, 'json', '2026-12-01', '2026-12-31').population).toEqual([]);
  });
});
