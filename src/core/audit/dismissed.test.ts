import { describe, expect, it } from 'vitest';
import { catalog } from '../../../test/builders.ts';
import { ledgerOf, type LedgerEntry } from '../engine/ledger.ts';
import { buildPackage } from './package.ts';
import { reperform } from './verify.ts';

const ID = '2026-11-28-kcps-block-storage-latency-high-3f2a9c01';
const entries: LedgerEntry[] = [
  { key: `${ID}/intake-draft`, kind: 'intake-draft', incident: ID, at: '2026-11-28T09:12:00+09:00', detail: { pr: 1, source: 'monitoring', ref: '3f2a9c01b7d4e865' } },
  { key: `${ID}/dismissed`, kind: 'candidate-dismissed', incident: ID, at: '2026-11-28T09:20:00+09:00', detail: { pr: 1, by: 't-sato', reason: 'test alert from staging', service: 'kcps', source: 'monitoring', fingerprints: '3f2a9c01b7d4e865' } },
];
const pkg = (ledger: LedgerEntry[], from = '2026-11-01', to = '2026-11-30') =>
  buildPackage({ from, to, format: 'json', incidents: [], records: new Map(), histories: new Map(), ledger: ledgerOf(ledger), catalog, asOf: Date.parse('2026-11-30T00:00:00+09:00') });

describe('dismissed candidates in the audit', () => {
  it('the population gains a "dismissed" row with who and why; the notifications carry the evidence', () => {
    const files = pkg(entries);
    const population = JSON.parse(files.get('population.json')!) as Record<string, unknown>[];
    expect(population).toEqual([expect.objectContaining({ id: ID, service: 'kcps', stage: 'dismissed', detection_source: 'monitoring', detected_at: '2026-11-28T09:12:00+09:00', clock_start_rule: 'not an incident: dismissed by @t-sato at 2026-11-28T09:20:00+09:00 (draft #1): test alert from staging', closed_at: '2026-11-28T09:20:00+09:00' })]);
    const notifications = JSON.parse(files.get('notifications.json')!) as Record<string, unknown>[];
    expect(notifications.map((n) => n.kind).sort()).toEqual(['candidate-dismissed', 'intake-draft']);
    expect(reperform({ population, notifications, records: new Map(), catalog, asOf: Date.parse('2026-11-30T00:00:00+09:00') })).toEqual([]);
  });
  it('re-performance catches a dismissed row without its ledger evidence', () => {
    const population = JSON.parse(pkg(entries).get('population.json')!) as Record<string, unknown>[];
    expect(reperform({ population, notifications: [], records: new Map(), catalog, asOf: 0 })).toEqual([`${ID}: dismissed, but no dismissal in the notifications`]);
  });
  it('outside the period, no row', () => {
    expect(JSON.parse(pkg(entries, '2026-12-01', '2026-12-31').get('population.json')!)).toEqual([]);
  });
});
