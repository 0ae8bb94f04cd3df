/**
 * Whether a pull request proves a postmortem's approval: each required role
 * approved on GitHub, by someone who did not author the change, with no
 * later request for changes, and the names in the file are exactly those
 * approvals. Pure: GitHub's reviews and commits come in as data.
 */
import type { Catalog } from '../catalog/schema.ts';
import type { Incident } from '../incident/schema.ts';

export type Role = 'manager' | 'service-owner' | 'security-officer';

export interface RequiredRole {
  role: Role;
  /** Logins that can fill the role. */
  candidates: string[];
}

export interface Review {
  user: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
  /** RFC 3339 submission time. */
  submittedAt: string;
}

export interface ApprovalProblem {
  code: 'APR001' | 'APR002' | 'APR003' | 'APR004' | 'APR005' | 'APR006' | 'APR007';
  message: string;
}

export const APPROVAL_RULES: Record<ApprovalProblem['code'], { title: string; right: string }> = {
  APR001: {
    title: 'Required approval missing',
    right:
      "Get an approving review from someone in each required role: the responsible department's manager, a service owner, and for security incidents a security officer.",
  },
  APR002: {
    title: 'Approved by an author',
    right: "An approval counts only from someone who authored none of the pull request's commits.",
  },
  APR003: {
    title: 'Changes requested after approval',
    right: "The reviewer's latest review must be an approval; resolve the requested changes and ask again.",
  },
  APR004: {
    title: 'Recorded approvers differ from the reviews',
    right: 'postmortem.approvers lists exactly the logins whose approving reviews fill the required roles.',
  },
  APR005: {
    title: 'One person in two roles',
    right:
      'Each required role is filled by a different person: get an approving review from someone else for the other role.',
  },
  APR006: {
    title: 'Commit author unknown',
    right:
      "Every commit of the pull request must be authored and committed with an e-mail linked to a GitHub account (or the account's noreply address), so the check can tell that no approver authored the change; re-author the commits (git commit --amend --reset-author, or rebase) and push again.",
  },
  APR007: {
    title: 'Catalog people changed without a code owner',
    right:
      'A change to who holds a role in config/catalog.yaml (managers, service owners, security officers, which departments answer for which service) needs an approving review from a code owner the base branch names (a service owner or security officer), who authored none of the commits.',
  },
};

export function requiredRoles(incident: Incident, catalog: Catalog): RequiredRole[] {
  const department = catalog.departments.find((d) => d.id === incident.department);
  const service = catalog.services.find((s) => s.id === incident.service);
  return [
    { role: 'manager', candidates: department?.managers ?? [] },
    { role: 'service-owner', candidates: service?.owners ?? [] },
    ...(incident.type === 'security'
      ? [{ role: 'security-officer' as const, candidates: catalog.security_officers }]
      : []),
  ];
}

/**
 * One distinct person per required role (one person never fills two roles):
 * an assignment role → login, or undefined when the people cannot fill every
 * role. Small bipartite matching by backtracking (at most three roles).
 */
export function assignRoles(roles: readonly RequiredRole[], people: Iterable<string>): Map<Role, string> | undefined {
  const pool = new Set([...people].map((p) => p.toLowerCase()));
  const taken = new Set<string>();
  const assigned = new Map<Role, string>();
  const fill = (i: number): boolean => {
    if (i === roles.length) return true;
    for (const c of roles[i]!.candidates.map((x) => x.toLowerCase())) {
      if (!pool.has(c) || taken.has(c)) continue;
      taken.add(c);
      assigned.set(roles[i]!.role, c);
      if (fill(i + 1)) return true;
      taken.delete(c);
    }
    return false;
  };
  return fill(0) ? assigned : undefined;
}

/** The latest review of each user counts (GitHub's own rule for the merge box). */
export function latestReviews(reviews: readonly Review[]): Map<string, Review> {
  const latest = new Map<string, Review>();
  for (const r of [...reviews]
    .filter((r) => r.state !== 'COMMENTED' && r.state !== 'PENDING')
    .sort((a, b) => Date.parse(a.submittedAt) - Date.parse(b.submittedAt))) {
    latest.set(r.user.toLowerCase(), r);
  }
  return latest;
}

