/**
 * What the recheck on main concludes about one push, as data. A push that a
 * pull request merged is reviewed (its approvals are proven again against
 * that pull request's reviews); a direct push may carry only what the two
 * direct paths write: live updates through the fast lane and new ledger files
 * from the SLA engine. Everything else reached main unreviewed. Pure.
 */
import { notALiveUpdate } from '../authoring/fast-lane.ts';
import type { Catalog } from '../catalog/schema.ts';
import { newLedgerFileProblem, parseLedger, type LedgerKind } from '../ledger/ledger.ts';
import { MINUTE_MS, toMs } from '../time.ts';
import { isIncidentPath } from '../incident/paths.ts';
import type { Incident } from '../incident/schema.ts';
import {
  judgeApproval,
  latestReviews,
  newlyApproved,
  requiredRoles,
  type ApprovalProblem,
  type Review,
} from './approval.ts';
import { codeownerRules, ownersOf } from './codeowners.ts';

/** The tracking issue (by its marker id) for what reached main unreviewed and belongs to no incident. */
export const DEFAULT_BRANCH_ISSUE = 'default-branch';

export interface PushedFile {
  path: string;
  change: 'added' | 'modified' | 'deleted' | 'renamed';
  /** For incident files: the version before and after the push, when each parses. */
  before?: Incident;
  after?: Incident;
  /** For files added under ledger/: the content pushed. */
  text?: string;
}

export interface PushProblem {
  /** The incident concerned, if any (its managers are alerted on its tracking issue). */
  incident?: Incident;
  path: string;
  message: string;
}

/** Ledger kinds that are evidence of telling customers (they stop the notification clock or prove a notice). */
const NOTICE_KINDS: readonly LedgerKind[] = ['page-live', 'customer-email', 'maintenance-reminder'];

/**
 * How much older than the recheck a customer notice in a directly pushed
 * ledger file may be: the SLA engine writes each entry when the side effect
 * is accepted and pushes at the end of its run, and the recheck starts
 * minutes after the push. An older entry arriving now is back-dated evidence
 * (or a recheck that ran very late: the alert says which entry to compare
 * with the engine run's log).
 */
export const NOTICE_BACKDATE_TOLERANCE_MS = 15 * MINUTE_MS;

/** Why a file may not reach main without a pull request; undefined when a direct path (fast lane, SLA engine) may write it. */
export function directChangeProblem(file: PushedFile, now?: number): string | undefined {
  if (file.path.startsWith('ledger/') && file.change === 'added') {
    const why = newLedgerFileProblem(file.path, file.text ?? '');
    if (why)
      return `${file.path} was added without a pull request and is not a ledger file the SLA engine writes (${why})`;
    const old =
      now === undefined
        ? undefined
        : parseLedger(file.text ?? '').entries.find(
            (e) => NOTICE_KINDS.includes(e.kind) && toMs(e.at) < now - NOTICE_BACKDATE_TOLERANCE_MS,
          );
    return old
      ? `${file.path} was pushed with ${old.kind} evidence ${old.key} dated ${old.at}, more than ${NOTICE_BACKDATE_TOLERANCE_MS / MINUTE_MS} minutes before this recheck (${new Date(now!).toISOString()}): a customer notice is recorded when it happens, so this looks back-dated; compare it with the SLA engine run that should have written it`
      : undefined;
  }
  if (isIncidentPath(file.path) && file.change === 'modified') {
    if (!file.before || !file.after)
      return `${file.path} was changed without a pull request and is not a valid incident on both sides`;
    const why = notALiveUpdate(file.before, file.after);
    return why ? `${file.path} was changed without a pull request beyond a live update (${why})` : undefined;
  }
  return `${file.path} was ${file.change} without a pull request`;
}

/** Postmortems approved (or approved again) by this push. */
export function approvedInPush(files: readonly PushedFile[]): PushedFile[] {
  return files.filter((f) => f.after && newlyApproved(f.before, f.after));
}

/** `now`: the recheck's clock, for back-dated customer notices in new ledger files (none checked without it). */
export function judgeDirectPush(files: readonly PushedFile[], now?: number): PushProblem[] {
  const approved = new Set(approvedInPush(files).map((f) => f.path));
  return files.flatMap((f): PushProblem[] => {
    if (approved.has(f.path)) {
      return [
        {
          incident: f.after,
          path: f.path,
          message: `${f.after!.id}: the postmortem was approved in a push that no pull request merged, so no review proves the approval (approvers: ${f.after!.postmortem?.approvers?.join(', ') || 'none'})`,
        },
      ];
    }
    const why = directChangeProblem(f, now);
    return why ? [{ incident: f.after ?? f.before, path: f.path, message: why }] : [];
  });
}

/** Approvals in a merged pull request, proven against its reviews with the people and department of the state before the push. */
export function judgeMergedApprovals(
  files: readonly PushedFile[],
  baseCatalog: Catalog,
  facts: { number: number; reviews: readonly Review[]; authors: readonly string[]; unknownAuthors: readonly string[] },
): PushProblem[] {
  return approvedInPush(files).flatMap((f) => {
    const problems: ApprovalProblem[] = judgeApproval({
      roles: requiredRoles(f.before ?? f.after!, baseCatalog),
      reviews: facts.reviews,
      authors: facts.authors,
      unknownAuthors: facts.unknownAuthors,
      recordedApprovers: f.after!.postmortem?.approvers ?? [],
    });
    return problems.map((p) => ({
      incident: f.after,
      path: f.path,
      message: `${f.after!.id}: pull request #${facts.number} does not prove the approval: ${p.code} ${p.message}`,
    }));
  });
}

/**
 * Code-owner review, re-performed after the merge (an admin can merge past
 * branch protection): every changed path needs an approving review, standing
 * at merge, from one of its code owners under the catalog before the push,
 * who authored none of the commits.
 */
export function judgeCodeOwnerReviews(
  files: readonly PushedFile[],
  baseCatalog: Catalog,
  facts: { number: number; reviews: readonly Review[]; authors: readonly string[] },
): PushProblem[] {
  const rules = codeownerRules(baseCatalog);
  const latest = latestReviews(facts.reviews);
  const authors = new Set(facts.authors.map((a) => a.toLowerCase()));
  const approvedBy = (owners: readonly string[]) =>
    owners.some((o) => latest.get(o.toLowerCase())?.state === 'APPROVED' && !authors.has(o.toLowerCase()));
  const missing = new Map<string, string[]>();
  for (const f of files) {
    const owners = ownersOf(rules, f.path);
    if (approvedBy(owners)) continue;
    const key = owners.map((o) => `@${o}`).join(', ');
    missing.set(key, [...(missing.get(key) ?? []), f.path]);
  }
  return [...missing].map(([owners, paths]) => ({
    path: paths[0]!,
    message: `pull request #${facts.number} was merged without an approving review from a code owner of ${paths.join(', ')} (${owners || 'nobody'}) who is not an author`,
  }));
}
