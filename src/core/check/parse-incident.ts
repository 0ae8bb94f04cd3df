/**
 * The one reader of incident files: bytes (or text) → the incident, or the
 * located reasons it is not one. Everything that reads an incident file —
 * the checker, the CLI, the audit, the review comment, the live check, the
 * failure alert — goes through here, so the size, depth and alias guards of
 * the front-matter parser protect every one of them.
 */
import type { z } from 'zod';
import { valueAtPath } from '../data-path.ts';
import type { DataPath, RawFinding } from '../findings.ts';
import { parseSource, type ParsedSource } from '../frontmatter/parse-source.ts';
import { IncidentSchema, type Incident } from '../incident/schema.ts';
import { schemaFindings } from '../rules/schema-findings.ts';

export type ParsedIncident =
  | { ok: true; file: string; source: ParsedSource; incident: Incident }
  | {
      ok: false;
      file: string;
      /** Set when the front-matter parsed but the schema refused it. */
      source?: ParsedSource;
      findings: RawFinding[];
      /** The incident without its unknown keys, when those were the only problem (the checker still runs every rule on it). */
      salvaged?: Incident;
    };

export function parseIncident(file: string, content: Uint8Array | string): ParsedIncident {
  const parsed = parseSource(file, content);
  if (!parsed.ok) return { ok: false, file, findings: [parsed.finding] };
  const source = parsed.source;
  const result = IncidentSchema.safeParse(source.data, { reportInput: true });
  if (result.success) return { ok: true, file, source, incident: result.data };
  return {
    ok: false,
    file,
    source,
    findings: schemaFindings(IncidentSchema, source.data, result.error.issues),
    salvaged: salvage(source.data, result.error.issues),
  };
}

/** The incident or nothing, for readers that only act on valid files (their errors are the checker's to report). */
export function incidentOrUndefined(file: string, content: Uint8Array | string | undefined): Incident | undefined {
  if (content === undefined) return undefined;
  const r = parseIncident(file, content);
  return r.ok ? r.incident : undefined;
}

/**
 * A file whose only schema problems are unknown fields (typos) still gets
 * every other rule: without the unknown keys it may be a valid incident.
 */
function salvage(data: unknown, issues: readonly z.core.$ZodIssue[]): Incident | undefined {
  if (!issues.every((i) => i.code === 'unrecognized_keys')) return undefined;
  const copy = structuredClone(data);
  for (const issue of issues) {
    const parent = valueAtPath(copy, issue.path as DataPath) as Record<string, unknown> | undefined;
    if (issue.code === 'unrecognized_keys' && parent) for (const key of issue.keys) delete parent[key];
  }
  const again = IncidentSchema.safeParse(copy);
  return again.success ? again.data : undefined;
}
