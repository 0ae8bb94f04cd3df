import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCsv } from '../src/core/audit/csv-parse.ts';
import { BASE_FILE, baseText, REPO_ROOT } from '../test/builders.ts';
import { runScript, type RunResult, scriptEntry } from '../test/helpers/run-script.ts';
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
const CLOCK = 'src/core/sla/clock.ts';

beforeEach(() => {
  repo = createTempRepo();
  // The repository carries its own generator, as the real one does: the exporter that runs is the commit's.
  for (const path of ['src', 'scripts', 'package.json', 'package-lock.json', 'tsconfig.json'])
    cpSync(join(REPO_ROOT, path), join(repo.dir, path), { recursive: true, filter: (p) => !p.includes('__golden__') });
  repo.write('.gitignore', 'node_modules\n');
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(repo.dir, 'node_modules'), 'dir');
  // A scripted history with fixed commit dates: declared, then resolved; plus an incident outside the period.
  repo.write(
    BASE_FILE,
    baseText
      .replace(/  - at: "2026-11-20T10:41:00\+09:00"[\s\S]*?(?=recovered_at)/, '')
      .replace(/recovered_at: .*\n/, '')
      .replace(/postmortem:\n  status: draft\n/, '')
      .replace(/prevention:[\s\S]*?tracking: OPS-4410\n/, ''),
  );
  repo.write(
    OLD,
    baseText
      .replace(/2026-11-20-kcps-block-storage-latency/g, '2025-06-12-kcps-old')
      .replace(/2026-11-20T/g, '2025-06-12T')
      .replace('"2026-12-18"', '"2025-07-18"'),
  );
  repo.commit('declare', '2026-11-20T10:20:00+09:00');
  repo.write(BASE_FILE, baseText);
  repo.write(
    'ledger/2026/run.jsonl',
    `${JSON.stringify({ key: `${ID}/page-live`, kind: 'page-live', incident: ID, at: '2026-11-20T10:17:00+09:00', detail: { updates: 1 } })}\n`,
  );
  repo.commit('resolved', '2026-11-20T11:40:00+09:00');
}, 60_000);
afterEach(() => {
  repo.cleanup();
  for (const d of outs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The repository's own exporter, as `npm run audit` runs it there. */
const audit = (args: string[]): RunResult => {
  const r = spawnSync(process.execPath, [join(repo.dir, 'scripts/audit.ts'), ...args], {
    cwd: repo.dir,
    encoding: 'utf8',
    env: { ...process.env, GITHUB_TOKEN: '', NO_COLOR: '1' },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
};
const files = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');
const json = (dir: string, file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8'));
/** Rewrites a package file and "fixes" its hash in the manifest, as a careful forger would. */
const forge = (dir: string, file: string, edit: (text: string) => string) => {
  const text = edit(readFileSync(join(dir, file), 'utf8'));
  writeFileSync(join(dir, file), text);
  const manifest = json(dir, 'manifest.json');
  manifest.files[file] = sha(text);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
};
const editManifest = (dir: string, edit: (m: Record<string, any>) => void) => {
  const manifest = json(dir, 'manifest.json');
  edit(manifest);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
};
const exportAll = (format = 'json') => {
  const dir = out();
  const r = audit(['--from', '2025-01-01', '--to', '2026-12-31', '--out', dir, '--format', format]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return dir;
};

describe('npm run audit', () => {
  it("exports exactly the period's incidents, their transitions and their figures", () => {
    const dir = out();
    const r = audit(['--from', '2026-11-01', '--to', '2026-11-30', '--out', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/package SHA-256 \(of manifest\.json\) [0-9a-f]{64}\.\n$/);
    const population = json(dir, 'population.json');
    expect(population.map((p: { id: string }) => p.id)).toEqual([ID]);
    expect(population[0]).toMatchObject({
      file: BASE_FILE,
      clock_start: '2026-11-20T10:02:00+09:00',
      notified_at: '2026-11-20T10:17:00+09:00',
      minutes_to_notify: 15,
      notify_result: 'met',
      minutes_to_recover: 62,
      recover_result: 'met',
      stage: 'review',
      postmortem_required: 'severity',
    });
    const transitions = json(dir, 'transitions.json');
    expect(
      transitions.map((t: { subject: string; committed_at: string; change: string }) => [
        t.subject,
        t.committed_at,
        t.change,
      ]),
    ).toEqual([
      ['declare', '2026-11-20T10:20:00+09:00', 'declared: investigating'],
      [
        'resolved',
        '2026-11-20T11:40:00+09:00',
        'updates: identified → monitoring → resolved; recovered_at 2026-11-20T11:04:00+09:00; postmortem none → draft; prevention actions 0 → 1',
      ],
    ]);
    const manifest = json(dir, 'manifest.json');
    expect(manifest).toMatchObject({
      generated_at: '2026-11-20T11:40:00+09:00',
      counts: { incidents: 1, invalid_records: 0, by_service: { kcps: 1 } },
      query: { from: '2026-11-01', to: '2026-11-30', format: 'json' },
    });
    expect(manifest.files[`incidents/${ID}/record.md`]).toBe(sha(readFileSync(join(repo.dir, BASE_FILE))));
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('<svg role="img"');
  });

  it('run twice on the same commit: byte-identical, in both formats; verify passes and names the commit it found', () => {
    for (const format of ['json', 'csv']) {
      const a = exportAll(format);
      const b = exportAll(format);
      expect(files(a)).toEqual(files(b));
      for (const f of files(a)) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
      const r = audit(['verify', a]);
      expect(r.stdout).toMatch(
        /^✔ .*files match their hashes; the manifest, every row and every SLA figure re-perform; the report re-generates identically \(records and notifications match commit [0-9a-f]{12} on main in this repository\)\.\n$/,
      );
      expect(r.code).toBe(0);
    }
  }, 90_000);

  it('verify catches a tampered record', () => {
    const dir = out();
    audit(['--from', '2026-11-01', '--to', '2026-11-30', '--out', dir]);
    const record = join(dir, `incidents/${ID}/record.md`);
    writeFileSync(
      record,
      readFileSync(record, 'utf8').replace(
        'recovered_at: "2026-11-20T11:04:00+09:00"',
        'recovered_at: "2026-11-20T11:59:00+09:00"',
      ),
    );
    const r = audit(['verify', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`incidents/${ID}/record.md: SHA-256 differs from the manifest (the file was changed)`);
    expect(r.stdout).toContain(`${ID}: minutes_to_recover is 62 in the package but re-performs to 117`);
  });

  it('verify catches a changed figure even when its hash was "fixed" in the manifest', () => {
    const dir = out();
    audit(['--from', '2026-11-01', '--to', '2026-11-30', '--out', dir]);
    forge(dir, 'population.json', (t) => t.replace('"minutes_to_notify": 15', '"minutes_to_notify": 14'));
    const r = audit(['verify', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${ID}: minutes_to_notify is 14 in the package but re-performs to 15`);
  });

  it('transitions name only approvals that stand: not withdrawn, not dismissed, not by an author', async () => {
    const { startFakeGitHub } = await import('../test/fakes/fake-github.ts');
    const github = await startFakeGitHub();
    const resolved = repo.git('rev-parse', 'HEAD').trim();
    github.pulls.push({
      number: 12,
      mergedCommits: [resolved],
      mergedAt: '2026-11-20T02:45:00Z',
      commitAuthors: ['k-tanaka'],
      comments: [],
      reviews: [
        { user: 't-sato', state: 'APPROVED', submitted_at: '2026-11-20T02:44:00Z' },
        { user: 'k-tanaka', state: 'APPROVED', submitted_at: '2026-11-20T02:40:00Z' },
        { user: 'h-kimura', state: 'APPROVED', submitted_at: '2026-11-20T02:30:00Z' },
        { user: 'h-kimura', state: 'CHANGES_REQUESTED', submitted_at: '2026-11-20T02:35:00Z' },
        { user: 'm-ishii', state: 'DISMISSED', submitted_at: '2026-11-20T02:31:00Z' },
        { user: 'a-mori', state: 'APPROVED', submitted_at: '2026-11-20T02:31:00Z' },
        { user: 'a-mori', state: 'DISMISSED', submitted_at: '2026-11-20T02:33:00Z' },
        { user: 'y-ono', state: 'COMMENTED', submitted_at: '2026-11-20T02:42:00Z' },
      ],
    });
    const dir = out();
    const r = await new Promise<RunResult>((resolve) => {
      const child = spawn(
        process.execPath,
        scriptEntry(join(repo.dir, 'scripts/audit.ts'), ['--from', '2026-11-01', '--to', '2026-11-30', '--out', dir]),
        {
          cwd: repo.dir,
          env: {
            ...process.env,
            GITHUB_TOKEN: 'ghs_test',
            GITHUB_REPOSITORY: 'example/status',
            GITHUB_API_URL: github.url,
          },
        },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
    await github.close();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const transitions = json(dir, 'transitions.json');
    expect(
      transitions.map((t: Record<string, unknown>) => [
        t.pull_request,
        t.merged_at,
        t.approvers,
        t.approvals_not_counted,
      ]),
    ).toEqual([
      ['', '', '', ''],
      [
        12,
        '2026-11-20T02:45:00Z',
        't-sato',
        'a-mori (dismissed); h-kimura (changes requested later); k-tanaka (author of a commit)',
      ],
    ]);
  });
});

describe('the export refuses a working tree that differs from its commit', () => {
  it('an uncommitted change to the generator (+90 minutes on the SLA clock) is refused in one line, exit 2, nothing written', () => {
    const clock = readFileSync(join(repo.dir, CLOCK), 'utf8');
    expect(clock).toContain('const by = start + minutes * MINUTE_MS;');
    repo.write(
      CLOCK,
      clock.replace('const by = start + minutes * MINUTE_MS;', 'const by = start + (minutes + 90) * MINUTE_MS;'),
    );
    const dir = out();
    const r = audit(['--from', '2025-01-01', '--to', '2026-12-31', '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^the audit exports a commit, but the working tree differs from it in src\/core\/sla\/clock\.ts; commit, stash or remove them \(git status\), then export again\n$/,
    );
    expect(existsSync(dir)).toBe(false);
  });

  it('a change hidden from git status (assume-unchanged, skip-worktree) is refused too', () => {
    for (const flag of ['--assume-unchanged', '--skip-worktree']) {
      repo.git('update-index', flag, CLOCK);
      repo.write(
        CLOCK,
        readFileSync(join(repo.dir, CLOCK), 'utf8').replace(
          'const by = start + minutes * MINUTE_MS;',
          'const by = start + (minutes + 90) * MINUTE_MS;',
        ),
      );
      expect(repo.git('status', '--porcelain')).toBe('');
      const r = audit(['--from', '2026-11-01', '--to', '2026-11-30', '--out', out()]);
      expect(r.code, flag).toBe(2);
      expect(r.stderr, flag).toMatch(
        /^the audit exports a commit, but git is told not to look at src\/core\/sla\/clock\.ts \(assume-unchanged or skip-worktree\)/,
      );
      repo.git('update-index', flag.replace('--', '--no-'), CLOCK);
      repo.git('checkout', '--', CLOCK);
    }
  }, 90_000);

  it('so do an edited incident, an untracked file in the code, a staged ledger change and an edited package.json', () => {
    const cases: [string, () => void][] = [
      [BASE_FILE, () => repo.write(BASE_FILE, baseText.replace('ALM-88123', 'ALM-1'))],
      ['src/core/audit/extra.ts', () => repo.write('src/core/audit/extra.ts', 'export {};\n')],
      [
        'ledger/2026/more.jsonl',
        () => {
          repo.write('ledger/2026/more.jsonl', '\n');
          repo.git('add', 'ledger');
        },
      ],
      [
        'package.json',
        () =>
          repo.write(
            'package.json',
            readFileSync(join(repo.dir, 'package.json'), 'utf8').replace('"version": "0.1.0"', '"version": "9.9.9"'),
          ),
      ],
    ];
    for (const [path, dirty] of cases) {
      dirty();
      const r = audit(['--from', '2026-11-01', '--to', '2026-11-30', '--out', out()]);
      expect(r.code, path).toBe(2);
      expect(r.stderr, path).toContain(path);
      expect(r.stderr.trim().split('\n'), path).toHaveLength(1);
      repo.git('stash', '--include-untracked', '--quiet');
    }
  }, 90_000);

  it("an exporter from another checkout is refused: the package must be made by the commit's own code", () => {
    const r = runScript('audit.ts', ['--from', '2026-11-01', '--to', '2026-11-30', '--out', out()], { cwd: repo.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^the audit exports a commit with that commit's own code/);
  });
});

describe('bad periods are usage errors', () => {
  it('inverted, impossible or unparseable dates, missing or unknown flags: one line, exit 2, nothing written', () => {
    // A file where the package folder should be: the adapter names the folder, the script names the flag (--out).
    const aFile = out();
    writeFileSync(aFile, 'mine');
    const cases: [string[], RegExp][] = [
      [
        ['--from', '2026-01-01', '--to', '2026-03-31', '--out', aFile],
        new RegExp(
          `^--out ${aFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is a file, not a folder; choose an absent or empty folder`,
        ),
      ],
      [
        ['--from', '2026-12-01', '--to', '2026-11-01', '--out', 'x'],
        /^--from 2026-12-01 is after --to 2026-11-01: the period is inverted; swap them\n$/,
      ],
      [
        ['--from', '2026-02-30', '--to', '2026-03-31', '--out', 'x'],
        /^--from 2026-02-30: not a calendar date; expected YYYY-MM-DD/,
      ],
      [['--from', '2026-01-01', '--to', '2026-13-01', '--out', 'x'], /^--to 2026-13-01: not a calendar date/],
      [['--from', 'yesterday', '--to', '2026-03-31', '--out', 'x'], /^--from yesterday: not a calendar date/],
      [['--from', '2026-1-1', '--to', '2026-03-31', '--out', 'x'], /^--from 2026-1-1: not a calendar date/],
      [['--from', '2026-01-01', '--to', '2026-03-31'], /^usage: npm run audit/],
      [
        ['--from', '2026-01-01', '--to', '2026-03-31', '--out', 'x', '--bogus'],
        /^Unknown option '--bogus' \(usage: npm run audit/,
      ],
      [
        ['--from', '2026-01-01', '--to', '2026-03-31', '--out', 'incidents/x'],
        /^--out incidents\/x is inside incidents, which the export reads; choose a folder outside it/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = audit(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(existsSync(join(repo.dir, 'x'))).toBe(false);
    }
  }, 90_000);
});

describe('an unreadable or invalid incident file is listed, never dropped', () => {
  it("lists it in the population, the exceptions and the manifest with the checker's findings, and the package verifies", () => {
    repo.write(
      'incidents/2026/2026-11-21-kcps-broken.md',
      baseText
        .replace(/2026-11-20-kcps-block-storage-latency/, '2026-11-21-kcps-broken')
        .replace('severity: sev2', 'severity: sev9'),
    );
    repo.write('incidents/2026/2026-11-22-kcps-binary.md', Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x0a]));
    repo.write('incidents/2025/2025-06-13-kcps-old-broken.md', 'no front-matter\n');
    repo.commit('broken files', '2026-11-22T12:00:00+09:00');
    const dir = out();
    const r = audit(['--from', '2026-11-01', '--to', '2026-11-30', '--out', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('for 3 incidents, 2 of them invalid records (see exceptions)');
    const population = json(dir, 'population.json');
    expect(population.map((p: Record<string, string>) => [p.id, p.file, p.stage])).toEqual([
      [ID, BASE_FILE, 'review'],
      ['2026-11-21-kcps-broken', 'incidents/2026/2026-11-21-kcps-broken.md', 'invalid record'],
      ['2026-11-22-kcps-binary', 'incidents/2026/2026-11-22-kcps-binary.md', 'invalid record'],
    ]);
    const exceptions = json(dir, 'exceptions.json').filter(
      (e: { exception: string }) => e.exception === 'invalid record',
    );
    expect(exceptions.map((e: { incident: string }) => e.incident)).toEqual([
      '2026-11-21-kcps-broken',
      '2026-11-22-kcps-binary',
    ]);
    expect(exceptions[0].detail).toMatch(/^incidents\/2026\/2026-11-21-kcps-broken\.md: \d+:\d+ INC0\d\d .*severity/);
    expect(exceptions[1].detail).toContain('INC001 file is not valid UTF-8 text');
    expect(json(dir, 'manifest.json').counts).toMatchObject({
      incidents: 3,
      invalid_records: 2,
      by_stage: { 'invalid record': 2, review: 1 },
    });
    // The bytes as committed, unreadable ones included.
    expect(
      readFileSync(join(dir, 'incidents/2026-11-22-kcps-binary/record.md')).equals(
        Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x0a]),
      ),
    ).toBe(true);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('Records that could not be read');
    expect(audit(['verify', dir]).code).toBe(0);
  });

  it('two files with one id are both listed as invalid records (keeping one would drop the other)', () => {
    const copy = 'incidents/2026/2026-11-20-kcps-copy.md';
    repo.write(copy, baseText.replace('ALM-88123', 'ALM-2'));
    repo.commit('a second file with the same id', '2026-11-22T12:00:00+09:00');
    const dir = exportAll();
    const population = json(dir, 'population.json');
    expect(population.map((p: Record<string, string>) => [p.id, p.file, p.stage])).toEqual([
      ['2025-06-12-kcps-old', OLD, 'review'],
      [ID, BASE_FILE, 'invalid record'],
      ['2026-11-20-kcps-copy', copy, 'invalid record'],
    ]);
    const details = json(dir, 'exceptions.json')
      .filter((e: { exception: string }) => e.exception === 'invalid record')
      .map((e: { detail: string }) => e.detail);
    expect(details).toEqual([
      `${BASE_FILE}: 1:1 INC080 id "${ID}" is used by 2 files: ${BASE_FILE}, ${copy}`,
      `${copy}: 1:1 INC080 id "${ID}" is used by 2 files: ${BASE_FILE}, ${copy}`,
    ]);
    expect(audit(['verify', dir]).code).toBe(0);
  }, 90_000);

  it('verify notices an invalid record passed off as a valid row, or a valid one marked invalid', () => {
    repo.write(
      'incidents/2026/2026-11-21-kcps-broken.md',
      baseText
        .replace(/2026-11-20-kcps-block-storage-latency/, '2026-11-21-kcps-broken')
        .replace('severity: sev2', 'severity: sev9'),
    );
    repo.commit('broken file', '2026-11-22T12:00:00+09:00');
    const dir = exportAll();
    forge(
      dir,
      'population.json',
      (t) =>
        `${JSON.stringify(
          JSON.parse(t).map((r: { id: string }) => (r.id === ID ? { ...r, stage: 'invalid record' } : r)),
          null,
          2,
        )}\n`,
    );
    const r = audit(['verify', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${ID}: the row says the record is invalid, but it reads as a valid incident`);
    expect(r.stdout).toContain('manifest.json: counts.invalid_records is 1 but the population gives 2');
  });
});

describe('verify re-checks the manifest and every row', () => {
  it('an edited commit, count, period or generation time fails', () => {
    const fresh = exportAll();
    const copy = () => {
      const dir = out();
      cpSync(fresh, dir, { recursive: true });
      return dir;
    };

    let dir = copy();
    editManifest(dir, (m) => (m.commit = 'f'.repeat(40)));
    let r = audit(['verify', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`manifest.json: commit ${'f'.repeat(40)} is not in this repository`);
    expect(r.stdout).toContain(
      "report.html: differs from the one re-generated from the package's records, notifications and catalog",
    );

    dir = copy();
    editManifest(dir, (m) => {
      m.counts.incidents = 1;
      m.counts.by_service.kcps = 1;
    });
    r = audit(['verify', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('manifest.json: counts.incidents is 1 but the population gives 2');
    expect(r.stdout).toContain('manifest.json: counts.by_service is {"kcps":1} but the population gives {"kcps":2}');

    dir = copy();
    editManifest(dir, (m) => {
      m.period.from = '2026-01-01';
    });
    expect(audit(['verify', dir]).stdout).toContain(
      'manifest.json: period 2026-01-01 to 2026-12-31 differs from the query 2025-01-01 to 2026-12-31',
    );
    editManifest(dir, (m) => {
      m.query.from = '2026-01-01';
    });
    r = audit(['verify', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('2025-06-12-kcps-old: the record starts outside the period 2026-01-01 to 2026-12-31');
    expect(r.stdout).toContain('report.html: differs');
    editManifest(dir, (m) => {
      m.period.from = m.query.from = '2026-12-31';
      m.period.to = m.query.to = '2026-01-01';
    });
    expect(audit(['verify', dir]).stdout).toContain(
      'manifest.json: the period 2026-12-31 to 2026-01-01 is not a valid period',
    );

    dir = copy();
    editManifest(dir, (m) => (m.generated_at = '2026-11-30T00:00:00+09:00'));
    r = audit(['verify', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /manifest\.json: generated_at 2026-11-30T00:00:00\+09:00 is not the time of commit [0-9a-f]{12}/,
    );
  }, 90_000);

  it('a population row removed while its record stays fails, in both formats', () => {
    for (const format of ['json', 'csv']) {
      const dir = exportAll(format);
      forge(dir, `population.${format}`, (t) => {
        if (format === 'json')
          return `${JSON.stringify(
            JSON.parse(t).filter((r: { id: string }) => r.id !== ID),
            null,
            2,
          )}\n`;
        return t
          .split('\r\n')
          .filter((line) => !line.startsWith(`${ID},`))
          .join('\r\n');
      });
      editManifest(dir, (m) => {
        m.counts.incidents = 1;
        m.counts.by_service.kcps = 1;
        m.counts.by_type.failure = 1;
        m.counts.by_severity.sev2 = 1;
        delete m.counts.by_stage.review;
      });
      const r = audit(['verify', dir]);
      expect(r.code, format).toBe(1);
      expect(r.stdout, format).toContain(
        `incidents/${ID}/record.md: a record with no population row (a row was removed, or the record added)`,
      );
    }
  }, 90_000);

  it('a tampered report.html fails even with its hash "fixed"', () => {
    const dir = exportAll();
    forge(dir, 'report.html', (t) =>
      t
        .replace(/<strong>(\d+)<\/strong>with a breach/, '<strong>0</strong>with a breach')
        .replace('Figures cover', 'All figures cover'),
    );
    const r = audit(['verify', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/report\.html: differs from the one re-generated .*\(first difference at line \d+\)/);
  });

  it('an added e-mail or a removed exception row fails', () => {
    const dir = exportAll();
    mkdirSync(join(dir, `incidents/${ID}/emails`));
    writeFileSync(join(dir, `incidents/${ID}/emails/forged.txt`), 'Subject: all good\n');
    editManifest(dir, (m) => (m.files[`incidents/${ID}/emails/forged.txt`] = sha('Subject: all good\n')));
    forge(dir, 'prevention.json', () => '[]\n');
    const r = audit(['verify', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`incidents/${ID}/emails/forged.txt: not produced by the package's data (an added file)`);
    expect(r.stdout).toContain('prevention.json: differs from the one re-generated');
  });
});

describe('verify --rerun: the named commit, exported again by its own code', () => {
  it('a fresh package re-runs byte-identical', () => {
    const dir = exportAll('csv');
    const r = audit(['verify', dir, '--rerun']);
    expect(r.stdout).toContain('a re-run of the export from the commit is byte-identical');
    expect(r.code).toBe(0);
    expect(repo.git('worktree', 'list').trim().split('\n')).toHaveLength(1);
  }, 90_000);

  it('inside a clone, a self-consistent package from another commit is caught: an incident left out, a record edited', () => {
    const real = repo.git('rev-parse', 'HEAD').trim();
    repo.git('checkout', '-q', '-b', 'forged');
    repo.remove(OLD);
    repo.write(BASE_FILE, baseText.replace('ALM-88123', 'ALM-00000'));
    const forged = repo.commit('hide the old incident', '2026-11-20T11:40:00+09:00');
    const dir = exportAll();
    repo.git('checkout', '-q', 'main');
    forge(dir, 'report.html', (t) => t.replaceAll(forged, real));
    editManifest(dir, (m) => (m.commit = real));
    const r = audit(['verify', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${OLD}: belongs to the period 2025-01-01 to 2026-12-31 at commit ${real.slice(0, 12)} but is missing from the package`,
    );
    expect(r.stdout).toContain(`incidents/${ID}/record.md: differs from ${BASE_FILE} at commit ${real.slice(0, 12)}`);
  }, 90_000);

  it("--rerun catches what only the commit's own exporter can tell: a forged transition passes every other check", () => {
    const dir = exportAll();
    forge(dir, 'transitions.json', (t) => t.replace('"author": "Test"', '"author": "Someone Else"'));
    expect(audit(['verify', dir]).code).toBe(0);
    const r = audit(['verify', dir, '--rerun']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('rerun: transitions.json differs from the one the commit produces');
    expect(r.stdout).toContain('rerun: manifest.json differs from the one the commit produces');
  }, 90_000);

  it('outside a clone, --rerun is a usage error', () => {
    const dir = out();
    mkdirSync(dir);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ files: {}, generated_at: '2026-11-20T11:40:00+09:00' }));
    const elsewhere = mkdtempSync(join(tmpdir(), 'audit-nogit-'));
    outs.push(elsewhere);
    const r = spawnSync(process.execPath, [join(repo.dir, 'scripts/audit.ts'), 'verify', dir, '--rerun'], {
      cwd: elsewhere,
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^verify --rerun needs a clone of the repository/);
  });
});

describe('CSV for Japanese Excel', () => {
  it('starts with a UTF-8 BOM, quotes commas, quotes and line breaks, neutralises formulas, and round-trips', () => {
    const title = '=HYPERLINK("http://x.invalid","見る"), "quoted"\nline 2';
    repo.write(
      BASE_FILE,
      baseText
        .replace('title: Take a node out of service automatically on SMART errors', `title: ${JSON.stringify(title)}`)
        .replace('tracking: OPS-4410', 'tracking: "@SUM(A1) +1 -1"'),
    );
    repo.commit('hostile title', '2026-11-21T09:00:00+09:00');
    const dir = exportAll('csv');
    for (const f of files(dir).filter((f) => f.endsWith('.csv')))
      expect([...readFileSync(join(dir, f)).subarray(0, 3)], f).toEqual([0xef, 0xbb, 0xbf]);
    const raw = readFileSync(join(dir, 'prevention.csv'), 'utf8');
    expect(raw).toContain('"\'=HYPERLINK(""http://x.invalid"",""見る""), ""quoted""\nline 2"');
    expect(raw).toContain('"\'@SUM(A1) +1 -1"');
    expect(raw).not.toMatch(/(^|,)[=+\-@]/m);
    const rows = parseCsv(raw);
    expect(rows.find((r) => r.incident === ID)).toMatchObject({ title, tracking: '@SUM(A1) +1 -1' });
    expect(audit(['verify', dir]).code).toBe(0);
  });
});
