/** Test builders: everything goes through the real schema and the real catalog. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readCatalog } from '../src/adapters/catalog-store.ts';
import { IncidentSchema, type Incident } from '../src/core/incident/schema.ts';
import { parseSource } from '../src/core/frontmatter/parse-source.ts';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const catalog = readCatalog(REPO_ROOT);
/** The fixed "now" of every test: Friday 27 November 2026, 12:00 JST. */
export const NOW = Date.parse('2026-11-27T12:00:00+09:00');

export const BASE_FILE = 'incidents/2026/2026-11-20-kcps-block-storage-latency.md';
export const baseText = readFileSync(new URL('./fixtures/base-incident.md', import.meta.url), 'utf8');

/** The base fixture as data, with overrides, validated. */
export function makeIncident(overrides: Partial<Incident> = {}): Incident {
  const parsed = parseSource(BASE_FILE, baseText);
  if (!parsed.ok) throw new Error('base fixture does not parse');
  return IncidentSchema.parse({ ...(parsed.source.data as object), ...overrides });
}

export const kcps = catalog.service('kcps')!;
export const kbi = catalog.service('kbi')!;
