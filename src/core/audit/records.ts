/**
 * Reading an incident record for the audit: the one strict reading (the
 * schema, exactly) used by the export and by `verify`. A record that fails it
 * is not dropped: it becomes an invalid record, listed in the population and
 * the exceptions with the checker's own findings, so an auditor sees it.
 */
import type { CatalogIndex } from '../catalog/index.ts';
import { checkFile } from '../check/check-incidents.ts';
import { parseIncident } from '../check/parse-incident.ts';
import { incidentIdOf } from '../incident/paths.ts';
import type { Incident } from '../incident/schema.ts';
import { isDateOnly } from '../time.ts';
import { clocklessRecord, type SlaRecord } from './figures.ts';

export interface InvalidRecord {
  /** Repository path at the commit. */
  file: string;
  /** The file name without `.md`: an invalid record has no trustworthy `id` field. */
  id: string;
  /** The checker's errors, `line:column CODE message`. */
  findings: string[];
}

export type RecordReading = { ok: true; incident: Incident } | { ok: false; invalid: InvalidRecord };

export const INVALID_STAGE = 'invalid record';

export function readRecord(
  file: string,
  content: Uint8Array | string,
  catalog: CatalogIndex,
  asOf: number,
): RecordReading {
  const parsed = parseIncident(file, content);
  if (parsed.ok) return { ok: true, incident: parsed.incident };
  const findings = checkFile({ file, content }, { catalog, now: asOf })
    .findings.filter((f) => f.severity === 'error')
    .map((f) => `${f.line}:${f.column} ${f.code} ${f.message}`);
  return {
    ok: false,
    invalid: {
      file,
      id: fileId(file),
      findings: findings.length ? findings : ['1:1 the record does not match the incident schema'],
    },
  };
}

export interface RecordSet {
  incidents: Incident[];
  invalid: InvalidRecord[];
  /** Bytes by package id. */
  records: Map<string, Uint8Array>;
  /** Repository path by package id. */
  paths: Map<string, string>;
}

/**
 * Every incident file of the commit, read for the audit. Files that share an
 * id (the checker's INC080) are all listed as invalid records, by file name:
 * keeping one would silently drop the other.
 */
export function readRecords(
  sources: readonly { file: string; bytes: Uint8Array }[],
  catalog: CatalogIndex,
  asOf: number,
): RecordSet {
  const readings = sources.map((s) => ({ ...s, reading: readRecord(s.file, s.bytes, catalog, asOf) }));
  const byId = new Map<string, string[]>();
  for (const r of readings)
    if (r.reading.ok) byId.set(r.reading.incident.id, [...(byId.get(r.reading.incident.id) ?? []), r.file]);
  const set: RecordSet = { incidents: [], invalid: [], records: new Map(), paths: new Map() };
  const add = (id: string, file: string, bytes: Uint8Array) => {
    // A package id is a folder name: two files with one name (in different year folders) keep apart by their path.
    const key = set.records.has(id)
      ? [
          ...file
            .replace(/^incidents\//, '')
            .split('/')
            .slice(0, -1),
          fileId(file),
        ].join('--')
      : id;
    set.records.set(key, bytes);
    set.paths.set(key, file);
    return key;
  };
  // Valid records first, so a broken file with a valid record's file name (in another year folder) never takes its id.
  const unique = (r: (typeof readings)[number]) => r.reading.ok && byId.get(r.reading.incident.id)!.length === 1;
  for (const r of readings) {
    if (!unique(r) || !r.reading.ok) continue;
    add(r.reading.incident.id, r.file, r.bytes);
    set.incidents.push(r.reading.incident);
  }
  for (const r of readings) {
    if (unique(r)) continue;
    const invalid = r.reading.ok
      ? {
          file: r.file,
          id: '',
          findings: [
            `1:1 INC080 id "${r.reading.incident.id}" is used by ${byId.get(r.reading.incident.id)!.length} files: ${byId.get(r.reading.incident.id)!.join(', ')}`,
          ],
        }
      : r.reading.invalid;
    set.invalid.push({ ...invalid, id: add(fileId(r.file), r.file, r.bytes) });
  }
  return set;
}

const fileId = incidentIdOf;

/**
 * Whether an invalid record belongs to the period: by the date its file name
 * starts with (ids start with the JST start date). A name without a date
 * cannot be placed, so it is listed in every period rather than in none.
 */
export function invalidInPeriod(record: InvalidRecord, from: string, to: string): boolean {
  const date = /^(\d{4}-\d{2}-\d{2})/.exec(fileId(record.file))?.[1];
  if (!date || !isDateOnly(date)) return true;
  return date >= from && date <= to;
}

/** The population row of an invalid record: no figure can be computed, and the row says so. */
export function invalidRow(record: InvalidRecord): SlaRecord {
  return clocklessRecord({
    id: record.id,
    stage: INVALID_STAGE,
    clock_start_rule: `not computed: ${record.file} fails the incident schema (see exceptions)`,
  });
}
