/** The intake port through real octokit against the fake GitHub: repeated, interrupted and edited drafts. */
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../test/fakes/fake-github.ts';
import { blobSha } from '../../test/fakes/fake-github-repo.ts';
import { candidateMarker } from '../core/intake/candidate.ts';
import { githubIntakePort } from './github-intake.ts';

let github: FakeGitHub | undefined;
afterEach(async () => {
  await github?.close();
  github = undefined;
});

const ID = '2026-11-28-kcps-block-storage-latency-high-3f2a9c01';
const input = (content = 'v1\n') => ({
  branch: 'intake/3f2a9c01b7d4e865',
  path: `incidents/2026/${ID}.md`,
  content,
  title: 't',
  body: candidateMarker({ id: ID, service: 'kcps', source: 'monitoring', fingerprints: ['3f2a9c01b7d4e865'] }),
  message: 'm',
});
const port = () => githubIntakePort({ token: 't', repository: 'example/status', baseUrl: github!.url, patient: false });

describe('githubIntakePort', () => {
  it('opening the same draft twice is one branch, one commit, one pull request', async () => {
    github = await startFakeGitHub({ perPage: 1 });
    const p = port();
    const a = await p.openDraft(input());
    const b = await p.openDraft(input());
    expect(a).toMatchObject({ number: 1, created: true });
    expect(b).toMatchObject({ number: 1, created: false });
    expect(github.repo.commits).toHaveLength(1);
    expect(github.pulls).toHaveLength(1);
  });

  it('a run interrupted after the branch (or the file) was written completes on retry', async () => {
    github = await startFakeGitHub();
    github.repo.branches.set(
      'intake/3f2a9c01b7d4e865',
      new Map([[`incidents/2026/${ID}.md`, { content: 'v0\n', sha: blobSha('v0\n') }]]),
    );
    const r = await port().openDraft(input('v1\n'));
    expect(r.created).toBe(true);
    // The stale file was updated with its blob sha (GitHub refuses an update without it).
    expect(github.repo.branches.get('intake/3f2a9c01b7d4e865')!.get(`incidents/2026/${ID}.md`)!.content).toBe('v1\n');
  });

  it('lists open intake drafts across pages with their file; ignores other pull requests and edited-away markers', async () => {
    github = await startFakeGitHub({ perPage: 1 });
    const p = port();
    await p.openDraft(input());
    github.pulls.push({
      number: 50,
      head: 'feature/x',
      base: 'main',
      state: 'open',
      body: '',
      reviews: [],
      commitAuthors: [],
      comments: [],
    });
    github.pulls.push({
      number: 51,
      head: 'intake/forged',
      base: 'main',
      state: 'open',
      body: '<!-- status-portal:intake {"id":"../../etc","service":"kcps","source":"monitoring"} -->',
      reviews: [],
      commitAuthors: [],
      comments: [],
    });
    // A fork's pull request from a branch of the same name, with a copied valid marker.
    github.pulls.push({
      number: 52,
      head: 'intake/3f2a9c01b7d4e865',
      headRepo: 'mallory/status',
      base: 'main',
      state: 'open',
      body: input().body,
      reviews: [],
      commitAuthors: [],
      comments: [],
    });
    const open = await p.openCandidates();
    expect(open.map((c) => [c.number, c.marker.id, c.file?.content])).toEqual([[1, ID, 'v1\n']]);
  });

  it('comments: upsert keeps one sticky comment; commentOnce never repeats a marker', async () => {
    github = await startFakeGitHub();
    const p = port();
    const { number } = await p.openDraft(input());
    expect(await p.upsertComment(number, '<!-- m -->', '<!-- m --> a')).toBe('created');
    expect(await p.upsertComment(number, '<!-- m -->', '<!-- m --> a')).toBe('unchanged');
    expect(await p.upsertComment(number, '<!-- m -->', '<!-- m --> b')).toBe('updated');
    expect(await p.commentOnce(number, '<!-- r -->', '<!-- r --> x')).toBe(true);
    expect(await p.commentOnce(number, '<!-- r -->', '<!-- r --> x')).toBe(false);
    expect(github.pulls[0]!.comments.map((c) => c.body)).toEqual(['<!-- m --> b', '<!-- r --> x']);
  });
});
