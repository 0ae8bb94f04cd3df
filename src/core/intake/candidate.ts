/**
 * A candidate incident: a draft pull request the intake bot opened (from an
 * alert, a desk inquiry or a problem ticket) that nobody has merged yet. Its
 * SLA clock already runs. The pull request body carries a hidden marker with
 * the facts the bot needs again; it is read back through this schema, since
 * anyone with write access can edit a PR body.
 */
import { z } from 'zod';
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
