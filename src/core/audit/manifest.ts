/** The package's manifest: what was exported, from what, and the hash of every file. Pure: the hash function is given. */
import { stageOf } from '../incident/lifecycle.ts';
import type { Incident } from '../incident/schema.ts';
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
  population: readonly Incident[];
  files: ReadonlyMap<string, string>;
  sha256: (text: string) => string;
}

export function auditManifest(input: ManifestInput): Manifest {
  const tally = (key: (i: Incident) => string) =>
    Object.fromEntries([...input.population.reduce((m, i) => m.set(key(i), (m.get(key(i)) ?? 0) + 1), new Map<string, number>())].sort());
  return {
    period: { from: input.from, to: input.to, time_zone: 'Asia/Tokyo', rule: 'incidents detected (maintenance: window start) from 00:00 on the first day to 24:00 on the last' },
    generated_at: input.commit.committedAt,
    generator: { name: 'status-portal audit', version: input.generatorVersion },
    repository: input.repository,
    commit: input.commit.sha,
    catalog: { path: input.catalog.path, sha256: input.sha256(input.catalog.text) },
    calendar: input.calendar,
    query: { from: input.from, to: input.to, format: input.format },
    counts: { incidents: input.population.length, by_service: tally((i) => i.service), by_type: tally((i) => i.type), by_severity: tally((i) => i.severity ?? 'none'), by_stage: tally(stageOf) },
    files: Object.fromEntries([...input.files].sort(([a], [b]) => (a < b ? -1 : 1)).map(([path, text]) => [path, input.sha256(text)])),
  };
}
