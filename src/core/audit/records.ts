/**
 * Reading an incident record for the audit: the one strict reading (the
 * schema, exactly) used by the export and by `verify`. A record that fails it
 * is not dropped: it becomes an invalid record, listed in the population and
 * the exceptions with the checker's own findings, so an auditor sees it.
 */
import type { CatalogIndex } from '../catalog/index.ts';
import { checkFile } from '../check/check-incidents.ts';
import { parseSource } from '../frontmatter/parse-source.ts';
import { IncidentSchema, type Incident } from '../incident/schema.ts';
import { isDateOnly } from '../time.ts';
import type { SlaRecord } from './figures.ts';

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

export function readRecord(file: string, content: Uint8Array | string, catalog: CatalogIndex, asOf: number): RecordReading {
  const parsed = parseSource(file, content);
  const strict = parsed.ok ? IncidentSchema.safeParse(parsed.source.data) : undefined;
  if (strict?.success) return { ok: true, incident: strict.data };
  const findings = checkFile({ file, content }, { catalog, now: asOf })
    .findings.filter((f) => f.severity === 'error')
    .map((f) => `${f.line}:${f.column} ${f.code} ${f.message}`);
  const id = file.split('/').pop()!.replace(/\.md$/, '');
  return { ok: false, invalid: { file, id, findings: findings.length ? findings : ['1:1 the record does not match the incident schema'] } };
}

/**
 * Whether an invalid record belongs to the period: by the date its file name
 * starts with (ids start with the JST start date). A name without a date
 * cannot be placed, so it is listed in every period rather than in none.
 */
export function invalidInPeriod(record: InvalidRecord, from: string, to: string): boolean {
  const date = /^(\d{4}-\d{2}-\d{2})/.exec(record.id)?.[1];
  if (!date || !isDateOnly(date)) return true;
  return date >= from && date <= to;
}

/** The population row of an invalid record: no figure can be computed, and the row says so. */
export function invalidRow(record: InvalidRecord): SlaRecord {
  return {
    id: record.id, service: '', type: '', severity: '', scope: '', stage: INVALID_STAGE, detection_source: '', detected_at: '',
    clock_start: '', clock_start_rule: `not computed: ${record.file} fails the incident schema (see exceptions)`, notify_target_minutes: '',
    notified_at: '', notified_evidence: '', minutes_to_notify: '', business_minutes_to_notify: '', notify_result: '', recover_target_minutes: '',
    recovered_at: '', minutes_to_recover: '', business_minutes_to_recover: '', recover_result: '', reopen_count: '',
    postmortem_required: '', postmortem_status: '', closed_at: '',
  };
}
