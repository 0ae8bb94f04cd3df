/**
 * The one sticky bot comment on an issue or pull request: found again by a
 * hidden marker in its body, created when absent, updated in place when its
 * text changed, left alone when it did not (no notification, no edit history).
 * A repeated run never adds a second comment.
 */
import type { Octokit } from 'octokit';

export async function upsertMarkedComment(
  octokit: Octokit,
  where: { owner: string; repo: string; issue_number: number },
  marker: string,
  body: string,
): Promise<'created' | 'updated' | 'unchanged'> {
  const { owner, repo, issue_number } = where;
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner,
    repo,
    issue_number,
    per_page: 100,
  });
  const existing = comments.find((c) => c.body?.includes(marker));
  if (!existing) {
    await octokit.rest.issues.createComment({ owner, repo, issue_number, body });
    return 'created';
  }
  if (existing.body === body) return 'unchanged';
  await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
  return 'updated';
}
