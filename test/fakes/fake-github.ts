/** A local GitHub REST API with just the issue endpoints the engine uses, paginated like the real one. */
import { createServer, type Server } from 'node:http';
import { handleRepoRequest, type RepoPull, type RepoState } from './fake-github-repo.ts';
import { listenLocal, readBody } from './http.ts';

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  labels: string[];
  comments: string[];
  assignees?: string[];
  user?: string;
}

/** A pull request: what the repository endpoints serve (RepoPull) plus the review facts the approval proof reads. */
export interface FakePull extends RepoPull {
  /** Commits this pull request merged, and when. */
  mergedCommits?: string[];
  mergedAt?: string;
  reviews: { user: string; state: string; submitted_at: string }[];
  /** Login of each commit's author; null for an e-mail linked to no account (GitHub then sends author and committer null). */
  commitAuthors: (string | null)[];
  comments: { id: number; body: string; user?: string }[];
}

export interface FakeGitHub {
  url: string;
  issues: FakeIssue[];
  pulls: FakePull[];
  requests: string[];
  /** Branches and files (git refs and contents endpoints). */
  repo: RepoState;
  /** repository_dispatch events received. */
  dispatches: { event_type: string; client_payload: Record<string, unknown> }[];
  /** While true, every request is answered 503 (an outage). */
  down: boolean;
  /**
   * While true, every request is answered as GitHub answers a spent primary rate limit: 403 with
   * x-ratelimit-remaining 0 and x-ratelimit-reset in epoch seconds (docs.github.com/rest, "Rate limits for the REST API").
   */
  rateLimited?: boolean;
  close(): Promise<void>;
}

