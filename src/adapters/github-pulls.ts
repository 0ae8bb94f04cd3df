/** Facts about a pull request that review rules need, and its one sticky bot comment. */
import { Octokit } from 'octokit';
import type { Review } from '../core/review/approval.ts';
import { upsertMarkedComment } from './github-comments.ts';

export interface PullRequestPort {
  /** The pull request that merged a commit into the default branch, with its merge time, its reviews and its commits' authors. */
  pullRequestOf(commit: string): Promise<MergedPullRequest | undefined>;
  /**
   * Reviews and commit authors. `unknownAuthors` names commits whose author
   * or committer GitHub did not link to an account (sha and git name only).
   */
  facts(number: number): Promise<{ reviews: Review[]; authors: string[]; unknownAuthors: string[] }>;
  /** Creates the comment carrying `marker`, or updates it in place. */
  upsertComment(number: number, marker: string, body: string): Promise<'created' | 'updated' | 'unchanged'>;
}

export interface MergedPullRequest {
  number: number;
  mergedAt: string;
  reviews: Review[];
  authors: string[];
  unknownAuthors: string[];
}

export function githubPullRequestPort(options: {
  token: string;
  repository: string;
  baseUrl?: string;
  patient?: boolean;
}): PullRequestPort {
  const [owner, repo] = options.repository.split('/') as [string, string];
  const octokit = new Octokit({
    auth: options.token,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.patient === false ? { throttle: { enabled: false }, retry: { enabled: false } } : {}),
  });
  let defaultBranch: Promise<string> | undefined;
  const port: PullRequestPort = {
    async pullRequestOf(commit_sha) {
      const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha });
      // A commit can be in several merged pull requests (one into a side branch first): the one that counts merged it into the default branch.
      const base = (defaultBranch ??= octokit.rest.repos.get({ owner, repo }).then((r) => r.data.default_branch));
      const branch = await base;
      const merged = data
        .filter((p) => p.merged_at && p.base?.ref === branch)
        .sort((a, b) => (a.merged_at! < b.merged_at! ? -1 : 1))[0];
      if (!merged) return undefined;
      // The same facts the approval proof judges: which approvals stand is decided in core, not here.
      return { number: merged.number, mergedAt: merged.merged_at!, ...(await port.facts(merged.number)) };
    },
    async facts(pull_number) {
      const [reviews, commits] = await Promise.all([
        octokit.paginate(octokit.rest.pulls.listReviews, { owner, repo, pull_number, per_page: 100 }),
        octokit.paginate(octokit.rest.pulls.listCommits, { owner, repo, pull_number, per_page: 100 }),
      ]);
      return {
        reviews: reviews.flatMap((r) =>
          r.user && r.submitted_at
            ? [{ user: r.user.login, state: r.state as Review['state'], submittedAt: r.submitted_at }]
            : [],
        ),
        authors: [
          ...new Set(
            commits.flatMap((c) =>
              [c.author?.login, c.committer?.login].filter((x): x is string => !!x && x !== 'web-flow'),
            ),
          ),
        ],
        // GitHub gives author/committer null when the commit's e-mail is linked to no account.
        unknownAuthors: commits
          .filter((c) => !c.author || !c.committer)
          .map((c) => `${c.sha.slice(0, 7)} (${c.commit.author?.name ?? 'unnamed'})`),
      };
    },
    upsertComment(issue_number, marker, body) {
      return upsertMarkedComment(octokit, { owner, repo, issue_number }, marker, body);
    },
  };
  return port;
}
