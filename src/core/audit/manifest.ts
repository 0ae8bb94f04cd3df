/** The package's manifest: what was exported, from what, and the hash of every file. Pure: the hash function is given. */
import { JST_TIME_ZONE } from '../time.ts';
import { INVALID_STAGE } from './records.ts';
import type { Manifest } from './verify.ts';

export interface ManifestInput {
  from: string;
  to: string;
  format: 'json' | 'csv';
  commit: { sha: string; committedAt: string };
  repository: string;
  generatorVersion: string;
  catalog: { path: string; text: string };
  calendar: { source: string; version: string; covers: string };
  /** The population rows as written in the package (invalid records included). */
  population: readonly Record<string, unknown>[];
  files: ReadonlyMap<string, string | Uint8Array>;
  sha256: (content: string | Uint8Array) => string;
}

type Row = Record<string, unknown>;

/** The manifest's counts, from the population rows: the one definition export and verify share. */
export function populationCounts(rows: readonly Row[]) {
  const tally = (key: (r: Row) => string) =>
    Object.fromEntries(
      [...rows.reduce((m, r) => m.set(key(r), (m.get(key(r)) ?? 0) + 1), new Map<string, number>())].sort(([a], [b]) =>
        a < b ? -1 : 1,
      ),
    );
  const invalid = rows.filter((r) => r.stage === INVALID_STAGE);
  return {
    incidents: rows.length,
    invalid_records: invalid.length,
    by_service: tally((r) => String(r.service || 'unknown')),
    by_type: tally((r) => String(r.type || 'unknown')),
    by_severity: tally((r) => String(r.severity || 'none')),
    by_stage: tally((r) => String(r.stage)),
  };
}

export const PERIOD_TIME_ZONE = JST_TIME_ZONE;
export const PERIOD_RULE =
  'incidents detected (maintenance: window start) from 00:00 on the first day to 24:00 on the last';
export const GENERATOR_NAME = 'status-portal audit';
/** The manifest's keys, in order: verify refuses any other (an added "claim" is not part of the evidence). */
export const MANIFEST_KEYS = [
  'period',
  'generated_at',
  'generator',
  'repository',
  'commit',
  'catalog',
  'calendar',
  'query',
  'counts',
  'files',
] as const;

export function auditManifest(input: ManifestInput): Manifest {
  return {
    period: { from: input.from, to: input.to, time_zone: PERIOD_TIME_ZONE, rule: PERIOD_RULE },
    generated_at: input.commit.committedAt,
    generator: { name: GENERATOR_NAME, version: input.generatorVersion },
    repository: input.repository,
    commit: input.commit.sha,
    catalog: { path: input.catalog.path, sha256: input.sha256(input.catalog.text) },
    calendar: input.calendar,
    query: { from: input.from, to: input.to, format: input.format },
    counts: populationCounts(input.population),
    files: Object.fromEntries(
      [...input.files].sort(([a], [b]) => (a < b ? -1 : 1)).map(([path, text]) => [path, input.sha256(text)]),
    ),
  };
}
