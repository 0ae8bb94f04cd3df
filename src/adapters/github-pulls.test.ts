/** The pull-request port against the local GitHub fake (paginated like the real one, with outages and rate limits). */
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub, type FakePull } from '../../test/fakes/fake-github.ts';
import { githubPullRequestPort } from './github-pulls.ts';

let github: FakeGitHub | undefined;
afterEach(async () => {
  await github?.close();
  github = undefined;
});
const start = async (perPage = 2) => (github = await startFakeGitHub({ perPage }));
const port = (g: FakeGitHub) =>
  githubPullRequestPort({ token: 'ghs_test', repository: 'example/status', baseUrl: g.url, patient: false });
const pull = (over: Partial<FakePull> & { number: number }): FakePull => ({
  reviews: [],
  commitAuthors: [],
  comments: [],
  ...over,
});

describe('pullRequestOf', () => {
  it('a commit no pull request merged: undefined', async () => {
    const g = await start();
    expect(await port(g).pullRequestOf('abc1234')).toBeUndefined();
  });

  it('the pull request that merged the commit into the default branch, not an earlier one into a side branch, with its facts', async () => {
    const g = await start();
    g.pulls.push(
      pull({
        number: 3,
        base: 'release',
        mergedCommits: ['c0ffee'],
        mergedAt: '2026-11-19T00:00:00Z',
        reviews: [{ user: 'x', state: 'APPROVED', submitted_at: '2026-11-18T00:00:00Z' }],
        commitAuthors: ['x'],
      }),
      pull({
        number: 7,
        base: 'main',
        mergedCommits: ['c0ffee'],
        mergedAt: '2026-11-20T02:45:00Z',
        reviews: [{ user: 't-sato', state: 'APPROVED', submitted_at: '2026-11-20T02:44:00Z' }],
        commitAuthors: ['k-tanaka'],
      }),
    );
    expect(await port(g).pullRequestOf('c0ffee')).toEqual({
      number: 7,
      mergedAt: '2026-11-20T02:45:00Z',
      reviews: [{ user: 't-sato', state: 'APPROVED', submittedAt: '2026-11-20T02:44:00Z' }],
      authors: ['k-tanaka'],
      unknownAuthors: [],
    });
  });
});

describe('facts', () => {
  it('every page of reviews and commits is read; authors once each; web-flow is no author; unlinked commits are unknown, not absent', async () => {
    const g = await start(2);
    const reviews = Array.from({ length: 101 }, (_, i) => ({
      user: `r${i}`,
      state: i === 100 ? 'CHANGES_REQUESTED' : 'APPROVED',
      submitted_at: '2026-11-20T01:00:00Z',
    }));
    g.pulls.push(pull({ number: 9, reviews, commitAuthors: ['a', 'a', 'web-flow', null, 'b'] }));
    const facts = await port(g).facts(9);
    expect(facts.reviews.map((r) => r.user)).toEqual(reviews.map((r) => r.user));
    expect(facts.reviews[100]!.state).toBe('CHANGES_REQUESTED');
    expect(facts.authors).toEqual(['a', 'b']);
    expect(facts.unknownAuthors).toEqual(['sha3 (Someone Unlinked)']);
    expect(g.requests.filter((r) => r.endsWith('/pulls/9/reviews'))).toHaveLength(2); // 101 reviews, 100 per page
  });

  it("an unknown pull request is GitHub's 404, passed on with its status", async () => {
    const g = await start();
    await expect(port(g).facts(404)).rejects.toMatchObject({ status: 404 });
  });
});

describe('the sticky comment', () => {
  it('created once, unchanged when equal, updated in place when not; other comments untouched', async () => {
    const g = await start(2);
    g.pulls.push(
      pull({
        number: 5,
        comments: [
          { id: 1, body: 'a human' },
          { id: 2, body: 'another' },
          { id: 3, body: 'third, on page 2' },
        ],
      }),
    );
    const p = port(g);
    expect(await p.upsertComment(5, '<!-- m -->', '<!-- m -->\nv1')).toBe('created');
    expect(await p.upsertComment(5, '<!-- m -->', '<!-- m -->\nv1')).toBe('unchanged');
    expect(await p.upsertComment(5, '<!-- m -->', '<!-- m -->\nv2')).toBe('updated');
    expect(g.pulls[0]!.comments.map((c) => c.body)).toEqual([
      'a human',
      'another',
      'third, on page 2',
      '<!-- m -->\nv2',
    ]);
  });

  it('a marker found only on a later page is still updated, not duplicated', async () => {
    const g = await start(1);
    g.pulls.push(
      pull({
        number: 6,
        comments: [
          { id: 1, body: 'x' },
          { id: 2, body: 'y' },
          { id: 3, body: '<!-- m -->\nold' },
        ],
      }),
    );
    expect(await port(g).upsertComment(6, '<!-- m -->', '<!-- m -->\nnew')).toBe('updated');
    expect(g.pulls[0]!.comments).toHaveLength(3);
  });
});

describe('GitHub failing', () => {
  it('an outage (503) and a spent rate limit (403, remaining 0) reject with the status, one request each when impatient', async () => {
    const g = await start();
    g.down = true;
    await expect(port(g).pullRequestOf('abc')).rejects.toMatchObject({ status: 503 });
    expect(g.requests).toHaveLength(1);
    g.down = false;
    g.rateLimited = true;
    await expect(port(g).facts(1)).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('API rate limit exceeded'),
    });
  });

  it('GitHub unreachable: the network error is passed on, not swallowed as "no pull request"', async () => {
    await expect(
      githubPullRequestPort({
        token: 't',
        repository: 'o/r',
        baseUrl: 'http://127.0.0.1:9',
        patient: false,
      }).pullRequestOf('abc'),
    ).rejects.toThrow();
  });
});
