import { describe, expect, it } from 'vitest';
import { catalog, makeIncident } from '../../../test/builders.ts';
import { judgeApproval, requiredRoles, type Review } from './approval.ts';

const incident = makeIncident(); // kcps, cloud-infra-ops (managers t-sato, y-watanabe), owner h-kimura
const roles = requiredRoles(incident, catalog.catalog);
const approve = (user: string, at = '2026-11-25T10:00:00Z'): Review => ({ user, state: 'APPROVED', submittedAt: at });
const codes = (p: { code: string }[]) => p.map((x) => x.code);

describe('postmortem approval', () => {
  it('the manager and a service owner, neither an author, names matching: passes', () => {
    expect(
      judgeApproval({
        roles,
        reviews: [approve('t-sato'), approve('h-kimura')],
        authors: ['k-tanaka'],
        recordedApprovers: ['t-sato', 'h-kimura'],
      }),
    ).toEqual([]);
  });

  it('a security incident also needs a security officer', () => {
    const security = requiredRoles(makeIncident({ type: 'security' }), catalog.catalog);
    expect(security.map((r) => r.role)).toEqual(['manager', 'service-owner', 'security-officer']);
    const problems = judgeApproval({
      roles: security,
      reviews: [approve('t-sato'), approve('h-kimura')],
      authors: ['k-tanaka'],
      recordedApprovers: ['t-sato', 'h-kimura'],
    });
    expect(problems).toEqual([
      { code: 'APR001', message: 'no approving review from a security-officer (@s-fujita, @e-mori)' },
    ]);
  });

  it('an approval by an author of the change does not count', () => {
    const p = judgeApproval({
      roles,
      reviews: [approve('t-sato'), approve('h-kimura')],
      authors: ['t-sato', 'k-tanaka'],
      recordedApprovers: ['t-sato', 'h-kimura'],
    });
    expect(codes(p)).toEqual(['APR002', 'APR004']);
    expect(p[0]!.message).toBe(
      'the manager approval is by @t-sato, who authored commits in this pull request; it does not count',
    );
  });

  it('changes requested after an approval withdraw it', () => {
    const p = judgeApproval({
      roles,
      reviews: [
        approve('t-sato', '2026-11-25T10:00:00Z'),
        approve('h-kimura'),
        { user: 't-sato', state: 'CHANGES_REQUESTED', submittedAt: '2026-11-25T11:00:00Z' },
      ],
      authors: ['k-tanaka'],
      recordedApprovers: ['t-sato', 'h-kimura'],
    });
    expect(codes(p)).toEqual(['APR003', 'APR004']);
  });

  it('a missing role, and names in the file that do not match the reviews, each fail with their own code', () => {
    expect(
      codes(judgeApproval({ roles, reviews: [approve('t-sato')], authors: [], recordedApprovers: ['t-sato'] })),
    ).toEqual(['APR001']);
    const p = judgeApproval({
      roles,
      reviews: [approve('y-watanabe'), approve('h-kimura')],
      authors: [],
      recordedApprovers: ['t-sato', 'h-kimura'],
    });
    expect(p).toEqual([
      {
        code: 'APR004',
        message:
          'postmortem.approvers is [t-sato, h-kimura] but the approving reviews that count are [y-watanabe, h-kimura]; not approvals on this pull request: t-sato; missing: y-watanabe',
      },
    ]);
  });

  it('a re-approval after requested changes counts again', () => {
    const reviews: Review[] = [
      approve('t-sato', '2026-11-25T10:00:00Z'),
      { user: 't-sato', state: 'CHANGES_REQUESTED', submittedAt: '2026-11-25T11:00:00Z' },
      approve('t-sato', '2026-11-25T12:00:00Z'),
      approve('h-kimura'),
    ];
    expect(judgeApproval({ roles, reviews, authors: [], recordedApprovers: ['t-sato', 'h-kimura'] })).toEqual([]);
  });
});

it('only a postmortem approved in this pull request needs proof', async () => {
  const { newlyApproved } = await import('./approval.ts');
  const approvedPm = { status: 'approved' as const, approvers: ['t-sato'], approved_at: '2026-11-26T10:00:00+09:00' };
  expect(
    newlyApproved(makeIncident({ postmortem: { status: 'in_review' } }), makeIncident({ postmortem: approvedPm })),
  ).toBe(true);
  expect(newlyApproved(undefined, makeIncident({ postmortem: approvedPm }))).toBe(true);
  expect(newlyApproved(makeIncident({ postmortem: approvedPm }), makeIncident({ postmortem: approvedPm }))).toBe(false);
  expect(newlyApproved(undefined, makeIncident())).toBe(false);
});

describe('distinct people per role, unknown authors', () => {
  const security = requiredRoles(
    makeIncident({ type: 'security', department: 'security-office', manager: 's-fujita' }),
    catalog.catalog,
  );
  it("one person cannot fill two roles (the security office's manager is also a security officer)", () => {
    const p = judgeApproval({
      roles: security,
      reviews: [approve('s-fujita'), approve('h-kimura')],
      authors: ['k-tanaka'],
      recordedApprovers: ['s-fujita', 'h-kimura'],
    });
    expect(p).toEqual([
      {
        code: 'APR005',
        message:
          'the approvals that count ([s-fujita, h-kimura]) cannot fill the manager, service-owner, security-officer roles with different people; one person never fills two roles',
      },
    ]);
  });
  it('three different people fill the three roles', () => {
    expect(
      judgeApproval({
        roles: security,
        reviews: [approve('s-fujita'), approve('h-kimura'), approve('e-mori')],
        authors: ['k-tanaka'],
        recordedApprovers: ['s-fujita', 'h-kimura', 'e-mori'],
      }),
    ).toEqual([]);
  });
  it('a commit by an unlinked author fails the proof even when every approver is known not to be an author', () => {
    expect(
      codes(
        judgeApproval({
          roles,
          reviews: [approve('t-sato'), approve('h-kimura')],
          authors: ['k-tanaka'],
          unknownAuthors: ['abc1234 (Someone)'],
          recordedApprovers: ['t-sato', 'h-kimura'],
        }),
      ),
    ).toEqual(['APR006']);
  });
});
