/**
 * Re-performs an evidence package from its own contents: every file's hash
 * against the manifest; the manifest itself (period, commit, counts, catalog);
 * each population row against its record and each record against its row;
 * every SLA figure; and every derived file (tables, e-mails, the management
 * review) regenerated from the records, notifications and catalog and compared
 * byte for byte. Pure: the adapter supplies the bytes and hashes. What this
 * cannot see (a package that is consistent but not what the commit holds) is
 * the job of the re-run from the commit.
 */
import { DISMISSED_STAGE } from './dismissed.ts';
import { intakeKeys } from '../intake/candidate.ts';
import type { CatalogIndex } from '../catalog/index.ts';
import { ledgerOf, type Ledger, type LedgerEntry } from '../ledger/ledger.ts';
import type { Incident } from '../incident/schema.ts';
import { isDateOnly } from '../time.ts';
import { parseCsv } from './csv-parse.ts';
import { slaRecord } from './figures.ts';
import { GENERATOR_NAME, MANIFEST_KEYS, PERIOD_RULE, PERIOD_TIME_ZONE, populationCounts } from './manifest.ts';
import { buildPackage, notificationsTable, selectPopulation, type FileVersion } from './package.ts';
import { INVALID_STAGE, invalidInPeriod, readRecord, readRecords } from './records.ts';

export interface Manifest {
  generated_at: string;
  files: Record<string, string>;
  [key: string]: unknown;
}

type Row = Record<string, unknown>;
// ignoreBOM keeps a CSV's byte-order mark, so texts compare exactly.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const textOf = (b: Uint8Array | string | undefined) =>
  b === undefined ? undefined : typeof b === 'string' ? b : decoder.decode(b);

export function compareHashes(manifest: Manifest, actual: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  for (const [path, sha] of Object.entries(manifest.files ?? {})) {
    const got = actual.get(path);
    if (got === undefined) problems.push(`${path}: listed in the manifest but missing`);
    else if (got !== sha) problems.push(`${path}: SHA-256 differs from the manifest (the file was changed)`);
  }
  for (const path of actual.keys())
    if (!(path in (manifest.files ?? {})) && path !== 'manifest.json')
      problems.push(`${path}: not listed in the manifest`);
  return problems;
}

/** A table file of the package as rows (CSV rows parse to the same shape as JSON ones, as strings). */
export function tableRows(content: string | undefined, format: 'json' | 'csv'): Row[] {
  if (!content) return [];
  if (format === 'csv') return parseCsv(content);
  const rows = JSON.parse(content) as unknown;
  return Array.isArray(rows) ? (rows as Row[]) : [];
}

/** The ledger entries behind notifications rows (the inverse of the export's `detail` rendering). */
export function ledgerFromRows(rows: readonly Row[]): LedgerEntry[] {
  return rows.map((n) => ({
    key: String(n.key),
    kind: n.kind as LedgerEntry['kind'],
    incident: String(n.incident),
    at: String(n.at),
    // A value runs to the next " key=": values may hold spaces (a dismissal's reason, a list of ids), never " key=".
    detail: Object.fromEntries(
      [...String(n.detail ?? '').matchAll(/(?:^| )([A-Za-z_][\w-]*)=(.*?)(?= [A-Za-z_][\w-]*=|$)/g)].map((m) => [
        m[1]!,
        /^\d+$/.test(m[2]!) ? Number(m[2]) : m[2]!,
      ]),
    ),
  }));
}

const TABLES = [
  'population',
  'notifications',
  'deliveries',
  'transitions',
  'approvals',
  'prevention',
  'exceptions',
] as const;

/**
 * The files the package format defines, and no other: the tables, the report,
 * the catalog, and per incident of the population its record, history and
 * e-mails. A file outside that (even listed with its hash) is an addition.
 */