/**
 * Commits whose author or committer GitHub could not link to an account: we
 * cannot tell who wrote them, so nobody can be proven not to be an author.
 * Decided conservatively: any such commit fails the proof (APR006).
 */
function unknownAuthorProblem(unknownAuthors: readonly string[] | undefined): ApprovalProblem[] {
  if (!unknownAuthors?.length) return [];
  return [
    {
      code: 'APR006',
      message: `commit(s) ${unknownAuthors.join(', ')} are not linked to a GitHub account, so no approval can be proven to come from a non-author`,
    },
  ];
}

export function judgeApproval(input: {
  roles: readonly RequiredRole[];
  reviews: readonly Review[];
  authors: readonly string[];
  unknownAuthors?: readonly string[];
  recordedApprovers: readonly string[];
}): ApprovalProblem[] {
  const problems: ApprovalProblem[] = [...unknownAuthorProblem(input.unknownAuthors)];
  const latest = latestReviews(input.reviews);
  const authors = new Set(input.authors.map((a) => a.toLowerCase()));
  const everApproved = new Set(input.reviews.filter((r) => r.state === 'APPROVED').map((r) => r.user.toLowerCase()));
  const counted = new Set<string>();
  for (const role of input.roles) {
    const candidates = role.candidates.map((c) => c.toLowerCase());
    const valid = candidates.filter((c) => latest.get(c)?.state === 'APPROVED' && !authors.has(c));
    if (valid.length) {
      valid.forEach((v) => counted.add(v));
      continue;
    }
    const byAuthor = candidates.filter((c) => latest.get(c)?.state === 'APPROVED' && authors.has(c));
    const withdrawn = candidates.filter((c) => everApproved.has(c) && latest.get(c)?.state === 'CHANGES_REQUESTED');
    if (byAuthor.length)
      problems.push({
        code: 'APR002',
        message: `the ${role.role} approval is by @${byAuthor.join(', @')}, who authored commits in this pull request; it does not count`,
      });
    else if (withdrawn.length)
      problems.push({
        code: 'APR003',
        message: `@${withdrawn.join(', @')} approved, then requested changes; the ${role.role} approval no longer stands`,
      });
    else
      problems.push({
        code: 'APR001',
        message: `no approving review from a ${role.role} (${role.candidates.map((c) => `@${c}`).join(', ') || 'none in the catalog'})`,
      });
  }
  if (problems.every((p) => p.code === 'APR006') && !assignRoles(input.roles, counted)) {
    problems.push({
      code: 'APR005',
      message: `the approvals that count ([${[...counted].join(', ')}]) cannot fill the ${input.roles.map((r) => r.role).join(', ')} roles with different people; one person never fills two roles`,
    });
  }
  const recorded = new Set(input.recordedApprovers.map((a) => a.toLowerCase()));
  const missing = [...counted].filter((c) => !recorded.has(c));
  const extra = [...recorded].filter((r) => !counted.has(r));
  if (missing.length || extra.length) {
    problems.push({
      code: 'APR004',
      message: `postmortem.approvers is [${input.recordedApprovers.join(', ')}] but the approving reviews that count are [${[...counted].join(', ')}]${extra.length ? `; not approvals on this pull request: ${extra.join(', ')}` : ''}${missing.length ? `; missing: ${missing.join(', ')}` : ''}`,
    });
  }
  return problems;
}

/**
 * A postmortem needs proof in this change when it is approved now and was not
 * at the base, or was approved again (a later approved_at than the base's).
 */
export function newlyApproved(base: Incident | undefined, head: Incident): boolean {
  if (head.postmortem?.status !== 'approved') return false;
  return base?.postmortem?.status !== 'approved' || isReapproval(base, head);
}

/** A new approval: approved now with a time, and either not approved at the base or approved later than the base's approval. */
export function isReapproval(base: Incident, head: Incident): boolean {
  const b = base.postmortem;
  const h = head.postmortem;
  if (h?.status !== 'approved' || !h.approved_at) return false;
  if (b?.status !== 'approved' || !b.approved_at) return true;
  return Date.parse(h.approved_at) > Date.parse(b.approved_at);
}

