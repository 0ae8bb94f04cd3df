/**
 * The intake port on octokit: candidate incidents live as draft pull
 * requests on `intake/…` branches. Everything is found again by branch name
 * and hidden markers, so a retried or repeated run updates instead of
 * duplicating: an existing branch is reused, an unchanged file is not
 * rewritten, an open pull request for the branch is reused.
 */
import { Octokit } from 'octokit';
import { INTAKE_BRANCH_PREFIX, readCandidateMarker, type OpenPull } from '../core/intake/candidate.ts';
import { incidentPath } from '../core/incident/paths.ts';
import { upsertMarkedComment } from './github-comments.ts';

export type { OpenPull } from '../core/intake/candidate.ts';

export interface IssueFacts {
  number: number;
  url: string;
  title: string;
  body: string;
  state: string;
  labels: string[];
  assignees: string[];
}

export interface DraftInput {
  branch: string;
  path: string;
  content: string;
  title: string;
  body: string;
  /** Commit message for the file. */
  message: string;
}

export interface IntakePort {
  /** Open pull requests from intake branches that carry the intake marker. */
  openCandidates(): Promise<OpenPull[]>;
  /** Branch, file and draft pull request; each step reused when it already exists. */
  openDraft(input: DraftInput): Promise<{ number: number; url: string; created: boolean }>;
  /** Creates the comment carrying `marker`, or updates it in place. */
  upsertComment(number: number, marker: string, body: string): Promise<'created' | 'updated' | 'unchanged'>;
  /** Posts the comment unless one with `marker` exists already. */
  commentOnce(number: number, marker: string, body: string): Promise<boolean>;
  comments(number: number): Promise<{ user: string; body: string }[]>;
  issue(number: number): Promise<IssueFacts>;
  pull(
    number: number,
  ): Promise<{ number: number; url: string; branch: string; merged: boolean; state: string; body: string }>;
}

export function githubIntakePort(options: {
  token: string;
  repository: string;
  baseUrl?: string;
  patient?: boolean;
  base?: string;
}): IntakePort {
  const [owner, repo] = options.repository.split('/') as [string, string];
  const base = options.base ?? 'main';
  const octokit = new Octokit({
    auth: options.token,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.patient === false ? { throttle: { enabled: false }, retry: { enabled: false } } : {}),
  });
  const status = (err: unknown) => (err as { status?: number }).status;
  const readFile = async (path: string, ref: string) => {
    try {
      const { data } = await octokit.rest.repos.getContent({ owner, repo, path, ref });
      if (Array.isArray(data) || data.type !== 'file') return undefined;
      return { content: Buffer.from(data.content, 'base64').toString('utf8'), sha: data.sha };
    } catch (err) {
      if (status(err) === 404) return undefined;
      throw err;
    }
  };
  const comments = (issue_number: number) =>
    octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number, per_page: 100 });

  return {
    async openCandidates() {
      const pulls = await octokit.paginate(octokit.rest.pulls.list, {
        owner,
        repo,
        state: 'open',
        base,
        per_page: 100,
      });
      const out: OpenPull[] = [];
      for (const p of pulls) {
        // Only the bot's own branches: a fork's pull request from a branch named intake/… with a copied marker
        // would otherwise stand for the alert (and swallow it). A deleted fork's head.repo is null.
        if (
          !p.head.ref.startsWith(INTAKE_BRANCH_PREFIX) ||
          p.head.repo?.full_name?.toLowerCase() !== options.repository.toLowerCase()
        )
          continue;
        const marker = readCandidateMarker(p.body);
        if (!marker) continue;
        const path = incidentPath(marker.id);
        const file = await readFile(path, p.head.ref);
        out.push({
          number: p.number,
          url: p.html_url,
          branch: p.head.ref,
          draft: Boolean(p.draft),
          marker,
          assignees: (p.assignees ?? []).map((a) => a.login),
          ...(file ? { file: { path, content: file.content } } : {}),
        });
      }
      return out;
    },
    async openDraft(input) {
      const { data: ref } = await octokit.rest.git.getRef({ owner, repo, ref: `heads/${base}` });
      try {
        await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${input.branch}`, sha: ref.object.sha });
      } catch (err) {
        // A retried run finds its own branch: reuse it.
        if (status(err) !== 422) throw err;
      }
      const existing = await readFile(input.path, input.branch);
      if (existing?.content !== input.content) {
        await octokit.rest.repos.createOrUpdateFileContents({
          owner,
          repo,
          path: input.path,
          branch: input.branch,
          message: input.message,
          content: Buffer.from(input.content).toString('base64'),
          ...(existing ? { sha: existing.sha } : {}),
        });
      }
      const { data: open } = await octokit.rest.pulls.list({
        owner,
        repo,
        state: 'open',
        head: `${owner}:${input.branch}`,
      });
      if (open[0]) return { number: open[0].number, url: open[0].html_url, created: false };
      try {
        const { data } = await octokit.rest.pulls.create({
          owner,
          repo,
          head: input.branch,
          base,
          title: input.title,
          body: input.body,
          draft: true,
        });
        return { number: data.number, url: data.html_url, created: true };
      } catch (err) {
        // 422 "A pull request already exists": another run opened it between our look and our create.
        if (status(err) !== 422) throw err;
        const { data: raced } = await octokit.rest.pulls.list({
          owner,
          repo,
          state: 'open',
          head: `${owner}:${input.branch}`,
        });
        if (!raced[0]) throw err;
        return { number: raced[0].number, url: raced[0].html_url, created: false };
      }
    },
    upsertComment(issue_number, marker, body) {
      return upsertMarkedComment(octokit, { owner, repo, issue_number }, marker, body);
    },
    async commentOnce(issue_number, marker, body) {
      if ((await comments(issue_number)).some((c) => c.body?.includes(marker))) return false;
      await octokit.rest.issues.createComment({ owner, repo, issue_number, body });
      return true;
    },
    async comments(issue_number) {
      return (await comments(issue_number)).map((c) => ({ user: c.user?.login ?? '', body: c.body ?? '' }));
    },
    async issue(issue_number) {
      const { data } = await octokit.rest.issues.get({ owner, repo, issue_number });
      return {
        number: data.number,
        url: data.html_url,
        title: data.title,
        body: data.body ?? '',
        state: data.state,
        labels: data.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))),
        assignees: (data.assignees ?? []).map((a) => a.login),
      };
    },
    async pull(pull_number) {
      const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number });
      return {
        number: data.number,
        url: data.html_url,
        branch: data.head.ref,
        merged: Boolean(data.merged),
        state: data.state,
        body: data.body ?? '',
      };
    },
  };
}

/**
 * Forwards an alert as repository_dispatch {event_type: "alert", client_payload: {alert}} (the alert receiver's
 * `forward`); rejects with octokit's error (its `status` when GitHub answered) and stops when `signal` aborts.
 */
export function githubAlertDispatch(options: {
  token: string;
  repository: string;
  baseUrl?: string;
  patient?: boolean;
}): (alert: unknown, signal: AbortSignal) => Promise<void> {
  const [owner, repo] = options.repository.split('/') as [string, string];
  const octokit = new Octokit({
    auth: options.token,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.patient === false ? { throttle: { enabled: false }, retry: { enabled: false } } : {}),
  });
  return async (alert, signal) => {
    await octokit.rest.repos.createDispatchEvent({
      owner,
      repo,
      event_type: 'alert',
      client_payload: { alert },
      request: { signal },
    });
  };
}
