import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BASE_FILE, baseText } from '../test/builders.ts';
import { runScript } from '../test/helpers/run-script.ts';
import { createTempRepo, type TempRepo } from '../test/helpers/temp-repo.ts';

let repo: TempRepo;
const outs: string[] = [];
const out = () => {
  const d = mkdtempSync(join(tmpdir(), 'audit-'));
  outs.push(d);
  return join(d, 'package');
};
const ID = '2026-11-20-kcps-block-storage-latency';
const OLD = 'incidents/2025/2025-06-12-kcps-old.md';

beforeEach(() => {
  repo = createTempRepo();
  // A scripted history with fixed commit dates: declared, then resolved; plus an incident outside the period.
  repo.write(BASE_FILE, baseText.replace(/  - at: "2026-11-20T10:41:00\+09:00"[\s\S]*?(?=recovered_at)/, '').replace(/recovered_at: .*\n/, '').replace(/postmortem:\n  status: draft\n/, '').replace(/prevention:[\s\S]*?tracking: OPS-4410\n/, ''));
  repo.write(OLD, baseText.replace(/2026-11-20-kcps-block-storage-latency/g, '2025-06-12-kcps-old').replace(/2026-11-20T/g, '2025-06-12T').replace('"2026-12-18"', '"2025-07-18"'));
  repo.commit('declare', '2026-11-20T10:20:00+09:00');
  repo.write(BASE_FILE, baseText);
  repo.write('ledger/2026/run.jsonl', `${JSON.stringify({ key: `${ID}/page-live`, kind: 'page-live', incident: ID, at: '2026-11-20T10:17:00+09:00', detail: { updates: 1 } })}\n`);
  repo.commit('resolved', '2026-11-20T11:40:00+09:00');
});
afterEach(() => {
  repo.cleanup();
  for (const d of outs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const audit = (args: string[]) => runScript('audit.ts', args, { cwd: repo.dir });
const files = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();

describe('npm run audit', () => {
  it('exports exactly the period\'s incidents, their transitions and their figures', () => {
    const dir = out();
    const r = audit(['--from', '2026-11-01', '--to', '2026-11-30', '--out', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const population = JSON.parse(readFileSync(join(dir, 'population.json'), 'utf8'));
    expect(population.map((p: { id: string }) => p.id)).toEqual([ID]);
    expect(population[0]).toMatchObject({ clock_start: '2026-11-20T10:02:00+09:00', notified_at: '2026-11-20T10:17:00+09:00', minutes_to_notify: 15, notify_result: 'met', minutes_to_recover: 62, recover_result: 'met', stage: 'review', postmortem_required: 'severity' });
    const transitions = JSON.parse(readFileSync(join(dir, 'transitions.json'), 'utf8'));
    expect(transitions.map((t: { subject: string; committed_at: string; change: string }) => [t.subject, t.committed_at, t.change])).toEqual([
      ['declare', '2026-11-20T10:20:00+09:00', 'declared: investigating'],
      ['resolved', '2026-11-20T11:40:00+09:00', 'updates: identified → monitoring → resolved; recovered_at 2026-11-20T11:04:00+09:00; postmortem none → draft; prevention actions 0 → 1'],
    ]);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ generated_at: '2026-11-20T11:40:00+09:00', counts: { incidents: 1, by_service: { kcps: 1 } }, query: { from: '2026-11-01', to: '2026-11-30', format: 'json' } });
    expect(manifest.files['incidents/2026-11-20-kcps-block-storage-latency/record.md']).toBe(createHash('sha256').update(readFileSync(join(repo.dir, BASE_FILE), 'utf8')).digest('hex'));
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('<svg role="img"');
  });

  it('run twice on the same commit: byte-identical, in both formats', () => {
    for (const format of ['json', 'csv']) {
      const a = out();
      const b = out();
      audit(['--from', '2025-01-01', '--to', '2026-12-31', '--out', a, '--format', format]);
      audit(['--from', '2025-01-01', '--to', '2026-12-31', '--out', b, '--format', format]);
      expect(files(a)).toEqual(files(b));
      for (const f of files(a)) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
    }
  });

  it('verify passes on an untouched package, in both formats', () => {
    for (const format of ['json', 'csv']) {
      const dir = out();
      audit(['--from', '2025-01-01', '--to', '2026-12-31', '--out', dir, '--format', format]);
      const r = audit(['verify', dir]);
      expect(r.stdout).toMatch(/^✔ .*files match their hashes; every SLA figure re-performs\.\n$/);
      expect(r.code).toBe(0);
    }
  });

  it('verify catches a tampered file', () => {
    const dir = out();
    audit(['--from', '2026-11-01', '--to', '2026-11-30', '--out', dir]);
    const record = join(dir, `incidents/${ID}/record.md`);
    writeFileSync(record, readFileSync(record, 'utf8').replace('recovered_at: "2026-11-20T11:04:00+09:00"', 'recovered_at: "2026-11-20T11:59:00+09:00"'));
    const r = audit(['verify', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`incidents/${ID}/record.md: SHA-256 differs from the manifest (the file was changed)`);
    expect(r.stdout).toContain(`${ID}: minutes_to_recover is 62 in the package but re-performs to 117`);
  });

  it('verify catches a changed figure even when its hash was "fixed" in the manifest', () => {
    const dir = out();
    audit(['--from', '2026-11-01', '--to', '2026-11-30', '--out', dir]);
    const path = join(dir, 'population.json');
    const text = readFileSync(path, 'utf8').replace('"minutes_to_notify": 15', '"minutes_to_notify": 14');
    writeFileSync(path, text);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    manifest.files['population.json'] = createHash('sha256').update(text).digest('hex');
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    const r = audit(['verify', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${ID}: minutes_to_notify is 14 in the package but re-performs to 15`);
  });

  it('with a GitHub token, each change names the pull request that merged it, when, and who approved it', async () => {
    const { startFakeGitHub } = await import('../test/fakes/fake-github.ts');
    const { runScriptAsync } = await import('../test/helpers/run-script.ts');
    const github = await startFakeGitHub();
    const resolved = repo.git('rev-parse', 'HEAD').trim();
    github.pulls.push({ number: 12, mergedCommits: [resolved], mergedAt: '2026-11-20T02:45:00Z', reviews: [{ user: 't-sato', state: 'APPROVED', submitted_at: '2026-11-20T02:44:00Z' }, { user: 'k-tanaka', state: 'COMMENTED', submitted_at: '2026-11-20T02:40:00Z' }], commitAuthors: ['k-tanaka'], comments: [] });
    const dir = out();
    const r = await runScriptAsync('audit.ts', ['--from', '2026-11-01', '--to', '2026-11-30', '--out', dir], {
      cwd: repo.dir,
      env: { GITHUB_TOKEN: 'ghs_test', GITHUB_REPOSITORY: 'example/status', GITHUB_API_URL: github.url, STATUS_TEST_FAST_GITHUB: '1' },
    });
    await github.close();
    expect(r.code).toBe(0);
    const transitions = JSON.parse(readFileSync(join(dir, 'transitions.json'), 'utf8'));
    expect(transitions.map((t: { pull_request: unknown; merged_at: string; approvers: string }) => [t.pull_request, t.merged_at, t.approvers])).toEqual([
      ['', '', ''],
      [12, '2026-11-20T02:45:00Z', 't-sato'],
    ]);
  });

  it('refuses to export a working tree that differs from its commit', () => {
    repo.write(BASE_FILE, baseText.replace('ALM-88123', 'ALM-1'));
    const r = audit(['--from', '2026-11-01', '--to', '2026-11-30', '--out', out()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^the audit exports a commit, but these files differ from it/);
  });
});
