/** The catalog store at its boundary: a real temporary folder with config/catalog.yaml in it, or not. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/builders.ts';
import { UserError } from '../core/errors.ts';
import { CATALOG_PATH, parseCatalogText, readCatalog } from './catalog-store.ts';

const root = () => mkdtempSync(join(tmpdir(), 'catalog-store-'));
const withCatalog = (text: string | Buffer) => {
  const dir = root();
  mkdirSync(join(dir, 'config'));
  writeFileSync(join(dir, CATALOG_PATH), text);
  return dir;
};
const failure = (f: () => unknown): UserError => {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return err as UserError;
  }
  throw new Error('expected a UserError');
};

describe('readCatalog', () => {
  it('reads and indexes the real catalog from a copy', () => {
    const dir = root();
    mkdirSync(join(dir, 'config'));
    cpSync(join(REPO_ROOT, CATALOG_PATH), join(dir, CATALOG_PATH));
    const index = readCatalog(dir);
    expect(index.service('kcps')?.id).toBe('kcps');
    expect(index.service('nope')).toBeUndefined();
  });

  it('no config/ folder, or the catalog is a folder: one line naming the file and what to do', () => {
    const missing = failure(() => readCatalog(root()));
    expect(missing.message).toBe(
      `${CATALOG_PATH}: cannot read the service catalog; run from the repository root or restore the file`,
    );
    const dir = root();
    mkdirSync(join(dir, CATALOG_PATH), { recursive: true }); // EISDIR: unreadable even for root, unlike a chmod
    expect(failure(() => readCatalog(dir)).message).toBe(missing.message);
  });

  it('YAML syntax errors name file:line:col', () => {
    const err = failure(() => readCatalog(withCatalog('site:\n  url: https://status.example\nservices: [\n')));
    expect(err.message).toMatch(/^config\/catalog\.yaml:\d+:\d+ {2}YAML syntax error: /);
    expect(err.message).not.toContain('\n');
  });

  it('schema problems are listed one per line, each with file:line:col', () => {
    const err = failure(() => readCatalog(withCatalog('site:\n  url: 42\nservices: []\ndepartments: []\n')));
    const lines = err.message.split('\n');
    expect(lines[0]).toBe('The service catalog is invalid:');
    expect(lines.slice(1).length).toBeGreaterThan(0);
    for (const line of lines.slice(1)) expect(line).toMatch(/^config\/catalog\.yaml:\d+:\d+ {2}\S/);
    expect(lines.some((l) => l.startsWith('config/catalog.yaml:2:'))).toBe(true); // points at the bad url, not line 1
  });

  it('an empty file, a list, or aliases instead of a mapping are refused, not half-read', () => {
    for (const text of ['', '- 1\n', 'a: &x [1]\nb: *x\n'])
      expect(failure(() => readCatalog(withCatalog(text))).message).toMatch(/^The service catalog is invalid:\n/);
  });

  it('hostile nesting ends as a YAML error, not a crash with a stack trace', () => {
    const err = failure(() => parseCatalogText(`site: ${'['.repeat(20_000)}`));
    expect(err.message).toMatch(/^config\/catalog\.yaml:1:\d+ {2}YAML syntax error/);
  });

  it('a huge catalog (a 5 MB comment) is still read', () => {
    const big = `# ${'x'.repeat(5_000_000)}\n${readCatalogText()}`;
    expect(readCatalog(withCatalog(big)).service('kcps')?.id).toBe('kcps');
  });
});

function readCatalogText(): string {
  return readFileSync(join(REPO_ROOT, CATALOG_PATH), 'utf8');
}

describe('encoding', () => {
  it('bytes that are not UTF-8 are refused with their line, never read as "�" (which the site would publish)', () => {
    const text = readFileSync(join(REPO_ROOT, CATALOG_PATH));
    const at = text.indexOf(Buffer.from('en: KCPS Cloud Platform'));
    const line = text.subarray(0, at).toString('utf8').split('\n').length;
    const bad = Buffer.concat([text.subarray(0, at + 4), Buffer.from([0xff]), text.subarray(at + 4)]);
    expect(failure(() => readCatalog(withCatalog(bad))).message).toBe(
      `${CATALOG_PATH}:${line}:1  not valid UTF-8; save the file as UTF-8 (without changing its text)`,
    );
  });

  it('a UTF-8 byte order mark is not an error', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(join(REPO_ROOT, CATALOG_PATH))]);
    expect(readCatalog(withCatalog(bom)).service('kcps')?.id).toBe('kcps');
  });
});
