/**
 * Re-performs an evidence package: every file's hash against the manifest,
 * and every SLA figure recomputed from the records, the notifications and the
 * catalog inside the package. Pure: the adapter supplies texts and hashes.
 */
import type { CatalogIndex } from '../catalog/index.ts';
import { ledgerOf, type LedgerEntry } from '../engine/ledger.ts';
import { parseSource } from '../frontmatter/parse-source.ts';
import { IncidentSchema } from '../incident/schema.ts';
import { slaRecord } from './figures.ts';

export interface Manifest {
  generated_at: string;
  files: Record<string, string>;
  [key: string]: unknown;
}

export function compareHashes(manifest: Manifest, actual: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  for (const [path, sha] of Object.entries(manifest.files)) {
    const got = actual.get(path);
    if (got === undefined) problems.push(`${path}: listed in the manifest but missing`);
    else if (got !== sha) problems.push(`${path}: SHA-256 differs from the manifest (the file was changed)`);
  }
  for (const path of actual.keys()) if (!(path in manifest.files) && path !== 'manifest.json') problems.push(`${path}: not listed in the manifest`);
  return problems;
}

/** Rows as written in population.json / notifications.json (CSV rows parse to the same shape). */
export function reperform(input: {
  population: Record<string, unknown>[];
  notifications: Record<string, unknown>[];
  records: ReadonlyMap<string, string>;
  catalog: CatalogIndex;
  asOf: number;
}): string[] {
  const entries: LedgerEntry[] = input.notifications.map((n) => ({
    key: String(n.key),
    kind: n.kind as LedgerEntry['kind'],
    incident: String(n.incident),
    at: String(n.at),
    detail: Object.fromEntries(String(n.detail ?? '').split(' ').filter(Boolean).map((kv) => {
      const [k, ...v] = kv.split('=');
      const value = v.join('=');
      return [k!, /^\d+$/.test(value) ? Number(value) : value];
    })),
  }));
  const ledger = ledgerOf(entries);
  const problems: string[] = [];
  for (const row of input.population) {
    const id = String(row.id);
    const text = input.records.get(id);
    if (text === undefined) {
      problems.push(`${id}: no record in the package`);
      continue;
    }
    const parsed = parseSource(`incidents/${id}/record.md`, text);
    const incident = parsed.ok ? IncidentSchema.safeParse(parsed.source.data) : undefined;
    if (!incident?.success) {
      problems.push(`${id}: the record does not parse`);
      continue;
    }
    const again = slaRecord(incident.data, input.catalog, ledger, input.asOf);
    if (!again) continue;
    for (const [field, value] of Object.entries(again)) {
      if (String(row[field] ?? '') !== String(value)) problems.push(`${id}: ${field} is ${JSON.stringify(row[field])} in the package but re-performs to ${JSON.stringify(value)}`);
    }
  }
  return problems;
}
