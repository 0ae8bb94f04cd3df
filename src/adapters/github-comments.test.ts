import { Octokit } from 'octokit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../test/fakes/fake-github.ts';
import { upsertMarkedComment } from './github-comments.ts';

let github: FakeGitHub;
let octokit: Octokit;
const where = { owner: 'example', repo: 'status', issue_number: 7 };
const MARKER = '<!-- status-portal:test -->';

beforeEach(async () => {
  // Two comments a page: the marked comment is only found by following the pages.
  github = await startFakeGitHub({ perPage: 2 });
  octokit = new Octokit({
    auth: 'ghs_test',
    baseUrl: github.url,
    throttle: { enabled: false },
    retry: { enabled: false },
  });
  github.pulls.push({
    number: 7,
    head: 'feature/x',
    base: 'main',
    state: 'open',
    body: '',
    reviews: [],
    commitAuthors: [],
    comments: [],
  });
});
afterEach(() => github.close());

const comments = () => github.pulls[0]!.comments;

describe('upsertMarkedComment', () => {
  it('created once, then unchanged (no request that edits), then updated in place: never a second comment', async () => {
    expect(await upsertMarkedComment(octokit, where, MARKER, `${MARKER}\nfirst`)).toBe('created');
    expect(await upsertMarkedComment(octokit, where, MARKER, `${MARKER}\nfirst`)).toBe('unchanged');
    expect(github.requests.filter((r) => r.startsWith('PATCH'))).toEqual([]);
    expect(await upsertMarkedComment(octokit, where, MARKER, `${MARKER}\nsecond`)).toBe('updated');
    expect(comments().map((c) => c.body)).toEqual([`${MARKER}\nsecond`]);
  });

  it('finds its comment beyond the first page, among others', async () => {
    for (let i = 0; i < 7; i++) comments().push({ id: 100 + i, body: `someone else ${i}` });
    comments().push({ id: 200, body: `${MARKER}\nold` });
    comments().push({ id: 201, body: 'last word' });
    expect(await upsertMarkedComment(octokit, where, MARKER, `${MARKER}\nnew`)).toBe('updated');
    expect(comments()).toHaveLength(9);
    expect(comments().find((c) => c.id === 200)!.body).toBe(`${MARKER}\nnew`);
  });

  it('a comment that merely mentions another marker is not taken for this one; hostile body text is sent as it is', async () => {
    comments().push({ id: 300, body: '<!-- status-portal:test-other -->' });
    const hostile = `${MARKER}\n<script>alert(1)</script> \`\`\` @everyone 𠮷 ${'x'.repeat(10_000)}`;
    expect(await upsertMarkedComment(octokit, where, MARKER, hostile)).toBe('created');
    expect(comments().map((c) => c.body)).toEqual(['<!-- status-portal:test-other -->', hostile]);
  });

  it('a GitHub error surfaces (nothing is claimed as done)', async () => {
    github.down = true;
    await expect(upsertMarkedComment(octokit, where, MARKER, `${MARKER}\nx`)).rejects.toThrow();
  });
});
