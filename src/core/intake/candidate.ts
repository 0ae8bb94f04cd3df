/**
 * A candidate incident: a draft pull request the intake bot opened (from an
 * alert, a desk inquiry or a problem ticket) that nobody has merged yet. Its
 * SLA clock already runs. The pull request body carries a hidden marker with
 * the facts the bot needs again; it is read back through this schema, since
 * anyone with write access can edit a PR body.
 */
import { z } from 'zod';
import { checkFile, type CheckOptions } from '../check/check-incidents.ts';
import type { LedgerEntry } from '../ledger/ledger.ts';
import { IncidentIdSchema, type Incident } from '../incident/schema.ts';
import { SlugSchema } from '../schema-parts.ts';
import { FingerprintSchema } from './alert-payload.ts';

export const INTAKE_BRANCH_PREFIX = 'intake/';
export const CLOCK_MARKER = '<!-- status-portal:intake-clock -->';
const MARKER = /<!-- status-portal:intake (\{[^\n]*?\}) -->/;

export const CandidateMarkerSchema = z.strictObject({
  id: IncidentIdSchema,
  service: SlugSchema,
  source: z.enum(['monitoring', 'inquiry', 'ticket']),
  /** Alert fingerprints this draft stands for (monitoring). */
  fingerprints: z.array(FingerprintSchema).max(100).default([]),
  /** The desk or ticket issue it came from. */
  issue: z.number().int().positive().optional(),
});
export type CandidateMarker = z.output<typeof CandidateMarkerSchema>;

/** `incident` under an id nobody has taken: its own, else with -2, -3, … appended (two drafts of one day with the same slug). */
export function withFreeId(incident: Incident, taken: ReadonlySet<string>): Incident {
  let out = incident;
  for (let n = 2; taken.has(out.id); n++) out = { ...incident, id: `${incident.id}-${n}` };
  return out;
}

export function candidateMarker(m: CandidateMarker): string {
  return `<!-- status-portal:intake ${JSON.stringify(m)} -->`;
}

export function readCandidateMarker(body: string | null | undefined): CandidateMarker | undefined {
  const m = body ? MARKER.exec(body) : null;
  if (!m) return undefined;
  try {
    const parsed = CandidateMarkerSchema.safeParse(JSON.parse(m[1]!));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** An open intake pull request as the GitHub port reads it. */
export interface OpenCandidate {
  pr: number;
  url: string;
  branch: string;
  draft: boolean;
  marker: CandidateMarker;
  /** The incident file on the branch, if it parses and is valid; its clock runs from detection.at. */
  incident?: Incident;
  /** Logins assigned to the pull request (the responder's choice). */
  assignees: string[];
}

/** A candidate closed unmerged: "not an incident", recorded in the ledger with who and why. */
export interface DismissedCandidate {
  id: string;
  pr: number;
  by: string;
  reason: string;
  at: string;
  fingerprints: string[];
}

export function branchFor(fingerprintOrKey: string): string {
  return `${INTAKE_BRANCH_PREFIX}${fingerprintOrKey}`;
}

export const intakeKeys = {
  draft: (id: string) => `${id}/intake-draft`,
  dismissed: (id: string) => `${id}/dismissed`,
};

/** The dismissals recorded in the ledger ("not an incident", who and why). */
export function dismissedFrom(entries: readonly LedgerEntry[]): DismissedCandidate[] {
  return entries
    .filter((e) => e.kind === 'candidate-dismissed' && e.incident)
    .map((e) => ({
      id: e.incident!,
      pr: Number(e.detail.pr),
      by: String(e.detail.by ?? ''),
      reason: String(e.detail.reason ?? ''),
      at: e.at,
      fingerprints: String(e.detail.fingerprints ?? '')
        .split(' ')
        .filter(Boolean),
    }));
}

/** An open intake pull request as the GitHub port finds it. */
export interface OpenPull {
  number: number;
  url: string;
  branch: string;
  draft: boolean;
  marker: CandidateMarker;
  assignees: string[];
  /** The incident file on the branch, if present. */
  file?: { path: string; content: string };
}

/** An open intake pull request with its file read through the one checker: only a valid file runs a clock. */
export function toCandidate(pull: OpenPull, options: CheckOptions): OpenCandidate & { problems: string[] } {
  const checked = pull.file ? checkFile({ file: pull.file.path, content: pull.file.content }, options) : undefined;
  const errors = checked?.findings.filter((f) => f.severity === 'error') ?? [];
  const incident = checked?.incident && !errors.length ? checked.incident : undefined;
  const problems = !pull.file
    ? [`#${pull.number}: no incident file ${pull.marker.id} on ${pull.branch}`]
    : errors.map((f) => `#${pull.number}: ${f.file}:${f.line}  ${f.code}  ${f.message}`);
  return {
    pr: pull.number,
    url: pull.url,
    branch: pull.branch,
    draft: pull.draft,
    marker: pull.marker,
    assignees: pull.assignees,
    ...(incident ? { incident } : {}),
    problems,
  };
}
