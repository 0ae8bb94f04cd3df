/**
 * The incident store at its boundary: real files, folders and links in a
 * temporary folder. Only the exported functions are used (the internals are
 * being tuned for speed elsewhere).
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../core/errors.ts';
import {
  knownIncidentIds,
  listIncidentFiles,
  readPostmortemDocuments,
  readSources,
  resolveIncidentArgs,
  surveyIncidentTree,
} from './incident-store.ts';

const A = 'incidents/2026/2026-11-20-kcps-block-storage-latency.md';
const B = 'incidents/2025/2025-12-01-kbi-login-errors.md';

function tree(files: Record<string, string | Buffer> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'incident-store-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe('listing', () => {
  it('no incidents/ folder at all: nothing, not a throw', () => {
    const root = tree();
    expect(listIncidentFiles(root)).toEqual([]);
    expect(surveyIncidentTree(root)).toEqual({ files: [], strays: [] });
    expect(knownIncidentIds(root)).toEqual(new Set());
  });

  it('incident files are listed sorted; the README and .gitkeep are neither files nor strays', () => {
    const root = tree({ [A]: 'a', [B]: 'b', 'incidents/README.md': '# guide', 'incidents/2027/.gitkeep': '' });
    expect(surveyIncidentTree(root)).toEqual({ files: [B, A], strays: [] });
    expect(knownIncidentIds(root)).toEqual(
      new Set(['2025-12-01-kbi-login-errors', '2026-11-20-kcps-block-storage-latency']),
    );
  });

  it('everything else under incidents/ is accounted for: wrong case, wrong extension, hidden file and folder, links (dangling, outside, inside)', () => {
    const root = tree({
      [A]: 'a',
      'incidents/2026/2026-11-21-x.MD': 'x',
      'incidents/2026/notes.txt': 'n',
      'incidents/2026/.draft.md': 'd',
      'incidents/.hidden/2026-11-22-y.md': 'y',
    });
    symlinkSync('/nonexistent/target.md', join(root, 'incidents/2026/2026-11-23-dangling.md'));
    symlinkSync(tmpdir(), join(root, 'incidents/2026/outside'));
    symlinkSync(join(root, A), join(root, 'incidents/2026/2026-11-24-inside.md'));
    const { files, strays } = surveyIncidentTree(root);
    expect(files).toEqual([A]);
    expect(strays.map((s) => [s.file, s.code])).toEqual([
      ['incidents/.hidden/', 'INC121'],
      ['incidents/2026/.draft.md', 'INC121'],
      ['incidents/2026/2026-11-21-x.MD', 'INC121'],
      ['incidents/2026/2026-11-23-dangling.md', 'INC122'],
      ['incidents/2026/2026-11-24-inside.md', 'INC122'],
      ['incidents/2026/notes.txt', 'INC121'],
      ['incidents/2026/outside', 'INC122'],
    ]);
    const message = (f: string) => strays.find((s) => s.file === f)!.message;
    expect(message('incidents/2026/2026-11-23-dangling.md')).toContain('dangling');
    expect(message('incidents/2026/outside')).toContain('pointing outside the repository');
    expect(message('incidents/2026/2026-11-24-inside.md')).toContain('pointing inside the repository');
    expect(message('incidents/2026/2026-11-21-x.MD')).toContain('lowercase ".md"');
  });

  it('an incidents/ that is a file, not a folder, lists nothing rather than crashing', () => {
    const root = tree({ incidents: 'not a folder' });
    expect(listIncidentFiles(root)).toEqual([]);
  });
});

describe('reading', () => {
  it('readSources returns the bytes as they are: non-UTF-8 and a BOM reach the checker untouched', () => {
    const bytes = Buffer.from([0xef, 0xbb, 0xbf, 0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x0a]);
    const root = tree({ [A]: bytes });
    const [source] = readSources(root, [A]);
    expect(source!.file).toBe(A);
    expect(Buffer.from(source!.content as Uint8Array).equals(bytes)).toBe(true);
  });

  it('readSources of a file that vanished throws the file system error (a bug in the caller, not a user mistake)', () => {
    expect(() => readSources(tree(), [A])).toThrow(/ENOENT/);
  });

  it('a large tree is listed completely (300 files in 20 years)', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++)
      files[`incidents/${2000 + (i % 20)}/${2000 + (i % 20)}-01-01-svc-${String(i).padStart(4, '0')}.md`] = '';
    expect(listIncidentFiles(tree(files))).toHaveLength(300);
  });

  it('postmortem documents: regular .md files only, no README, no links, none at all without the folder', () => {
    expect(readPostmortemDocuments(tree())).toEqual(new Map());
    const root = tree({
      'postmortems/2026-11-20-x.md': '# pm',
      'postmortems/README.md': '# how',
      'postmortems/notes.txt': 'n',
    });
    symlinkSync(join(root, 'postmortems/2026-11-20-x.md'), join(root, 'postmortems/linked.md'));
    expect(readPostmortemDocuments(root)).toEqual(new Map([['postmortems/2026-11-20-x.md', '# pm']]));
  });
});

describe('resolveIncidentArgs (paths a user typed)', () => {
  const inRoot = (root: string, f: () => unknown) => {
    const cwd = process.cwd();
    process.chdir(root);
    try {
      return f();
    } finally {
      process.chdir(cwd);
    }
  };
  const refusal = (root: string, args: string[]): string => {
    try {
      inRoot(root, () => resolveIncidentArgs(root, args));
    } catch (err) {
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).exitCode).toBe(2);
      return (err as Error).message;
    }
    throw new Error('expected a refusal');
  };

  it('files, folders and the root expand to incident files, each once', () => {
    const root = tree({ [A]: 'a', [B]: 'b' });
    expect(inRoot(root, () => resolveIncidentArgs(root, [A, 'incidents/2026', A]))).toEqual([A]);
    expect(inRoot(root, () => resolveIncidentArgs(root, ['.']))).toEqual([B, A]);
    expect(inRoot(root, () => resolveIncidentArgs(root, [join(root, B)]))).toEqual([B]);
  });

  it('outside the repository, missing, a link, or not an incident path: one line, exit 2', () => {
    const root = tree({ [A]: 'a', 'config/catalog.yaml': 'x' });
    symlinkSync(join(root, A), join(root, 'incidents/2026/2026-11-24-link.md'));
    expect(refusal(root, ['../elsewhere.md'])).toBe('../elsewhere.md: outside the repository');
    expect(refusal(root, ['incidents/2026/2026-01-01-none.md'])).toBe(
      'incidents/2026/2026-01-01-none.md: no such file',
    );
    expect(refusal(root, ['incidents/2026/2026-11-24-link.md'])).toBe(
      'incidents/2026/2026-11-24-link.md: a symbolic link; incident files are never links (INC122)',
    );
    expect(refusal(root, ['config/catalog.yaml'])).toBe(
      'config/catalog.yaml: not an incident file (expected incidents/<YYYY>/<id>.md)',
    );
  });
});
