/**
 * What authoring can refuse, as data: core says which fact is wrong and
 * carries the values; the entry point that took the input (the CLI's flags,
 * an issue form, an alert) turns it into a message in its own terms. The
 * message an AuthoringError carries names no command-line flag, so one that
 * escapes another caller still reads as a sentence.
 */
import type { Finding } from '../findings.ts';
import { UserError } from '../errors.ts';

export type AuthoringProblem =
  /** A correction's field path does not parse. */
  | { kind: 'field-path-invalid'; field: string }
  /** A correction names a field the incident does not have. */
  | { kind: 'field-missing'; field: string; id: string }
  /** The slug source (given slug, else the English title) has no letters or digits left for an id. */
  | { kind: 'slug-empty'; source: string }
  /** No manager can be defaulted: the department is not in the catalog. */
  | { kind: 'department-unknown'; department: string }
  /** Fast lane: the default branch's copy of the file is not a valid incident. */
  | { kind: 'remote-invalid'; file: string; where: string }
  /** Fast lane: the local copy has changes the default branch does not have. */
  | { kind: 'local-differs'; file: string; where: string; why: string; command: string }
  /** Fast lane: the change is more than a live update. */
  | { kind: 'not-live'; command: string; why: string }
  /** Fast lane: the checker refuses the result. */
  | { kind: 'rejected'; command: string; findings: Finding[] };

export class AuthoringError extends UserError {
  readonly problem: AuthoringProblem;
  constructor(problem: AuthoringProblem) {
    super(describeProblem(problem));
    this.name = 'AuthoringError';
    this.problem = problem;
  }
}

/** A plain sentence for callers that have no better wording. */
export function describeProblem(p: AuthoringProblem): string {
  switch (p.kind) {
    case 'field-path-invalid':
      return `field path ${JSON.stringify(p.field)}: expected one like "detection.at" or "updates[1].message.en"`;
    case 'field-missing':
      return `${p.id} has no field ${p.field}`;
    case 'slug-empty':
      return `cannot make an id from ${JSON.stringify(p.source)}: it has no lowercase words`;
    case 'department-unknown':
      return `unknown department ${JSON.stringify(p.department)}; see config/catalog.yaml`;
    case 'remote-invalid':
      return `${p.file} on ${p.where} is not a valid incident`;
    case 'local-differs':
      return `the local ${p.file} differs from ${p.where} (${p.why})`;
    case 'not-live':
      return `this ${p.command} is not only a live update (${p.why})`;
    case 'rejected':
      return `CI would reject this ${p.command} (${p.findings.filter((f) => f.severity === 'error').length} error(s))`;
  }
}

/**
 * Why a command cannot apply to an incident at all, before anything is built.
 * Pure data; the CLI words it.
 */
export type Refusal =
  | { kind: 'closed'; id: string; closedAt: string }
  | { kind: 'maintenance-not-resolved'; id: string }
  | { kind: 'already-resolved'; id: string; recoveredAt: string | undefined }
  | { kind: 'resolved-again'; id: string }
  | { kind: 'completed-again'; id: string }
  | { kind: 'outside-window'; id: string; problem: string };