/** Who holds which role in a catalog, as comparable lines ("kcps owners: h-kimura"). */
function roleLines(catalog: Catalog): Set<string> {
  const sorted = (xs: readonly string[]) =>
    [...xs]
      .map((x) => x.toLowerCase())
      .sort()
      .join(', ');
  return new Set([
    ...catalog.services.map((s) => `service ${s.id} owners: ${sorted(s.owners)}`),
    ...catalog.departments.map((d) => `department ${d.id} managers: ${sorted(d.managers)}`),
    ...catalog.departments.map((d) => `department ${d.id} answers for: ${sorted(d.services)}`),
    `security officers: ${sorted(catalog.security_officers)}`,
  ]);
}

/** How a change of the catalog changes who may approve or manage: lines removed (−) and added (+). */
export function catalogPeopleChanges(base: Catalog, head: Catalog): string[] {
  const before = roleLines(base);
  const after = roleLines(head);
  return [
    ...[...before].filter((l) => !after.has(l)).map((l) => `− ${l}`),
    ...[...after].filter((l) => !before.has(l)).map((l) => `+ ${l}`),
  ];
}

/**
 * A pull request that changes the catalog's people or roles is judged by the
 * people the BASE catalog names: an approving review from a base code owner of
 * config/ (service owners and security officers), not an author.
 */
export function judgeCatalogChange(input: {
  base: Catalog;
  changes: readonly string[];
  reviews: readonly Review[];
  authors: readonly string[];
  unknownAuthors?: readonly string[];
}): ApprovalProblem[] {
  if (!input.changes.length) return [];
  const owners = [
    ...new Set([...input.base.services.flatMap((s) => s.owners), ...input.base.security_officers]),
  ].sort();
  const latest = latestReviews(input.reviews);
  const authors = new Set(input.authors.map((a) => a.toLowerCase()));
  const approved = owners.filter(
    (o) => latest.get(o.toLowerCase())?.state === 'APPROVED' && !authors.has(o.toLowerCase()),
  );
  const problems = unknownAuthorProblem(input.unknownAuthors);
  if (!approved.length) {
    problems.push({
      code: 'APR007',
      message: `config/catalog.yaml changes who holds a role (${input.changes.join('; ')}) and no code owner the base branch names (${owners.map((o) => `@${o}`).join(', ')}) approved it as a non-author`,
    });
  }
  return problems;
}

export interface StandingApprovals {
  /** Logins whose approval stands, sorted. */
  standing: string[];
  /** Approvals given on the pull request that do not stand, and why. */
  notCounted: {
    user: string;
    reason:
      | 'dismissed'
      | 'changes requested later'
      | 'author of a commit'
      | 'commit author unknown, not linked to a GitHub account';
  }[];
}

/**
 * Which approvals on a pull request stand: the reviewer's latest review
 * (GitHub's rule) is an approval, not dismissed nor followed by a request for
 * changes, and the reviewer authored none of its commits (so every commit's
 * author must be known).
 */
export function standingApprovals(
  reviews: readonly Review[],
  authors: readonly string[],
  unknownAuthors: readonly string[] = [],
): StandingApprovals {
  const latest = latestReviews(reviews);
  const authorSet = new Set(authors.map((a) => a.toLowerCase()));
  const approvedOnce = [
    ...new Set(reviews.filter((r) => r.state === 'APPROVED').map((r) => r.user.toLowerCase())),
  ].sort();
  const result: StandingApprovals = { standing: [], notCounted: [] };
  for (const user of approvedOnce) {
    const last = latest.get(user)!;
    if (last.state === 'DISMISSED') result.notCounted.push({ user, reason: 'dismissed' });
    else if (last.state !== 'APPROVED') result.notCounted.push({ user, reason: 'changes requested later' });
    else if (authorSet.has(user)) result.notCounted.push({ user, reason: 'author of a commit' });
    // A commit GitHub links to no account could be the reviewer's own: no approval can be shown to come from a non-author.
    else if (unknownAuthors.length)
      result.notCounted.push({ user, reason: 'commit author unknown, not linked to a GitHub account' });
    else result.standing.push(user);
  }
  return result;
}
