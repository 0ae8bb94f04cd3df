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
  code: 'APR001' | 'APR002' | 'APR003' | 'APR004';
  message: string;
}

export const APPROVAL_RULES: Record<ApprovalProblem['code'], { title: string; right: string }> = {
  APR001: { title: 'Required approval missing', right: 'Get an approving review from someone in each required role: the responsible department\'s manager, a service owner, and for security incidents a security officer.' },
  APR002: { title: 'Approved by an author', right: 'An approval counts only from someone who authored none of the pull request\'s commits.' },
  APR003: { title: 'Changes requested after approval', right: 'The reviewer\'s latest review must be an approval; resolve the requested changes and ask again.' },
  APR004: { title: 'Recorded approvers differ from the reviews', right: 'postmortem.approvers lists exactly the logins whose approving reviews fill the required roles.' },
};

export function requiredRoles(incident: Incident, catalog: Catalog): RequiredRole[] {
  const department = catalog.departments.find((d) => d.id === incident.department);
  const service = catalog.services.find((s) => s.id === incident.service);
  return [
    { role: 'manager', candidates: department?.managers ?? [] },
    { role: 'service-owner', candidates: service?.owners ?? [] },
    ...(incident.type === 'security' ? [{ role: 'security-officer' as const, candidates: catalog.security_officers }] : []),
  ];
}

/** The latest review of each user counts (GitHub's own rule for the merge box). */
export function latestReviews(reviews: readonly Review[]): Map<string, Review> {
  const latest = new Map<string, Review>();
  for (const r of [...reviews].filter((r) => r.state !== 'COMMENTED' && r.state !== 'PENDING').sort((a, b) => Date.parse(a.submittedAt) - Date.parse(b.submittedAt))) {
    latest.set(r.user.toLowerCase(), r);
  }
  return latest;
}

export function judgeApproval(input: { roles: readonly RequiredRole[]; reviews: readonly Review[]; authors: readonly string[]; recordedApprovers: readonly string[] }): ApprovalProblem[] {
  const problems: ApprovalProblem[] = [];
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
    if (byAuthor.length) problems.push({ code: 'APR002', message: `the ${role.role} approval is by @${byAuthor.join(', @')}, who authored commits in this pull request; it does not count` });
    else if (withdrawn.length) problems.push({ code: 'APR003', message: `@${withdrawn.join(', @')} approved, then requested changes; the ${role.role} approval no longer stands` });
    else problems.push({ code: 'APR001', message: `no approving review from a ${role.role} (${role.candidates.map((c) => `@${c}`).join(', ') || 'none in the catalog'})` });
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

/** A postmortem needs proof in this pull request when it is approved now and was not at the base. */
export function newlyApproved(base: Incident | undefined, head: Incident): boolean {
  return head.postmortem?.status === 'approved' && base?.postmortem?.status !== 'approved';
}

export interface StandingApprovals {
  /** Logins whose approval stands, sorted. */
  standing: string[];
  /** Approvals given on the pull request that do not stand, and why. */
  notCounted: { user: string; reason: 'dismissed' | 'changes requested later' | 'author of a commit' }[];
}

/**
 * Which approvals on a pull request stand: the reviewer's latest review
 * (GitHub's rule) is an approval, not dismissed nor followed by a request for
 * changes, and the reviewer authored none of its commits.
 */
export function standingApprovals(reviews: readonly Review[], authors: readonly string[]): StandingApprovals {
  const latest = latestReviews(reviews);
  const authorSet = new Set(authors.map((a) => a.toLowerCase()));
  const approvedOnce = [...new Set(reviews.filter((r) => r.state === 'APPROVED').map((r) => r.user.toLowerCase()))].sort();
  const result: StandingApprovals = { standing: [], notCounted: [] };
  for (const user of approvedOnce) {
    const last = latest.get(user)!;
    if (last.state === 'DISMISSED') result.notCounted.push({ user, reason: 'dismissed' });
    else if (last.state !== 'APPROVED') result.notCounted.push({ user, reason: 'changes requested later' });
    else if (authorSet.has(user)) result.notCounted.push({ user, reason: 'author of a commit' });
    else result.standing.push(user);
  }
  return result;
}
