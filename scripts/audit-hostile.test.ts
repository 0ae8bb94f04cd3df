/**
 * Hostile tests of the audit evidence export and `npm run audit -- verify`,
 * written by an adversarial tester as an auditor, a malicious insider and a
 * careless operator would attack them. Each test asserts the CORRECT
 * behaviour: the ones marked "BUG" fail on the code they were written
 * against; the others are attacks that are handled and stay as regressions.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BASE_FILE, baseText, REPO_ROOT } from '../test/builders.ts';
import { createTempRepo, type TempRepo } from '../test/helpers/temp-repo.ts';
import { scriptEntry } from '../test/helpers/run-script.ts';

/**
 * One scripted repository and one export of it are shared (read-only) by the
 * attacks that only need a genuine package or a clean clone; an attack that
 * changes the repository works on its own copy (`own()`), one that changes a
 * package on its own copy of the package (`genuine()`). This keeps the file
 * fast: an export runs the exporter as a child process.
 */
let base: TempRepo;
let basePackage: string;
let repo: TempRepo;
const temps: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'audit-hostile-'));
  temps.push(d);
  return d;
};
const out = () => join(tempDir(), 'package');
const ID = '2026-11-20-kcps-block-storage-latency';
const RESOLVED_AT = '2026-11-20T11:40:00+09:00';
const CLOCK = 'src/core/sla/clock.ts';
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@invalid',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@invalid',
};

