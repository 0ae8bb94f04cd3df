/**
 * The repository half of the fake GitHub: git refs, file contents on
 * branches, pull requests and single issues, as GitHub's REST documentation
 * describes them (docs.github.com/rest: git/refs, repos/contents, pulls,
 * issues). Behaviours our adapter must survive are kept: creating a ref that
 * exists is 422 "Reference already exists"; writing a file that exists
 * without its blob `sha` is 422, with a stale `sha` 409; a second open pull
 * request for the same head is 422 "A pull request already exists"; contents
 * are base64; `head` filters are "owner:branch"; lists are paginated.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface FakeFile {
  content: string;
  sha: string;
}

export interface RepoState {
  /** branch → path → file. `main` exists from the start. */
  branches: Map<string, Map<string, FakeFile>>;
  /** Every commit written through the contents API, in order. */
  commits: { branch: string; path: string; message: string }[];
}

export const blobSha = (content: string) =>
  createHash('sha1')
    .update(`blob ${Buffer.byteLength(content)}\0${content}`)
    .digest('hex');
const branchSha = (files: Map<string, FakeFile>) =>
  createHash('sha1')
    .update(
      [...files]
        .map(([p, f]) => `${p}:${f.sha}`)
        .sort()
        .join('\n'),
    )
    .digest('hex');

export interface RepoPull {
  number: number;
  head?: string;
  /** owner/name of the head branch's repository when it is a fork; otherwise the repository itself. */
  headRepo?: string;
  /** The branch it targets (GitHub's `base.ref`), also for merged ones; default "main", the fake repository's default branch. */
  base?: string;
  draft?: boolean;
  state?: 'open' | 'closed';
  merged?: boolean;
  title?: string;
  body?: string;
  assignees?: string[];
}

export interface RepoIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  labels: string[];
  assignees?: string[];
  user?: string;
}

type Json = (status: number, data: unknown, headers?: Record<string, string>) => unknown;