export async function startFakeGitHub(options: { perPage?: number } = {}): Promise<FakeGitHub> {
  const state: FakeGitHub = {
    url: '',
    issues: [],
    pulls: [],
    requests: [],
    repo: { branches: new Map([['main', new Map()]]), commits: [] },
    dispatches: [],
    down: false,
    close: async () => {},
  };
  // Issues and pull requests share one number space on GitHub.
  const taken = (n: number) => state.issues.some((i) => i.number === n) || state.pulls.some((p) => p.number === n);
  const nextNumber = () => {
    let n = state.issues.length + 1;
    while (taken(n)) n++;
    return n;
  };
  let commentIds = 1000;
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', state.url);
    state.requests.push(`${req.method} ${url.pathname}`);
    const json = (status: number, data: unknown, headers: Record<string, string> = {}) =>
      status === 204
        ? res.writeHead(204, headers).end()
        : res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(data));
    if (state.down) return json(503, { message: 'Service Unavailable' });
    if (state.rateLimited)
      return json(
        403,
        {
          message: 'API rate limit exceeded for installation ID 1.',
          documentation_url: 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api',
        },
        {
          'x-ratelimit-limit': '5000',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-used': '5000',
          'x-ratelimit-resource': 'core',
          'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
        },
      );
    const issueJson = (i: FakeIssue) => ({
      number: i.number,
      title: i.title,
      body: i.body,
      state: i.state,
      labels: i.labels.map((name) => ({ name })),
      html_url: `https://github.test/o/r/issues/${i.number}`,
    });
    const page = <T>(list: T[]) => {
      const per = Number(url.searchParams.get('per_page') ?? options.perPage ?? 30);
      const n = Number(url.searchParams.get('page') ?? 1);
      const headers: Record<string, string> = {};
      if (n * per < list.length) {
        const next = new URL(url);
        next.searchParams.set('page', String(n + 1));
        headers.link = `<${next.href}>; rel="next"`;
      }
      return json(200, list.slice((n - 1) * per, n * per), headers);
    };
    if (
      handleRepoRequest(req, url, body, {
        repo: state.repo,
        pulls: state.pulls,
        issues: state.issues,
        json,
        page,
        nextNumber,
        dispatches: state.dispatches,
      })
    )
      return;
    const commitPulls = /^\/repos\/[^/]+\/[^/]+\/commits\/([0-9a-f]+)\/pulls$/.exec(url.pathname);
    if (commitPulls)
      return json(
        200,
        state.pulls
          .filter((p) => p.mergedCommits?.includes(commitPulls[1]!))
          .map((p) => ({ number: p.number, merged_at: p.mergedAt ?? null, base: { ref: p.base ?? 'main' } })),
      );
    // "Get a repository": the default branch pull requests are judged against.
    if (/^\/repos\/[^/]+\/[^/]+$/.test(url.pathname) && req.method === 'GET')
      return json(200, { default_branch: 'main', full_name: url.pathname.slice('/repos/'.length) });
    const pr = /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/(reviews|commits)$/.exec(url.pathname);
    if (pr) {
      const pull = state.pulls.find((p) => p.number === Number(pr[1]));
      if (!pull) return json(404, { message: 'Not Found' });
      if (pr[2] === 'reviews')
        return page(
          pull.reviews.map((r, i) => ({
            id: i + 1,
            user: { login: r.user },
            state: r.state,
            submitted_at: r.submitted_at,
          })),
        );
      return page(
        pull.commitAuthors.map((a, i) => ({
          sha: `sha${i}`,
          author: a ? { login: a } : null,
          committer: a ? { login: a } : null,
          commit: { author: { name: a ?? 'Someone Unlinked' } },
        })),
      );
    }
    const commentEdit = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (commentEdit && req.method === 'PATCH') {
      const c = state.pulls.flatMap((p) => p.comments).find((x) => x.id === Number(commentEdit[1]));
      // Issue comments are plain strings here; their ids encode the issue and the index (issueCommentId).
      const id = Number(commentEdit[1]);
      const onIssue = state.issues.find((i) => i.number === Math.floor(id / 1_000_000));
      if (!c && onIssue && onIssue.comments[(id % 1_000_000) - 1] !== undefined) {
        onIssue.comments[(id % 1_000_000) - 1] = JSON.parse(body).body;
        return json(200, { id, body: JSON.parse(body).body, html_url: `https://github.test/c/${id}` });
      }
      if (!c) return json(404, { message: 'Not Found' });
      c.body = JSON.parse(body).body;
      return json(200, { id: c.id, body: c.body, html_url: `https://github.test/c/${c.id}` });
    }
    const m = /^\/repos\/[^/]+\/[^/]+\/issues(?:\/(\d+))?(?:\/(comments|labels))?$/.exec(url.pathname);
    if (!m) return json(404, { message: 'Not Found' });
    const pullForComments =
      m[1] && m[2] === 'comments' ? state.pulls.find((p) => p.number === Number(m[1])) : undefined;
    if (pullForComments && req.method === 'GET')
      return page(
        pullForComments.comments.map((c) => ({
          id: c.id,
          body: c.body,
          user: { login: c.user ?? 'status-portal[bot]' },
        })),
      );
    if (pullForComments && req.method === 'POST') {
      const c = { id: commentIds++, body: JSON.parse(body).body };
      pullForComments.comments.push(c);
      return json(201, { id: c.id, body: c.body, html_url: `https://github.test/c/${c.id}` });
    }
    const n = m[1] ? Number(m[1]) : undefined;
    const issue = n !== undefined ? state.issues.find((i) => i.number === n) : undefined;
    const payload = body ? JSON.parse(body) : {};
    if (req.method === 'GET' && n === undefined) {
      const wanted = url.searchParams.get('labels')?.split(',').filter(Boolean) ?? [];
      const st = url.searchParams.get('state') ?? 'open';
      const list = state.issues.filter(
        (i) => (st === 'all' || i.state === st) && wanted.every((l) => i.labels.includes(l)),
      );
      const per = Number(url.searchParams.get('per_page') ?? options.perPage ?? 30);
      const page = Number(url.searchParams.get('page') ?? 1);
      const slice = list.slice((page - 1) * per, page * per);
      const headers: Record<string, string> = {};
      if (page * per < list.length) {
        const next = new URL(url);
        next.searchParams.set('page', String(page + 1));
        headers.link = `<${next.href}>; rel="next"`;
      }
      return json(200, slice.map(issueJson), headers);
    }
    if (req.method === 'POST' && n === undefined) {
      const created: FakeIssue = {
        number: nextNumber(),
        title: payload.title,
        body: payload.body ?? '',
        state: 'open',
        labels: payload.labels ?? [],
        comments: [],
      };
      state.issues.push(created);
      return json(201, issueJson(created));
    }
    if (!issue) return json(404, { message: 'Not Found' });
    if (req.method === 'PATCH') {
      if (payload.state) issue.state = payload.state;
      if (payload.body !== undefined) issue.body = payload.body;
      return json(200, issueJson(issue));
    }
    const issueCommentId = (i: number) => issue.number * 1_000_000 + i + 1;
    if (req.method === 'GET' && m[2] === 'comments')
      return page(issue.comments.map((c, i) => ({ id: issueCommentId(i), body: c, user: { login: 'someone' } })));
    if (req.method === 'POST' && m[2] === 'comments') {
      issue.comments.push(payload.body);
      return json(201, {
        id: issueCommentId(issue.comments.length - 1),
        html_url: `https://github.test/o/r/issues/${issue.number}#issuecomment-${issueCommentId(issue.comments.length - 1)}`,
      });
    }
    if (req.method === 'POST' && m[2] === 'labels') {
      for (const l of payload.labels ?? []) if (!issue.labels.includes(l)) issue.labels.push(l);
      return json(
        200,
        issue.labels.map((name) => ({ name })),
      );
    }
    return json(404, { message: 'Not Found' });
  });
  // Node's default 5 s idle timeout races the client reusing a pooled socket
  // ("other side closed") when a script works locally for a while between
  // requests (the recheck of a long push); these tests are not about that.
  server.keepAliveTimeout = 120_000;
  state.url = await listenLocal(server);
  // Every connection is ended too: a client that gave up on one of two parallel requests (Promise.all) keeps its socket open.
  state.close = () =>
    new Promise((r) => {
      server.close(() => r());
      server.closeAllConnections();
    });
  return state;
}