/** A copy of the shared repository (history, config and files), for an attack that changes it. */
const own = (): TempRepo => {
  const dir = tempDir();
  cpSync(base.dir, dir, { recursive: true, verbatimSymlinks: true });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: GIT_ENV, encoding: 'utf8' });
  repo = {
    dir,
    git,
    write(path, content) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), content);
    },
    remove(path) {
      rmSync(join(dir, path));
    },
    commit(message, date = '2026-11-20T12:00:00+09:00') {
      git('add', '-A');
      execFileSync('git', ['commit', '-q', '--allow-empty', '-m', message], {
        cwd: dir,
        env: { ...GIT_ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      });
      return git('rev-parse', 'HEAD').trim();
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return repo;
};
/** A copy of the shared genuine package (November, json), for an attack that changes it. */
const genuine = () => {
  const dir = out();
  cpSync(basePackage, dir, { recursive: true });
  return dir;
};

// The same scripted repository as scripts/audit.test.ts: the commit carries its own generator.
beforeAll(() => {
  base = createTempRepo();
  repo = base;
  for (const path of ['src', 'scripts', 'package.json', 'package-lock.json', 'tsconfig.json'])
    cpSync(join(REPO_ROOT, path), join(base.dir, path), { recursive: true, filter: (p) => !p.includes('__golden__') });
  base.write('.gitignore', 'node_modules\n');
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(base.dir, 'node_modules'), 'dir');
  base.write(
    BASE_FILE,
    baseText
      .replace(/  - at: "2026-11-20T10:41:00\+09:00"[\s\S]*?(?=recovered_at)/, '')
      .replace(/recovered_at: .*\n/, '')
      .replace(/postmortem:\n  status: draft\n/, '')
      .replace(/prevention:[\s\S]*?tracking: OPS-4410\n/, ''),
  );
  base.commit('declare', '2026-11-20T10:20:00+09:00');
  base.write(BASE_FILE, baseText);
  base.write(
    'ledger/2026/run.jsonl',
    `${JSON.stringify({ key: `${ID}/page-live`, kind: 'page-live', incident: ID, at: '2026-11-20T10:17:00+09:00', detail: { updates: 1 } })}\n`,
  );
  base.commit('resolved', RESOLVED_AT);
  basePackage = join(mkdtempSync(join(tmpdir(), 'audit-hostile-base-')), 'package');
  const r = spawnSync(
    process.execPath,
    [join(base.dir, 'scripts/audit.ts'), '--from', '2026-11-01', '--to', '2026-11-30', '--out', basePackage],
    {
      cwd: base.dir,
      encoding: 'utf8',
      env: { ...process.env, GITHUB_TOKEN: '', GITHUB_REPOSITORY: '', NO_COLOR: '1' },
    },
  );
  if (r.status !== 0) throw new Error(r.stderr);
}, 120_000);
afterAll(() => {
  base.cleanup();
  rmSync(join(basePackage, '..'), { recursive: true, force: true });
});
afterEach(() => {
  repo = base;
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

const audit = (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const r = spawnSync(process.execPath, [join(repo.dir, 'scripts/audit.ts'), ...args], {
    cwd: repo.dir,
    encoding: 'utf8',
    env: { ...process.env, GITHUB_TOKEN: '', GITHUB_REPOSITORY: '', NO_COLOR: '1', ...env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
};
const sha = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');
const json = (dir: string, file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8'));
const exportNov = (format = 'json', env: NodeJS.ProcessEnv = {}) => {
  const dir = out();
  const r = audit(['--from', '2026-11-01', '--to', '2026-11-30', '--out', dir, '--format', format], env);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return dir;
};
/** Writes a package file and "fixes" its hash in the manifest, as a careful forger would. */
const plant = (dir: string, file: string, content: string | Buffer) => {
  mkdirSync(join(dir, file, '..'), { recursive: true });
  writeFileSync(join(dir, file), content);
  const m = json(dir, 'manifest.json');
  m.files[file] = sha(content);
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(m, null, 2)}\n`);
};
const editManifest = (dir: string, edit: (m: Record<string, any>) => void) => {
  const m = json(dir, 'manifest.json');
  edit(m);
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(m, null, 2)}\n`);
};
const oneLine = (r: { stderr: string; stdout: string }) => {
  expect(r.stderr + r.stdout).not.toMatch(/Internal error|\n\s+at /);
  expect((r.stderr || r.stdout).trim().split('\n')).toHaveLength(1);
};

describe("the export refuses code other than the commit's", () => {
  it('BUG: a generator edit hidden by stat-only checking (core.checkStat=minimal, same size, mtime restored) is refused', () => {
    own();
    const file = join(repo.dir, CLOCK);
    // An mtime well before the index's own, refreshed into the index: git then trusts the stat data (no "racily clean" re-read).
    const past = new Date('2026-01-01T00:00:00Z');
    utimesSync(file, past, past);
    repo.git('update-index', '--refresh');
    const { mtime, atime } = statSync(file);
    repo.git('config', 'core.trustctime', 'false');
    repo.git('config', 'core.checkStat', 'minimal');
    const text = readFileSync(file, 'utf8');
    const edited = text.replace("stoppedAt <= by ? 'met' : 'missed'", "stoppedAt >= by ? 'met' : 'missed'");
    expect(edited).not.toBe(text);
    expect(edited.length).toBe(text.length);
    writeFileSync(file, edited);
    utimesSync(file, atime, mtime);
    expect(repo.git('status', '--porcelain', '--', 'src')).toBe(''); // git trusts the stat data
    const dir = out();
    const r = audit(['--from', '2026-11-01', '--to', '2026-11-30', '--out', dir]);
    expect(r.code).toBe(2);
    oneLine(r);
    expect(existsSync(dir)).toBe(false);
  });

  it('BUG: a module preloaded through NODE_OPTIONS (as an untracked .npmrc node-options= does for npm run) is refused', () => {
    const evil = join(tempDir(), 'evil.mjs');
    writeFileSync(evil, 'const f = Math.floor;\nMath.floor = (x) => f(x > 30 ? x * 0.5 : x);\n');
    const dir = out();
    const r = audit(['--from', '2026-11-01', '--to', '2026-11-30', '--out', dir], { NODE_OPTIONS: `--import=${evil}` });
    expect(r.code).toBe(2);
    oneLine(r);
    expect(existsSync(dir)).toBe(false);
  });

  it('an untracked .npmrc (node-options= would preload code under npm run) is refused, nothing written', () => {
    own().write('.npmrc', 'node-options=--import=./evil.mjs\n');
    const dir = out();
    const r = audit(['--from', '2026-11-01', '--to', '2026-11-30', '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.npmrc');
    oneLine(r);
    expect(existsSync(dir)).toBe(false);
  });

  it('TZ, LANG and LC_ALL do not change a byte of the package, written over an earlier package (regression)', () => {
    const a = basePackage;
    // Written over an earlier package (here one with an extra listed file), which is replaced whole.
    const b = genuine();
    plant(b, 'incidents/old/history.json', '[]\n');
    const r = audit(['--from', '2026-11-01', '--to', '2026-11-30', '--out', b], {
      TZ: 'America/New_York',
      LANG: 'tr_TR.UTF-8',
      LC_ALL: 'tr_TR.UTF-8',
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(join(b, 'incidents/old'))).toBe(false);
    for (const f of Object.keys(json(a, 'manifest.json').files))
      expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
    expect(readFileSync(join(b, 'manifest.json')).equals(readFileSync(join(a, 'manifest.json')))).toBe(true);
  }, 60_000);
});

describe('nothing is dropped', () => {
  it("BUG: a broken file with a valid incident's file name in another year folder keeps both records; the package verifies", () => {
    own();
    repo.write(`incidents/2025/${ID}.md`, '---\nid: broken\n---\n');
    repo.commit('a misplaced broken copy', '2026-11-22T12:00:00+09:00');
    const dir = out();
    const r = audit(['--from', '2026-11-01', '--to', '2026-11-30', '--out', dir]);
    expect(r.code).toBe(0);
    const rows = json(dir, 'population.json') as { id: string; file: string; stage: string }[];
    expect(new Set(rows.map((p) => p.id)).size).toBe(rows.length);
    const valid = rows.find((p) => p.stage !== 'invalid record')!;
    expect(valid.file).toBe(BASE_FILE);
    expect(
      readFileSync(join(dir, `incidents/${valid.id}/record.md`)).equals(readFileSync(join(repo.dir, BASE_FILE))),
    ).toBe(true);
    expect(audit(['verify', dir]).code).toBe(0);
  });

  it('a YAML alias bomb in an incident file is listed as an invalid record, quickly (regression)', () => {
    own();
    const lines = ['---', 'id: 2026-11-21-kcps-bomb', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    repo.write('incidents/2026/2026-11-21-kcps-bomb.md', [...lines, 'updates: *a7', '---', ''].join('\n'));
    repo.commit('bomb', '2026-11-22T12:00:00+09:00');
    const dir = out();
    const r = audit(['--from', '2026-11-01', '--to', '2026-11-30', '--out', dir]);
    expect(r.code).toBe(0);
    expect(json(dir, 'manifest.json').counts.invalid_records).toBe(1);
    expect(audit(['verify', dir]).code).toBe(0);
  });
});

describe('verify: what a forger can put in a package', () => {
  it('BUG: notifications from another ledger (a commit with the same time), passed off as the named commit, fail inside the clone', () => {
    own();
    const real = repo.git('rev-parse', 'HEAD').trim();
    repo.git('checkout', '-q', '-b', 'forge');
    repo.write(
      'ledger/2026/run.jsonl',
      `${JSON.stringify({ key: `${ID}/page-live`, kind: 'page-live', incident: ID, at: '2026-11-20T10:05:00+09:00', detail: { updates: 1 } })}\n`,
    );
    const forged = repo.commit('forged ledger', RESOLVED_AT);
    const dir = exportNov();
    repo.git('checkout', '-q', 'main');
    const report = readFileSync(join(dir, 'report.html'), 'utf8').replaceAll(forged, real);
    plant(dir, 'report.html', report);
    editManifest(dir, (m) => {
      m.commit = real;
    });
    expect(json(dir, 'population.json')[0].minutes_to_notify).toBe(3); // the commit's own ledger gives 15
    const r = audit(['verify', dir]);
    expect(r.stdout).toMatch(/notifications/);
    expect(r.code).toBe(1);
  });

  it('BUG: a file the package format does not define, listed in the manifest with its hash, fails', () => {
    for (const extra of ['auditor-sign-off.txt', 'incidents/2026-11-30-kcps-ghost/history.json']) {
      const dir = genuine();
      plant(dir, extra, 'approved by the CFO\n');
      const r = audit(['verify', dir]);
      expect(r.stdout, extra).toContain(extra);
      expect(r.code, extra).toBe(1);
    }
  }, 60_000);

  it('BUG: edited manifest facts (generator version, repository, an added claim) fail', () => {
    const edits: [string, (m: Record<string, any>) => void][] = [
      [
        'generator.version',
        (m) => {
          m.generator.version = '9.9.9';
        },
      ],
      [
        'repository',
        (m) => {
          m.repository = 'someone-else/status';
        },
      ],
      [
        'signed_off_by',
        (m) => {
          m.signed_off_by = 'CFO';
        },
      ],
    ];
    const dir = genuine();
    const original = readFileSync(join(dir, 'manifest.json'));
    for (const [field, edit] of edits) {
      writeFileSync(join(dir, 'manifest.json'), original);
      editManifest(dir, edit);
      const r = audit(['verify', dir]);
      expect(r.code, field).toBe(1);
    }
  }, 90_000);

  it('BUG: notifications.csv rewritten without BOM, with LF rows, in another order (hash fixed) fails: it is not what the export writes', () => {
    own();
    repo.write(
      'ledger/2026/more.jsonl',
      `${JSON.stringify({ key: `${ID}/manager-notification/0`, kind: 'manager-notification', incident: ID, at: '2026-11-20T10:10:00+09:00', detail: { update: 1 } })}\n`,
    );
    repo.commit('more ledger', '2026-11-20T11:41:00+09:00');
    const dir = exportNov('csv');
    const text = readFileSync(join(dir, 'notifications.csv'), 'utf8').replace(/^\uFEFF/, '');
    const [head, ...body] = text.split('\r\n').filter(Boolean);
    expect(body.length).toBe(2);
    plant(dir, 'notifications.csv', `${[head, ...body.reverse()].join('\n')}\n`);
    const r = audit(['verify', dir]);
    expect(r.stdout).toContain('notifications.csv');
    expect(r.code).toBe(1);
  });

  it('BUG: a record that is a symlink (to the live file in the clone) fails: a package must hold its own bytes', () => {
    const dir = genuine();
    rmSync(join(dir, `incidents/${ID}/record.md`));
    symlinkSync(join(repo.dir, BASE_FILE), join(dir, `incidents/${ID}/record.md`));
    const r = audit(['verify', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/symlink|symbolic link|not a regular file/i);
  });

  it('BUG: a symlinked folder or a symlink loop in a package is one line, exit 1, no stack trace', () => {
    const dir = genuine();
    symlinkSync('..', join(dir, 'loop'));
    const r = audit(['verify', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toMatch(/Internal error|\n\s+at /);
  });

  it('reordered population rows and a BOM-less population.csv, hashes fixed, fail (regression)', () => {
    own();
    repo.write(
      BASE_FILE.replace(ID, '2026-11-21-kcps-second'),
      baseText.replaceAll(ID, '2026-11-21-kcps-second').replaceAll('2026-11-20T', '2026-11-21T'),
    );
    repo.commit('second', '2026-11-21T12:00:00+09:00');
    const a = exportNov();
    plant(a, 'population.json', `${JSON.stringify([...json(a, 'population.json')].reverse(), null, 2)}\n`);
    expect(audit(['verify', a]).code).toBe(1);
    const b = exportNov('csv');
    plant(b, 'population.csv', readFileSync(join(b, 'population.csv'), 'utf8').replace(/^\uFEFF/, ''));
    const r = audit(['verify', b]);
    expect(r.stdout).toContain('population.csv');
    expect(r.code).toBe(1);
  }, 60_000);
});

describe('verify: which commit the package may name', () => {
  it('BUG: a package exported from an unmerged side commit (never on main, branch since deleted) fails: unreviewed history is not evidence', () => {
    own();
    repo.git('checkout', '-q', '-b', 'side');
    repo.write(
      BASE_FILE,
      readFileSync(join(repo.dir, BASE_FILE), 'utf8').replace(
        'recovered_at: "2026-11-20T11:04:00+09:00"',
        'recovered_at: "2026-11-20T10:30:00+09:00"',
      ),
    );
    repo.commit('quietly earlier recovery', '2026-11-20T11:45:00+09:00');
    const dir = exportNov();
    repo.git('checkout', '-q', 'main');
    repo.git('branch', '-D', 'side');
    const r = audit(['verify', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/main|default branch|not reachable/);
  });

  it('the period edge is JST midnight, not UTC (regression)', () => {
    own();
    const edge = (id: string, at: string) =>
      repo.write(
        BASE_FILE.replace(ID, id),
        baseText
          .replaceAll(ID, id)
          .replace(/detection:\n  source: (\S+)\n  at: "[^"]+"/, `detection:\n  source: $1\n  at: "${at}"`),
      );
    edge('2026-11-30-kcps-last-minute', '2026-11-30T23:59:00+09:00');
    edge('2026-12-01-kcps-first-minute', '2026-12-01T00:00:00+09:00');
    repo.commit('edges', '2026-12-01T12:00:00+09:00');
    const dir = exportNov();
    const ids = (json(dir, 'population.json') as { id: string }[]).map((p) => p.id);
    expect(ids).toContain('2026-11-30-kcps-last-minute');
    expect(ids).not.toContain('2026-12-01-kcps-first-minute');
    expect(
      (json(dir, 'population.json') as { id: string; stage: string }[]).find(
        (p) => p.id === '2026-11-30-kcps-last-minute',
      )?.stage,
    ).not.toBe('invalid record');
  });
});

describe('verify --rerun', () => {
  it('BUG: a genuine package re-runs identically in a clone whose origin names the repository differently', () => {
    own();
    const dir = genuine(); // exported from the same commit, in a clone without an origin
    repo.git('remote', 'add', 'origin', 'https://github.com/acme/status-portal.git');
    const r = audit(['verify', dir, '--rerun']);
    expect(r.stdout).toMatch(/^✔/);
    expect(r.code).toBe(0);
  }, 60_000);

  it('BUG: GITHUB_REPOSITORY at export time cannot name another repository in a package that verifies', () => {
    const dir = exportNov('json', { GITHUB_REPOSITORY: 'someone-else/status' });
    expect(json(dir, 'manifest.json').repository).toBe('someone-else/status');
    expect(audit(['verify', dir]).code).toBe(1);
  });
});

describe('careless operators', () => {
  it('BUG: --out at a folder that merely contains a manifest.json is not wiped', () => {
    const home = tempDir();
    writeFileSync(join(home, 'manifest.json'), '{"name":"my web app"}\n');
    mkdirSync(join(home, 'docs'));
    writeFileSync(join(home, 'docs/thesis.txt'), 'precious\n');
    const r = audit(['--from', '2026-11-01', '--to', '2026-11-30', '--out', home]);
    expect(readFileSync(join(home, 'docs/thesis.txt'), 'utf8')).toBe('precious\n');
    expect(r.code).toBe(2);
    oneLine(r);
  });

  it('--out inside .git, or at an earlier package holding one more file, is refused and nothing is deleted', () => {
    let r = audit(['--from', '2026-11-01', '--to', '2026-11-30', '--out', join(repo.dir, '.git/evidence')]);
    expect(r.code).toBe(2);
    oneLine(r);
    expect(existsSync(join(repo.dir, '.git/evidence'))).toBe(false);
    const dir = genuine();
    writeFileSync(join(dir, 'notes.txt'), 'mine\n');
    r = audit(['--from', '2026-11-01', '--to', '2026-11-30', '--out', dir]);
    expect(r.code).toBe(2);
    oneLine(r);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine\n');
    expect(readFileSync(join(dir, 'manifest.json')).equals(readFileSync(join(basePackage, 'manifest.json')))).toBe(
      true,
    );
  });

  it('BUG: --out at an existing file is one line, exit 2, no stack trace', () => {
    const file = join(tempDir(), 'evidence');
    writeFileSync(file, 'x');
    const r = audit(['--from', '2026-11-01', '--to', '2026-11-30', '--out', file]);
    expect(r.code).toBe(2);
    oneLine(r);
  });

  it('BUG: verify with an extra argument or an export-only flag is a usage error, not a silent ✔', () => {
    const dir = basePackage;
    for (const args of [
      ['verify', dir, 'other-package'],
      ['verify', dir, '--from', '2020-01-01'],
      ['verify', dir, '--format', 'csv'],
    ]) {
      const r = audit(args);
      expect(r.code, args.join(' ')).toBe(2);
      oneLine(r);
    }
  }, 60_000);

  it('a package path that is a file, or missing, is one line, exit 1 (regression)', () => {
    const file = join(tempDir(), 'not-a-package');
    writeFileSync(file, 'x');
    for (const p of [file, join(tempDir(), 'missing')]) {
      const r = audit(['verify', p]);
      expect(r.code).toBe(1);
      oneLine(r);
    }
  });
});

describe('exceptions say what an auditor needs', () => {
  it('BUG: a not-recovered recovery breach states its minutes so far, not an empty figure', () => {
    own();
    repo.write(
      BASE_FILE,
      baseText
        .replace(/  - at: "2026-11-20T10:41:00\+09:00"[\s\S]*?(?=recovered_at)/, '')
        .replace(/recovered_at: .*\n/, '')
        .replace(/postmortem:\n  status: draft\n/, '')
        .replace(/prevention:[\s\S]*?tracking: OPS-4410\n/, ''),
    );
    repo.commit('not recovered yet', '2026-11-21T12:00:00+09:00');
    const dir = exportNov();
    const breach = (json(dir, 'exceptions.json') as { exception: string; detail: string }[]).find(
      (e) => e.exception === 'breach: recovery',
    );
    expect(breach?.detail).toMatch(/\d+ min against \d+/);
    expect(breach?.detail).not.toMatch(/ {2}/);
  });
});

/**
 * A minimal GitHub REST fake for two facts the shared fake cannot express, as
 * GitHub documents them: "List pull requests associated with a commit" returns
 * pull requests of any base branch (each with `base.ref`), and "List commits on
 * a pull request" gives `author: null` / `committer: null` when the commit's
 * e-mail is not linked to a GitHub account.
 */
async function githubFake(
  pulls: {
    number: number;
    base: string;
    merged_at: string;
    commits: string[];
    reviews: { user: string; state: string; submitted_at: string }[];
    authors: (string | null)[];
  }[],
) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    let m: RegExpExecArray | null;
    if (/^\/repos\/[^/]+\/[^/]+$/.test(url.pathname))
      return send({ default_branch: 'main', full_name: 'example/status' });
    if ((m = /\/commits\/([0-9a-f]{40})\/pulls$/.exec(url.pathname)))
      return send(
        pulls
          .filter((p) => p.commits.includes(m![1]!))
          .map((p) => ({ number: p.number, merged_at: p.merged_at, base: { ref: p.base } })),
      );
    if ((m = /\/pulls\/(\d+)\/(reviews|commits)$/.exec(url.pathname))) {
      const pull = pulls.find((p) => p.number === Number(m![1]));
      if (!pull) {
        res.writeHead(404);
        return res.end('{}');
      }
      if (m[2] === 'reviews')
        return send(
          pull.reviews.map((r, i) => ({
            id: i + 1,
            user: { login: r.user },
            state: r.state,
            submitted_at: r.submitted_at,
          })),
        );
      return send(
        pull.authors.map((a, i) => ({
          sha: `${i}`.padStart(40, '0'),
          author: a === null ? null : { login: a },
          committer: a === null ? null : { login: a },
          commit: { author: { name: a ?? 'Unlinked Person' } },
        })),
      );
    }
    res.writeHead(404);
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const exportWithGitHub = async (url: string) => {
  const dir = out();
  const r = await new Promise<{ code: number; stderr: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      scriptEntry(join(repo.dir, 'scripts/audit.ts'), ['--from', '2026-11-01', '--to', '2026-11-30', '--out', dir]),
      {
        cwd: repo.dir,
        env: { ...process.env, GITHUB_TOKEN: 'ghs_test', GITHUB_REPOSITORY: 'example/status', GITHUB_API_URL: url },
      },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return json(dir, 'transitions.json') as Record<string, unknown>[];
};

describe('transitions name only approvals that stand', () => {
  it('BUG: a commit author not linked to a GitHub account is an unknown author, not "no author": the approval is not listed as standing unqualified', async () => {
    const resolved = repo.git('rev-parse', 'HEAD').trim();
    const github = await githubFake([
      {
        number: 7,
        base: 'main',
        merged_at: '2026-11-20T02:45:00Z',
        commits: [resolved],
        authors: [null],
        reviews: [{ user: 't-sato', state: 'APPROVED', submitted_at: '2026-11-20T02:44:00Z' }],
      },
    ]);
    try {
      const last = (await exportWithGitHub(github.url)).at(-1)!;
      expect(last.pull_request).toBe(7);
      expect(last.approvers).toBe('');
      expect(String(last.approvals_not_counted)).toMatch(/t-sato \(.*(unknown|not linked).*\)/);
    } finally {
      await github.close();
    }
  });

  it('BUG: the pull request named is the one merged into the default branch, not an earlier one into a side branch', async () => {
    const resolved = repo.git('rev-parse', 'HEAD').trim();
    const github = await githubFake([
      {
        number: 5,
        base: 'scratch',
        merged_at: '2026-11-20T02:41:00Z',
        commits: [resolved],
        authors: ['k-tanaka'],
        reviews: [{ user: 'friend-of-k', state: 'APPROVED', submitted_at: '2026-11-20T02:40:00Z' }],
      },
      {
        number: 6,
        base: 'main',
        merged_at: '2026-11-20T02:50:00Z',
        commits: [resolved],
        authors: ['k-tanaka'],
        reviews: [{ user: 'k-tanaka', state: 'APPROVED', submitted_at: '2026-11-20T02:49:00Z' }],
      },
    ]);
    try {
      const last = (await exportWithGitHub(github.url)).at(-1)!;
      expect(last.pull_request).toBe(6);
      expect(last.approvers).toBe('');
    } finally {
      await github.close();
    }
  });
});