/** Handles the request if it is a repository endpoint; returns false to let the issue endpoints have it. */
export function handleRepoRequest(
  req: IncomingMessage,
  url: URL,
  body: string,
  ctx: {
    repo: RepoState;
    pulls: RepoPull[];
    issues: RepoIssue[];
    json: Json;
    page: <T>(list: T[]) => unknown;
    nextNumber: () => number;
    dispatches?: { event_type: string; client_payload: Record<string, unknown> }[];
  },
): boolean {
  const { repo, json } = ctx;
  // Octokit percent-encodes slashes inside {ref} (heads%2Fmain); GitHub accepts both forms.
  const path = decodeURIComponent(url.pathname).replace(/^\/repos\/[^/]+\/[^/]+/, '');
  const fullName = /^\/repos\/([^/]+\/[^/]+)/.exec(url.pathname)?.[1] ?? 'o/r';
  const payload = () => (body ? JSON.parse(body) : {});
  let m: RegExpExecArray | null;

  if ((m = /^\/git\/ref\/heads\/(.+)$/.exec(path)) && req.method === 'GET') {
    const files = repo.branches.get(decodeURIComponent(m[1]!));
    if (!files) return (json(404, { message: 'Not Found' }), true);
    return (
      json(200, { ref: `refs/heads/${decodeURIComponent(m[1]!)}`, object: { type: 'commit', sha: branchSha(files) } }),
      true
    );
  }
  if (path === '/git/refs' && req.method === 'POST') {
    const { ref, sha } = payload();
    const name = String(ref).replace(/^refs\/heads\//, '');
    if (!String(ref).startsWith('refs/heads/') || !sha)
      return (json(422, { message: 'Reference update failed' }), true);
    if (repo.branches.has(name)) return (json(422, { message: 'Reference already exists' }), true);
    const from = [...repo.branches.values()].find((f) => branchSha(f) === sha);
    if (!from) return (json(422, { message: 'Object does not exist' }), true);
    repo.branches.set(name, new Map(from));
    return (json(201, { ref, object: { type: 'commit', sha } }), true);
  }
  if ((m = /^\/contents\/(.+)$/.exec(path))) {
    const file = decodeURIComponent(m[1]!);
    if (req.method === 'GET') {
      const files = repo.branches.get(url.searchParams.get('ref') ?? 'main');
      const f = files?.get(file);
      if (!f) return (json(404, { message: 'Not Found' }), true);
      return (
        json(200, {
          type: 'file',
          encoding: 'base64',
          path: file,
          sha: f.sha,
          content: Buffer.from(f.content).toString('base64').replace(/.{60}/g, '$&\n'),
        }),
        true
      );
    }
    if (req.method === 'PUT') {
      const p = payload();
      const files = repo.branches.get(p.branch ?? 'main');
      if (!files) return (json(404, { message: `Branch ${p.branch} not found` }), true);
      const existing = files.get(file);
      if (existing && !p.sha) return (json(422, { message: `Invalid request.\n\n"sha" wasn't supplied.` }), true);
      if (existing && p.sha !== existing.sha) return (json(409, { message: `${file} does not match ${p.sha}` }), true);
      const content = Buffer.from(String(p.content), 'base64').toString('utf8');
      const f = { content, sha: blobSha(content) };
      files.set(file, f);
      repo.commits.push({ branch: p.branch ?? 'main', path: file, message: p.message });
      return (
        json(existing ? 200 : 201, {
          content: { path: file, sha: f.sha },
          commit: { sha: branchSha(files), message: p.message },
        }),
        true
      );
    }
  }
  const pullJson = (p: RepoPull) => ({
    number: p.number,
    title: p.title ?? '',
    body: p.body ?? '',
    state: p.state ?? 'open',
    draft: p.draft ?? false,
    merged: p.merged ?? false,
    merged_at: p.merged ? '2026-11-28T00:30:00Z' : null,
    html_url: `https://github.test/o/r/pull/${p.number}`,
    // GitHub's pull request objects carry head.repo and base.repo; a fork's head.repo is another repository (null if it was deleted).
    head: {
      ref: p.head ?? `branch-${p.number}`,
      repo: { full_name: p.headRepo ?? fullName, fork: p.headRepo !== undefined && p.headRepo !== fullName },
    },
    base: { ref: p.base ?? 'main', repo: { full_name: fullName, fork: false } },
    assignees: (p.assignees ?? []).map((login) => ({ login })),
  });
  if (path === '/pulls' && req.method === 'GET') {
    const state = url.searchParams.get('state') ?? 'open';
    const head = url.searchParams.get('head')?.split(':').pop();
    return (
      ctx.page(
        ctx.pulls
          .filter((p) => (state === 'all' || (p.state ?? 'open') === state) && (!head || p.head === head))
          .map(pullJson),
      ),
      true
    );
  }
  if (path === '/pulls' && req.method === 'POST') {
    const p = payload();
    if (!repo.branches.has(p.head))
      return (
        json(422, {
          message: 'Validation Failed',
          errors: [{ resource: 'PullRequest', field: 'head', code: 'invalid' }],
        }),
        true
      );
    if (ctx.pulls.some((x) => x.head === p.head && (x.state ?? 'open') === 'open'))
      return (
        json(422, {
          message: 'Validation Failed',
          errors: [
            { resource: 'PullRequest', code: 'custom', message: `A pull request already exists for o:${p.head}.` },
          ],
        }),
        true
      );
    const created = {
      number: ctx.nextNumber(),
      head: p.head,
      base: p.base,
      draft: Boolean(p.draft),
      state: 'open' as const,
      title: p.title,
      body: p.body ?? '',
      assignees: [],
      reviews: [],
      commitAuthors: [],
      comments: [],
    };
    ctx.pulls.push(created);
    return (json(201, pullJson(created)), true);
  }
  if ((m = /^\/pulls\/(\d+)$/.exec(path))) {
    const p = ctx.pulls.find((x) => x.number === Number(m![1]));
    if (!p) return (json(404, { message: 'Not Found' }), true);
    if (req.method === 'PATCH')
      Object.assign(
        p,
        Object.fromEntries(Object.entries(payload()).filter(([k]) => ['title', 'body', 'state'].includes(k))),
      );
    return (json(200, pullJson(p)), true);
  }
  if (path === '/dispatches' && req.method === 'POST') {
    // "event_type ... 100 characters or fewer"; client_payload: at most 10 top-level properties, under 64 KB in total.
    const p = payload();
    if (typeof p.event_type !== 'string' || !p.event_type || p.event_type.length > 100)
      return (json(422, { message: 'Invalid request: event_type' }), true);
    const cp = p.client_payload ?? {};
    if (Object.keys(cp).length > 10 || JSON.stringify(cp).length >= 64 * 1024)
      return (json(422, { message: 'Invalid request: client_payload' }), true);
    ctx.dispatches?.push({ event_type: p.event_type, client_payload: cp });
    return (json(204, null), true);
  }
  if ((m = /^\/issues\/(\d+)$/.exec(path)) && req.method === 'GET') {
    const i = ctx.issues.find((x) => x.number === Number(m![1]));
    if (!i) return (json(404, { message: 'Not Found' }), true);
    return (
      json(200, {
        number: i.number,
        title: i.title,
        body: i.body,
        state: i.state,
        labels: i.labels.map((name) => ({ name })),
        assignees: (i.assignees ?? []).map((login) => ({ login })),
        user: { login: i.user ?? 'someone' },
        html_url: `https://github.test/o/r/issues/${i.number}`,
      }),
      true
    );
  }
  return false;
}
