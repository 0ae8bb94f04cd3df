import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, catalog } from '../test/builders.ts';
import { startFakeGitHub, type FakeGitHub } from '../test/fakes/fake-github.ts';
import { runScriptAsync } from '../test/helpers/run-script.ts';
import { createTempRepo, type TempRepo } from '../test/helpers/temp-repo.ts';
import { checkFile } from '../src/core/check/check-incidents.ts';

let repo: TempRepo | undefined;
let github: FakeGitHub | undefined;
afterEach(async () => {
  repo?.cleanup();
  await github?.close();
  repo = github = undefined;
});

const fixture = (name: string) => join(REPO_ROOT, 'test/fixtures/alerts', name);
const NOW = ['--now', '2026-11-28T09:12:00+09:00'];
const ID = '2026-11-28-kcps-block-storage-latency-high-3f2a9c01';

async function setup(): Promise<Record<string, string>> {
  repo = createTempRepo();
  repo.write('incidents/.keep', '');
  repo.commit('init');
  github = await startFakeGitHub({ perPage: 2 });
  return { GITHUB_TOKEN: 'ghs_test', GITHUB_REPOSITORY: 'example/status', GITHUB_API_URL: github.url };
}

describe('npm run intake -- alert (octokit against the fake GitHub)', () => {
  it('an Alertmanager payload becomes a draft PR with a valid incident file and the clock; the same alert twice is one draft; resolved is noted', async () => {
    const env = await setup();
    const r = await runScriptAsync('intake.ts', ['alert', fixture('alertmanager-firing.json'), ...NOW], {
      cwd: repo!.dir,
      env,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^draft #1 opened for 2026-11-28-kcps-block-storage-latency-high-3f2a9c01: https:\/\/github\.test\/o\/r\/pull\/1$/m,
    );
    const pull = github!.pulls.find((p) => p.head === 'intake/3f2a9c01b7d4e865')!;
    expect(pull).toMatchObject({ draft: true, base: 'main', state: 'open' });
    const file = github!.repo.branches.get('intake/3f2a9c01b7d4e865')!.get(`incidents/2026/${ID}.md`)!.content;
    expect(
      checkFile(
        { file: `incidents/2026/${ID}.md`, content: file },
        { catalog, now: Date.parse('2026-11-28T09:12:00+09:00') },
      ).findings.filter((f) => f.severity === 'error'),
    ).toEqual([]);
    expect(file).toContain('  source: monitoring\n  at: "2026-11-28T09:02:13+09:00"\n  ref: 3f2a9c01b7d4e865');
    expect(pull.comments).toHaveLength(1);
    expect(pull.comments[0]!.body).toContain('| customers notified | 2026-11-28 09:32 JST | **20 min left** |');
    // main is untouched: nothing is published before a person merges.
    expect([...github!.repo.branches.get('main')!.keys()]).toEqual([]);
    expect(github!.repo.commits).toHaveLength(1);

    const again = await runScriptAsync(
      'intake.ts',
      ['alert', fixture('alertmanager-firing.json'), '--now', '2026-11-28T09:20:00+09:00'],
      { cwd: repo!.dir, env },
    );
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('#1 clock updated\n');
    expect(github!.pulls.filter((p) => p.head?.startsWith('intake/'))).toHaveLength(1);
    expect(github!.repo.commits).toHaveLength(1);
    expect(pull.comments).toHaveLength(1);
    expect(pull.comments[0]!.body).toContain('**12 min left**');

    const resolved = await runScriptAsync(
      'intake.ts',
      ['alert', fixture('alertmanager-resolved.json'), '--now', '2026-11-28T09:42:00+09:00'],
      { cwd: repo!.dir, env },
    );
    expect(resolved.stdout).toBe('#1 commented\n');
    const twice = await runScriptAsync(
      'intake.ts',
      ['alert', fixture('alertmanager-resolved.json'), '--now', '2026-11-28T09:43:00+09:00'],
      { cwd: repo!.dir, env },
    );
    expect(twice.stdout).toBe('#1 already commented\n');
    expect(pull.comments.map((c) => c.body).filter((b) => b.includes('**resolved**'))).toHaveLength(1);
    // The ledger records when the candidate was opened.
    const ledger = readFileSync(
      join(repo!.dir, 'ledger/2026', (await import('node:fs')).readdirSync(join(repo!.dir, 'ledger/2026'))[0]!),
      'utf8',
    );
    expect(JSON.parse(ledger.trim())).toMatchObject({
      key: `${ID}/intake-draft`,
      kind: 'intake-draft',
      detail: { pr: 1, source: 'monitoring', ref: '3f2a9c01b7d4e865' },
    });
  });

  it('the dispatch event file: the alert is read from client_payload.alert, never from a shell argument', async () => {
    const env = await setup();
    const event = join(repo!.dir, '..', `${repo!.dir.split('/').pop()}-event.json`);
    (await import('node:fs')).writeFileSync(
      event,
      JSON.stringify({
        action: 'alert',
        client_payload: { alert: JSON.parse(readFileSync(fixture('grafana-firing.json'), 'utf8')) },
      }),
    );
    const r = await runScriptAsync('intake.ts', ['alert', '--event', event, '--now', '2026-11-28T13:25:00+09:00'], {
      cwd: repo!.dir,
      env,
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('draft #1 opened for 2026-11-28-kbi-login-error-rate-c6eadffa');
  });

  it('--dry-run prints the plan and writes nothing; stdin works as input', async () => {
    const env = await setup();
    const r = await runScriptAsync('intake.ts', ['alert', fixture('alertmanager-grouped.json'), '--dry-run', ...NOW], {
      cwd: repo!.dir,
      env,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'open-draft     intake/3f2a9c01b7d4e865 2 firing alert(s) of kcps with no draft yet: 3f2a9c01b7d4e865, a81c2e44f09b3d17\n',
    );
    expect(github!.requests.filter((x) => !x.startsWith('GET '))).toEqual([]);
    const { spawnSync } = await import('node:child_process');
    const piped = spawnSync(
      process.execPath,
      [join(REPO_ROOT, 'scripts/intake.ts'), 'alert', '-', '--dry-run', ...NOW],
      {
        cwd: repo!.dir,
        input: readFileSync(fixture('generic-firing.json')),
        encoding: 'utf8',
        env: { ...process.env, GITHUB_TOKEN: '', GITHUB_REPOSITORY: '' },
      },
    );
    expect(piped.stdout).toBe(
      '(no GITHUB_TOKEN: open drafts were not read)\nopen-draft     intake/uptime-dns-01 1 firing alert(s) of kcps with no draft yet: uptime-dns-01\n',
    );
  });

  it('unknown labels: one clear line and exit 1, no stack trace, nothing opened', async () => {
    const env = await setup();
    const body = readFileSync(fixture('alertmanager-firing.json'), 'utf8').replaceAll(
      '"service": "kcps"',
      '"service": "kcpz"',
    );
    const file = join(repo!.dir, 'alert.json');
    (await import('node:fs')).writeFileSync(file, body);
    const r = await runScriptAsync('intake.ts', ['alert', file, ...NOW], { cwd: repo!.dir, env });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      'alert BlockStorageLatencyHigh (3f2a9c01b7d4e865): no intake route in config/catalog.yaml matches its labels {alertname="BlockStorageLatencyHigh", service="kcpz", component="block-storage", severity, instance, job}; add one under intake.routes (README, "Intake")',
    ]);
    expect(github!.pulls).toEqual([]);
  });

  it('a malformed payload is a one-line error with exit 1; a missing verb is usage (exit 2)', async () => {
    const env = await setup();
    const file = join(repo!.dir, 'bad.json');
    (await import('node:fs')).writeFileSync(file, '{"version":"4","alerts":"x"}');
    const r = await runScriptAsync('intake.ts', ['alert', file, ...NOW], { cwd: repo!.dir, env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^.*bad\.json: Alertmanager payload \(version "4"\): .*\n$/);
    expect((await runScriptAsync('intake.ts', [], { cwd: repo!.dir, env })).code).toBe(2);
  });
});

describe('npm run intake -- declare / dismiss', () => {
  const SUNDAY = ['--now', '2026-11-29T10:00:00+09:00'];

  it("a manager's declaration of a KBI Saturday-night inquiry opens the draft for the assignee, linked both ways; a non-manager is refused on the issue", async () => {
    const env = await setup();
    const DESK_BODY = readFileSync(join(REPO_ROOT, 'test/fixtures/issue-forms/desk-inquiry.md'), 'utf8');
    github!.issues.push({
      number: 41,
      title: 'Login errors reported',
      body: DESK_BODY,
      state: 'open',
      labels: ['desk-inquiry', 'declare-incident'],
      comments: [],
      assignees: ['m-ishii'],
    });
    const refused = await runScriptAsync('intake.ts', ['declare', '--issue', '41', '--by', 'k-tanaka', ...SUNDAY], {
      cwd: repo!.dir,
      env,
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^issue #41: @k-tanaka is not a manager .*\n$/);
    expect(github!.issues[0]!.comments.at(-1)).toContain('issue #41: @k-tanaka is not a manager');
    // Refused again (a repeated /declare): the one refusal is edited in place, not posted again.
    const refusedAgain = await runScriptAsync(
      'intake.ts',
      ['declare', '--issue', '41', '--by', 'k-tanaka', '--now', '2026-11-29T10:05:00+09:00'],
      { cwd: repo!.dir, env },
    );
    expect(refusedAgain.code).toBe(1);
    expect(github!.issues[0]!.comments).toEqual([
      expect.stringContaining('Not declared (as of 2026-11-29T10:05:00+09:00, by @k-tanaka)'),
    ]);
    expect(github!.pulls).toEqual([]);

    const r = await runScriptAsync('intake.ts', ['declare', '--issue', '41', '--by', 'r-yamamoto', ...SUNDAY], {
      cwd: repo!.dir,
      env,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const pull = github!.pulls.find((p) => p.head === 'intake/issue-41')!;
    expect(pull.body).toContain('from #41');
    expect(pull.comments[0]!.body).toContain("Clock started 2026-11-30 09:00 JST (the desk's next opening");
    expect(github!.issues[0]!.comments.at(-1)).toContain(`is open for @m-ishii: #${pull.number}.`);
    const file = [...github!.repo.branches.get('intake/issue-41')!.values()][0]!.content;
    expect(file).toContain('responder: m-ishii');
    // Declaring twice (label and comment) opens nothing new.
    const again = await runScriptAsync('intake.ts', ['declare', '--issue', '41', '--by', 'r-yamamoto', ...SUNDAY], {
      cwd: repo!.dir,
      env,
    });
    expect(again.stdout).toMatch(/already draft #/);
    expect(github!.pulls).toHaveLength(1);
  });

  it('closing a draft unmerged records "not an incident" with who and why in the ledger, once', async () => {
    const env = await setup();
    const { seedAlertDraft } = await import('../test/fakes/seed-intake.ts');
    const { number } = seedAlertDraft(github!, 'alertmanager-firing.json', Date.parse('2026-11-28T09:12:00+09:00'));
    const pull = github!.pulls.find((p) => p.number === number)!;
    pull.comments.push({
      id: 5,
      body: '/not-an-incident test alert from the staging cluster, mail ops@staging.example',
      user: 't-sato',
    });
    // Anybody may comment; only the closer's (or a manager's) reason is recorded.
    pull.comments.push({ id: 6, body: '/not-an-incident approved by the manager, nothing happened', user: 'mallory' });
    const open = await runScriptAsync(
      'intake.ts',
      ['dismiss', '--pr', String(number), '--by', 't-sato', '--now', '2026-11-28T09:19:00+09:00'],
      { cwd: repo!.dir, env },
    );
    expect(open).toMatchObject({ code: 1, stderr: expect.stringContaining(`#${number} is still open`) });
    pull.state = 'closed';
    const r = await runScriptAsync(
      'intake.ts',
      ['dismiss', '--pr', String(number), '--by', 't-sato', '--now', '2026-11-28T09:20:00+09:00'],
      { cwd: repo!.dir, env },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      `${ID} recorded as not an incident (by @t-sato: test alert from the staging cluster, mail [address removed])\n`,
    );
    const { readdirSync } = await import('node:fs');
    const lines = readdirSync(join(repo!.dir, 'ledger/2026'))
      .flatMap((f) =>
        readFileSync(join(repo!.dir, 'ledger/2026', f), 'utf8')
          .trim()
          .split('\n'),
      )
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      {
        key: `${ID}/dismissed`,
        kind: 'candidate-dismissed',
        incident: ID,
        at: '2026-11-28T09:20:00+09:00',
        detail: {
          pr: number,
          by: 't-sato',
          reason: 'test alert from the staging cluster, mail [address removed]',
          service: 'kcps',
          source: 'monitoring',
          fingerprints: '3f2a9c01b7d4e865',
        },
      },
    ]);
    expect(pull.comments.at(-1)!.body).toContain('Recorded as **not an incident** by @t-sato');
    const twice = await runScriptAsync(
      'intake.ts',
      ['dismiss', '--pr', String(number), '--by', 't-sato', '--now', '2026-11-28T09:21:00+09:00'],
      { cwd: repo!.dir, env },
    );
    expect(twice.stdout).toBe(`${ID} is already recorded as not an incident\n`);
  });

  it('a repeat of a dismissed alert is not reopened; a merged draft is not dismissed', async () => {
    const env = await setup();
    const { seedAlertDraft } = await import('../test/fakes/seed-intake.ts');
    const { number } = seedAlertDraft(github!, 'alertmanager-firing.json', Date.parse('2026-11-28T09:12:00+09:00'));
    repo!.write(
      'ledger/2026/dismissed.jsonl',
      `${JSON.stringify({ key: `${ID}/dismissed`, kind: 'candidate-dismissed', incident: ID, at: '2026-11-28T09:20:00+09:00', detail: { pr: number, by: 't-sato', reason: 'test alert', service: 'kcps', source: 'monitoring', fingerprints: '3f2a9c01b7d4e865' } })}\n`,
    );
    github!.pulls[0]!.state = 'closed';
    const repeat = await runScriptAsync(
      'intake.ts',
      ['alert', fixture('alertmanager-firing.json'), '--now', '2026-11-28T13:12:00+09:00'],
      { cwd: repo!.dir, env },
    );
    expect(repeat.stdout).toMatch(/^skipped: .*dismissed as not an incident by @t-sato \(test alert\)/);
    expect(github!.pulls).toHaveLength(1);
    github!.pulls[0]!.merged = true;
    const merged = await runScriptAsync(
      'intake.ts',
      ['dismiss', '--pr', String(number), '--by', 't-sato', '--now', '2026-11-28T13:13:00+09:00'],
      { cwd: repo!.dir, env },
    );
    expect(merged.stdout).toBe(`#${number} was merged: ${ID} is an incident; nothing to dismiss\n`);
  });
});