export function layoutProblems(
  paths: readonly string[],
  rowIds: ReadonlySet<string>,
  format: 'json' | 'csv',
): string[] {
  const problems: string[] = [];
  const top = new Set([...TABLES.map((t) => `${t}.${format}`), 'report.html', 'catalog.yaml']);
  const have = new Set(paths);
  for (const path of paths) {
    if (top.has(path)) continue;
    const m = /^incidents\/([^/]+)\/(record\.md|history\.json|emails\/[^/]+\.txt)$/.exec(path);
    if (!m) problems.push(`${path}: not a file of the evidence package format (an added file)`);
    // Orphan records and e-mails are reported by the row and re-generation checks; a history of no incident is caught here.
    else if (m[2] === 'history.json' && !rowIds.has(m[1]!))
      problems.push(`${path}: belongs to no incident of the population (an added file)`);
  }
  for (const path of top) if (!have.has(path)) problems.push(`${path}: missing (every package has it)`);
  for (const id of rowIds)
    if (!have.has(`incidents/${id}/history.json`)) problems.push(`incidents/${id}/history.json: missing`);
  return problems;
}

export interface ExpectedManifest {
  /** The holiday calendar this verifier re-performs business minutes with. */
  calendar: { source: string; version: string; covers: string };
  catalogPath: string;
}

/** Every manifest field the figures do not re-perform: its keys, the period's zone and rule, the generator, calendar and catalog path. */
export function manifestFieldProblems(manifest: Manifest, expected: ExpectedManifest): string[] {
  const problems: string[] = [];
  const keysOf = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : undefined);
  const exactKeys = (where: string, v: unknown, keys: readonly string[]) => {
    const got = keysOf(v);
    if (!got) return problems.push(`manifest.json: ${where} is not an object`);
    const extra = got.filter((k) => !keys.includes(k));
    const missing = keys.filter((k) => !got.includes(k));
    if (extra.length)
      problems.push(
        `manifest.json: ${where} has ${extra.map((k) => JSON.stringify(k)).join(', ')}, which the package format does not define`,
      );
    if (missing.length) problems.push(`manifest.json: ${where} lacks ${missing.join(', ')}`);
    return 0;
  };
  exactKeys('the top level', manifest, MANIFEST_KEYS);
  const period = (manifest.period ?? {}) as Record<string, unknown>;
  exactKeys('period', manifest.period, ['from', 'to', 'time_zone', 'rule']);
  if (period.time_zone !== PERIOD_TIME_ZONE)
    problems.push(
      `manifest.json: period.time_zone is ${JSON.stringify(period.time_zone)}; the export's periods are in ${PERIOD_TIME_ZONE}`,
    );
  if (period.rule !== PERIOD_RULE)
    problems.push(`manifest.json: period.rule is ${JSON.stringify(period.rule)}; expected "${PERIOD_RULE}"`);
  const generator = (manifest.generator ?? {}) as Record<string, unknown>;
  exactKeys('generator', manifest.generator, ['name', 'version']);
  if (generator.name !== GENERATOR_NAME)
    problems.push(`manifest.json: generator.name is ${JSON.stringify(generator.name)}; expected "${GENERATOR_NAME}"`);
  if (typeof generator.version !== 'string' || !generator.version)
    problems.push(`manifest.json: generator.version ${JSON.stringify(generator.version)} is not a version`);
  if (typeof manifest.repository !== 'string' || !manifest.repository)
    problems.push(`manifest.json: repository ${JSON.stringify(manifest.repository)} is not a name`);
  exactKeys('catalog', manifest.catalog, ['path', 'sha256']);
  if ((manifest.catalog as Record<string, unknown> | undefined)?.path !== expected.catalogPath)
    problems.push(`manifest.json: catalog.path is not ${expected.catalogPath}`);
  exactKeys('calendar', manifest.calendar, ['source', 'version', 'covers']);
  const calendar = (manifest.calendar ?? {}) as Record<string, unknown>;
  for (const key of ['source', 'version', 'covers'] as const) {
    if (calendar[key] !== expected.calendar[key])
      problems.push(
        `manifest.json: calendar.${key} is ${JSON.stringify(calendar[key])}, but this verifier re-performs business minutes with ${JSON.stringify(expected.calendar[key])} (install the package's calendar version, npm ci at its commit)`,
      );
  }
  exactKeys('query', manifest.query, ['from', 'to', 'format']);
  exactKeys('counts', manifest.counts, Object.keys(populationCounts([])));
  return problems;
}

