/** Evidence packages on disk, and the re-run of a commit's own exporter, in temporary folders and a real temporary repository. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempRepo, type TempRepo } from '../../test/helpers/temp-repo.ts';
import type { Manifest } from '../core/audit/verify.ts';
import { UserError } from '../core/errors.ts';
import { assertReplaceable, readPackage, rerunExport, sanitizedEnv, writePackage } from './evidence-package.ts';

const folder = () => mkdtempSync(join(tmpdir(), 'evidence-'));
const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).exitCode).toBe(2);
    return (err as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('readPackage / writePackage', () => {
  it('round-trips nested files byte for byte; links and other entries are listed, never followed', () => {
    const out = join(folder(), 'pkg');
    const bytes = Buffer.from([0xef, 0xbb, 0xbf, 0xff, 0x00, 0x0a]);
    writePackage(
      out,
      new Map<string, string | Uint8Array>([
        ['manifest.json', '{}'],
        ['records/a.json', bytes],
        ['report.html', '<p>日本語</p>'],
      ]),
    );
    symlinkSync('/', join(out, 'records/link'));
    const read = readPackage(out);
    expect([...read.files.keys()].sort()).toEqual(['manifest.json', 'records/a.json', 'report.html']);
    expect(read.files.get('records/a.json')!.equals(bytes)).toBe(true);
    expect(read.files.get('report.html')!.toString('utf8')).toBe('<p>日本語</p>');
    expect(read.strange).toEqual(['records/link']);
  });

  it('writing replaces what an earlier package held', () => {
    const out = join(folder(), 'pkg');
    writePackage(
      out,
      new Map([
        ['old.csv', 'x'],
        ['manifest.json', '{}'],
      ]),
    );
    writePackage(
      out,
      new Map([
        ['new.csv', 'y'],
        ['manifest.json', '{}'],
      ]),
    );
    expect(readdirSync(out).sort()).toEqual(['manifest.json', 'new.csv']);
  });

  it('a missing package folder is a file system error for the caller to word', () => {
    expect(() => readPackage(join(folder(), 'absent'))).toThrow(/ENOENT/);
  });
});

describe('assertReplaceable (nothing but an earlier package is ever deleted)', () => {
  it('absent, empty, or exactly an earlier package: allowed', () => {
    const base = folder();
    expect(() => assertReplaceable(join(base, 'absent'))).not.toThrow();
    mkdirSync(join(base, 'empty'));
    expect(() => assertReplaceable(join(base, 'empty'))).not.toThrow();
    writePackage(
      join(base, 'pkg'),
      new Map([
        ['manifest.json', JSON.stringify({ files: { 'a.csv': 'h', 'sub/b.csv': 'h' } })],
        ['a.csv', '1'],
        ['sub/b.csv', '2'],
      ]),
    );
    expect(() => assertReplaceable(join(base, 'pkg'))).not.toThrow();
  });

  it('a link, a file, a folder without a manifest, a broken manifest, an unlisted file, a link inside: refused, one line each', () => {
    const base = folder();
    symlinkSync(base, join(base, 'link'));
    expect(refusal(() => assertReplaceable(join(base, 'link')))).toMatch(
      /is a symbolic link; choose an absent or empty folder/,
    );
    // The adapter names the folder, not a flag: the script that took the folder words it (audit: --out).
    expect(refusal(() => assertReplaceable(join(base, 'link')))).toBe(
      `${join(base, 'link')} is a symbolic link; choose an absent or empty folder, or an earlier evidence package to replace`,
    );
    expect(() => assertReplaceable(join(base, 'link'))).toThrow(
      expect.objectContaining({ folder: join(base, 'link'), problem: expect.stringMatching(/^is a symbolic link/) }),
    );
    writeFileSync(join(base, 'file'), 'x');
    expect(refusal(() => assertReplaceable(join(base, 'file')))).toContain('is a file, not a folder');
    mkdirSync(join(base, 'home'));
    writeFileSync(join(base, 'home/.bashrc'), 'x');
    expect(refusal(() => assertReplaceable(join(base, 'home')))).toContain('holds no earlier evidence package');
    mkdirSync(join(base, 'broken'));
    writeFileSync(join(base, 'broken/manifest.json'), '{not json');
    expect(refusal(() => assertReplaceable(join(base, 'broken')))).toContain('holds no earlier evidence package');
    writePackage(
      join(base, 'extra'),
      new Map([
        ['manifest.json', JSON.stringify({ files: { 'a.csv': 'h' } })],
        ['a.csv', '1'],
        ['thesis.docx', 'mine'],
      ]),
    );
    expect(refusal(() => assertReplaceable(join(base, 'extra')))).toContain(
      'holds thesis.docx, which its manifest does not list',
    );
    writePackage(join(base, 'linked'), new Map([['manifest.json', JSON.stringify({ files: { 'a.csv': 'h' } })]]));
    symlinkSync('/', join(base, 'linked/a.csv'));
    expect(refusal(() => assertReplaceable(join(base, 'linked')))).toContain(
      'holds a.csv, which is not a regular file',
    );
    expect(existsSync(join(base, 'extra/thesis.docx'))).toBe(true);
  });
});

describe('sanitizedEnv', () => {
  it('drops what loads code or changes npm (any case), keeps the rest', () => {
    expect(
      sanitizedEnv({
        NODE_OPTIONS: '--import x',
        node_path: '/x',
        NODE_REPL_EXTERNAL_MODULE: 'x',
        npm_config_node_options: '--require x',
        NPM_CONFIG_USERCONFIG: 'x',
        PATH: '/bin',
        GITHUB_REPOSITORY: 'o/r',
      }),
    ).toEqual({ PATH: '/bin', GITHUB_REPOSITORY: 'o/r' });
  });
});

describe('rerunExport (the commit exported again by its own exporter)', () => {
  let repo: TempRepo | undefined;
  afterEach(() => repo?.cleanup());

  /** A repository whose committed exporter writes a.csv with `content` and a manifest; node_modules present as in a clone after npm ci. */
  function repository(exporter: string): { repo: TempRepo; commit: string } {
    repo = createTempRepo();
    repo.write('scripts/audit.ts', exporter);
    const commit = repo.commit('exporter');
    mkdirSync(join(repo.dir, 'node_modules'));
    return { repo, commit };
  }
  const WRITER = (content: string) => `import { mkdirSync, writeFileSync } from 'node:fs';
const out = process.argv[process.argv.indexOf('--out') + 1];
mkdirSync(out, { recursive: true });
writeFileSync(out + '/a.csv', ${JSON.stringify(content)});
writeFileSync(out + '/manifest.json', '{"m":1}');
`;
  const manifest = (commit: string): Manifest =>
    ({
      commit,
      repository: 'local',
      query: { from: '2026-11-01', to: '2026-11-30', format: 'csv' },
    }) as unknown as Manifest;
  const pkg = (files: Record<string, string>) => {
    const dir = folder();
    writePackage(dir, new Map(Object.entries(files)));
    return {
      dir,
      files: new Map(
        Object.entries(files)
          .filter(([p]) => p !== 'manifest.json')
          .map(([p, c]) => [p, Buffer.from(c)]),
      ),
    };
  };

  it('identical output: no problems, and the temporary work tree is gone afterwards', () => {
    const { repo: r, commit } = repository(WRITER('1,2\n'));
    const p = pkg({ 'a.csv': '1,2\n', 'manifest.json': '{"m":1}' });
    expect(rerunExport(r.dir, p.dir, manifest(commit), p.files, { PATH: process.env.PATH })).toEqual([]);
    expect(r.git('worktree', 'list').trim().split('\n')).toHaveLength(1);
  });

  it('a changed, missing or extra file is named', () => {
    const { repo: r, commit } = repository(WRITER('1,2\n'));
    const p = pkg({ 'a.csv': '1,3\n', 'b.csv': 'extra', 'manifest.json': '{"m":1}' });
    expect(rerunExport(r.dir, p.dir, manifest(commit), p.files, { PATH: process.env.PATH })).toEqual([
      'rerun: a.csv differs from the one the commit produces',
      'rerun: b.csv is in the package but the commit does not produce it',
    ]);
  });

  it('an exporter that fails is one problem line with its first error line; NODE_OPTIONS from outside does not reach it', () => {
    const { repo: r, commit } = repository(
      `if (process.env.NODE_OPTIONS) throw new Error('preloaded'); process.stderr.write('boom: the commit cannot export\\nsecond line\\n'); process.exit(3);`,
    );
    const p = pkg({ 'manifest.json': '{"m":1}' });
    expect(
      rerunExport(r.dir, p.dir, manifest(commit), p.files, { PATH: process.env.PATH, NODE_OPTIONS: '--no-warnings' }),
    ).toEqual([`rerun: the exporter at ${commit.slice(0, 12)} failed (exit 3): boom: the commit cannot export`]);
  });

  it('without installed dependencies: a usage error, and no work tree is left behind', () => {
    const { repo: r, commit } = repository(WRITER('x'));
    const p = pkg({ 'manifest.json': '{}' });
    rmSync(join(r.dir, 'node_modules'), { recursive: true });
    expect(refusal(() => rerunExport(r.dir, p.dir, manifest(commit), p.files, {}))).toBe(
      "verify --rerun runs the commit's exporter with this clone's dependencies: run npm ci first",
    );
    expect(r.git('worktree', 'list').trim().split('\n')).toHaveLength(1);
  });

  it('a commit the repository does not hold fails as git fails, and leaves nothing behind', () => {
    const { repo: r } = repository(WRITER('x'));
    const p = pkg({ 'manifest.json': '{}' });
    expect(() => rerunExport(r.dir, p.dir, manifest('f'.repeat(40)), p.files, {})).toThrow();
    expect(r.git('worktree', 'list').trim().split('\n')).toHaveLength(1);
  });
});