export interface VerifyInput {
  manifest: Manifest;
  /** Every file of the package but manifest.json, by package path. */
  files: ReadonlyMap<string, Uint8Array>;
  sha256: (content: string | Uint8Array) => string;
  /** The package's catalog.yaml, parsed; undefined when it does not parse. */
  catalog: CatalogIndex | undefined;
  expected: ExpectedManifest;
}

export function verifyPackage(input: VerifyInput): string[] {
  const { manifest } = input;
  const problems = compareHashes(manifest, new Map([...input.files].map(([p, b]) => [p, input.sha256(b)])));
  problems.push(...manifestFieldProblems(manifest, input.expected));
  const query = (manifest.query ?? {}) as { from?: unknown; to?: unknown; format?: unknown };
  const period = (manifest.period ?? {}) as { from?: unknown; to?: unknown };
  const format = query.format;
  if (format !== 'json' && format !== 'csv')
    return [...problems, `manifest.json: query.format is ${JSON.stringify(format)}; expected "json" or "csv"`];
  const from = String(query.from);
  const to = String(query.to);
  if (!isDateOnly(from) || !isDateOnly(to) || from > to)
    problems.push(
      `manifest.json: the period ${from} to ${to} is not a valid period (two dates, the first not after the second)`,
    );
  if (period.from !== query.from || period.to !== query.to)
    problems.push(
      `manifest.json: period ${String(period.from)} to ${String(period.to)} differs from the query ${from} to ${to}`,
    );
  if (typeof manifest.commit !== 'string' || !/^[0-9a-f]{40}$/.test(manifest.commit))
    problems.push(`manifest.json: commit ${JSON.stringify(manifest.commit)} is not a full commit id`);
  const asOf = Date.parse(manifest.generated_at);
  if (Number.isNaN(asOf))
    return [...problems, `manifest.json: generated_at ${JSON.stringify(manifest.generated_at)} is not a time`];
  const catalogSha = (manifest.catalog as { sha256?: unknown } | undefined)?.sha256;
  if (catalogSha !== manifest.files?.['catalog.yaml'])
    problems.push('manifest.json: catalog.sha256 differs from the hash of catalog.yaml');

  let rows: Row[];
  let notifications: Row[];
  try {
    rows = tableRows(textOf(input.files.get(`population.${format}`)), format);
    notifications = tableRows(textOf(input.files.get(`notifications.${format}`)), format);
  } catch {
    return [...problems, `population.${format} or notifications.${format}: does not parse`];
  }
  problems.push(...compareCounts(manifest.counts, populationCounts(rows)));
  if (!input.catalog) return [...problems, 'catalog.yaml: not a valid catalog; the figures cannot be re-performed'];

  // Each row against its record, and each record against its row.
  const recordIds = [...input.files.keys()].flatMap((p) => /^incidents\/([^/]+)\/record\.md$/.exec(p)?.[1] ?? []);
  const rowIds = rows.map((r) => String(r.id));
  const seen = new Set<string>();
  for (const id of rowIds) {
    if (seen.has(id)) problems.push(`population.${format}: ${id} has more than one row`);
    seen.add(id);
  }
  for (const id of recordIds)
    if (!seen.has(id))
      problems.push(
        `incidents/${id}/record.md: a record with no population row (a row was removed, or the record added)`,
      );
  // A dismissed candidate has no record or history: only the incidents' rows own per-incident files.
  problems.push(
    ...layoutProblems(
      [...input.files.keys()],
      new Set(rows.filter((r) => r.stage !== DISMISSED_STAGE).map((r) => String(r.id))),
      format,
    ),
  );

  const ledger = ledgerOf(ledgerFromRows(notifications));
  const figureProblems: string[] = [];
  const sources: { file: string; bytes: Uint8Array }[] = [];
  for (const row of rows) {
    if (row.stage === DISMISSED_STAGE) continue;
    const bytes = input.files.get(`incidents/${String(row.id)}/record.md`);
    if (bytes === undefined) figureProblems.push(`${String(row.id)}: a population row with no record in the package`);
    else sources.push({ file: String(row.file ?? ''), bytes });
  }
  // The export's own reading of the records, so duplicates and invalid files come out the same way.
  const { incidents, invalid, paths } = readRecords(sources, input.catalog, asOf);
  const valid = new Map(incidents.map((i) => [i.id, i]));
  const invalidIds = new Set(invalid.map((r) => r.id));
  for (const row of rows) {
    const id = String(row.id);
    if (row.stage === DISMISSED_STAGE) {
      // A dismissed candidate has no record; its evidence is the dismissal in the notifications (who and why).
      if (!ledger.has(intakeKeys.dismissed(id)))
        figureProblems.push(`${id}: dismissed, but no dismissal in the notifications`);
      continue;
    }
    if (!input.files.has(`incidents/${id}/record.md`)) continue;
    if (invalidIds.has(id)) {
      if (row.stage !== INVALID_STAGE)
        figureProblems.push(
          `${id}: the record fails the incident schema but its row is stage ${JSON.stringify(row.stage)}`,
        );
      continue;
    }
    const incident = valid.get(id);
    if (!incident) {
      figureProblems.push(`${id}: the record's id is not ${id}`);
      continue;
    }
    if (row.stage === INVALID_STAGE)
      figureProblems.push(`${id}: the row says the record is invalid, but it reads as a valid incident`);
    if (paths.get(id) !== String(row.file ?? ''))
      figureProblems.push(`${id}: the row's file ${JSON.stringify(row.file)} does not hold this record`);
    if (!selectPopulation([incident], from, to).length)
      figureProblems.push(`${id}: the record starts outside the period ${from} to ${to}`);
    const again = slaRecord(incident, input.catalog, ledger, asOf);
    if (!again) continue;
    for (const [field, value] of Object.entries(again)) {
      if (String(row[field] ?? '') !== String(value))
        figureProblems.push(
          `${id}: ${field} is ${JSON.stringify(row[field])} in the package but re-performs to ${JSON.stringify(value)}`,
        );
    }
  }
  problems.push(...figureProblems);

  // Every derived file, regenerated from the package's own data.
  const histories = new Map<string, FileVersion[]>();
  for (const id of rowIds) {
    try {
      histories.set(id, JSON.parse(textOf(input.files.get(`incidents/${id}/history.json`)) ?? '[]') as FileVersion[]);
    } catch {
      problems.push(`incidents/${id}/history.json: not JSON`);
    }
  }
  const again = buildPackage({
    from,
    to,
    format,
    incidents,
    invalid,
    paths,
    records: new Map(
      rowIds.flatMap((id) => {
        const b = input.files.get(`incidents/${id}/record.md`);
        return b ? [[id, b] as const] : [];
      }),
    ),
    histories,
    ledger,
    catalog: input.catalog,
    asOf,
    commit: { sha: String(manifest.commit), committedAt: manifest.generated_at },
  });
  const derived = (p: string) =>
    /^(population|notifications|approvals|prevention|exceptions|deliveries)\.(json|csv)$|^report\.html$|^incidents\/[^/]+\/emails\//.test(
      p,
    );
  for (const path of [...new Set([...again.keys(), ...input.files.keys()])].filter(derived).sort()) {
    if (path.startsWith('population.') && figureProblems.length) continue;
    const want = again.get(path);
    const got = input.files.get(path);
    if (want === undefined) problems.push(`${path}: not produced by the package's data (an added file)`);
    else if (got === undefined) problems.push(`${path}: the package's data produces it, but it is missing`);
    else if (textOf(got) !== textOf(want))
      problems.push(
        `${path}: differs from the one re-generated from the package's records, notifications and catalog (${firstDifference(textOf(got)!, textOf(want)!)})`,
      );
  }
  return problems;
}

/**
 * Inside a clone: the package against the incident files of the commit it
 * names. Every record must be that file's bytes, and the population must be
 * every file of the period (by this verifier's reading), none left out.
 */
export function compareWithCommit(input: {
  manifest: Manifest;
  files: ReadonlyMap<string, Uint8Array>;
  /** The commit's incident files, by repository path. */
  atCommit: ReadonlyMap<string, Uint8Array>;
  /** The commit's catalog file. */
  catalogAtCommit: Uint8Array | undefined;
  /** The commit's ledger: the notifications file must be exactly what it gives. */
  ledgerAtCommit: Ledger;
  catalog: CatalogIndex;
}): string[] {
  const { from, to, format } = input.manifest.query as { from: string; to: string; format: 'json' | 'csv' };
  const commit = String(input.manifest.commit).slice(0, 12);
  const asOf = Date.parse(input.manifest.generated_at);
  const rows = tableRows(textOf(input.files.get(`population.${format}`)), format);
  const problems: string[] = [];
  const catalogFile = input.files.get('catalog.yaml');
  if (!input.catalogAtCommit || !catalogFile || !Buffer.from(catalogFile).equals(Buffer.from(input.catalogAtCommit)))
    problems.push(`catalog.yaml: differs from the catalog at commit ${commit}`);
  const notifications = `notifications.${format}`;
  const fromCommit = notificationsTable(input.ledgerAtCommit, new Set(rows.map((r) => String(r.id))), format);
  if (textOf(input.files.get(notifications)) !== fromCommit)
    problems.push(
      `${notifications}: differs from the ledger at commit ${commit} (${firstDifference(textOf(input.files.get(notifications)) ?? '', fromCommit)})`,
    );
  const packaged = new Set<string>();
  for (const row of rows) {
    if (row.stage === DISMISSED_STAGE) continue;
    const id = String(row.id);
    const file = String(row.file ?? '');
    packaged.add(file);
    const want = input.atCommit.get(file);
    const got = input.files.get(`incidents/${id}/record.md`);
    if (want === undefined) problems.push(`${id}: ${file || 'its file'} does not exist at commit ${commit}`);
    else if (got !== undefined && !Buffer.from(got).equals(Buffer.from(want)))
      problems.push(`incidents/${id}/record.md: differs from ${file} at commit ${commit}`);
  }
  for (const [file, bytes] of input.atCommit) {
    if (packaged.has(file)) continue;
    const reading = readRecord(file, bytes, input.catalog, asOf);
    const inPeriod = reading.ok
      ? selectPopulation([reading.incident], from, to).length > 0
      : invalidInPeriod(reading.invalid, from, to);
    if (inPeriod)
      problems.push(
        `${file}: belongs to the period ${from} to ${to} at commit ${commit} but is missing from the package`,
      );
  }
  return problems;
}

function compareCounts(stated: unknown, actual: ReturnType<typeof populationCounts>): string[] {
  const s = (stated ?? {}) as Record<string, unknown>;
  return Object.entries(actual).flatMap(([key, value]) =>
    JSON.stringify(s[key]) === JSON.stringify(value)
      ? []
      : [`manifest.json: counts.${key} is ${JSON.stringify(s[key])} but the population gives ${JSON.stringify(value)}`],
  );
}

function firstDifference(a: string, b: string): string {
  const la = a.split('\n');
  const lb = b.split('\n');
  const n = la.findIndex((line, i) => line !== lb[i]);
  return `first difference at line ${(n < 0 ? la.length : n) + 1}`;
}
