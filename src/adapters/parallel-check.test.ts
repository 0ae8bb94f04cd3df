/**
 * The parallel checker and its worker thread (check-worker.ts) at their
 * boundary: real files in a temporary copy of the repository's incidents,
 * checked on one thread and split across real worker threads; the results
 * must be the same, hostile files included.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOW, REPO_ROOT } from '../../test/builders.ts';
import { readCatalog } from './catalog-store.ts';
import { listIncidentFiles, readPostmortemDocuments } from './incident-store.ts';
import { checkRepository } from './parallel-check.ts';

function copyOfRepository(): string {
  const root = mkdtempSync(join(tmpdir(), 'parallel-check-'));
  for (const dir of ['config', 'incidents', 'postmortems'])
    cpSync(join(REPO_ROOT, dir), join(root, dir), { recursive: true });
  return root;
}

const BROKEN = {
  'incidents/2026/2026-12-01-kcps-not-utf8.md': Buffer.concat([
    Buffer.from('---\nid: 2026-12-01-kcps-not-utf8\ntitle:\n  ja: '),
    Buffer.from([0xff, 0xfe]),
    Buffer.from('\n---\n'),
  ]),
  'incidents/2026/2026-12-02-kcps-bad-yaml.md': '---\nid: [unclosed\n---\n',
  'incidents/2026/2026-12-03-kcps-no-front-matter.md': 'just text\n',
  'incidents/2026/2026-12-04-kcps-empty.md': '',
};
const REAL = 'incidents/2026/2026-11-20-kcps-block-storage-latency.md';
// The same incident twice: the cross-file rule (INC080) must see both even when they are checked on different threads.
const DUPLICATE = 'incidents/2025/2026-11-20-kcps-block-storage-latency.md';

describe('checkRepository', () => {
  it('split across worker threads, the findings are exactly those of one thread, hostile files and cross-file rules included', async () => {
    const root = copyOfRepository();
    for (const [path, content] of Object.entries(BROKEN)) writeFileSync(join(root, path), content);
    cpSync(join(root, REAL), join(root, DUPLICATE));
    const paths = listIncidentFiles(root);
    const options = { catalog: readCatalog(root), now: NOW, documents: readPostmortemDocuments(root) };
    const serial = await checkRepository(root, paths, { ...options, threads: 1 });
    const threaded = await checkRepository(root, paths, { ...options, threads: 3, perThread: 1 });
    expect(threaded.findings).toEqual(serial.findings);
    expect(threaded.files.map((f) => f.file).sort()).toEqual([...paths].sort());
    const codesOf = (file: string) => serial.findings.filter((f) => f.file === file).map((f) => f.code);
    for (const file of Object.keys(BROKEN)) expect(codesOf(file).length, file).toBeGreaterThan(0);
    expect(codesOf(DUPLICATE)).toContain('INC080');
    expect(codesOf(REAL)).toContain('INC080');
  });

  it('a file that vanishes before a worker reads it fails the run loudly, it does not hang or pass', async () => {
    const root = copyOfRepository();
    const paths = listIncidentFiles(root);
    rmSync(join(root, paths.at(-1)!));
    await expect(
      checkRepository(root, paths, { catalog: readCatalog(root), now: NOW, threads: 2, perThread: 1 }),
    ).rejects.toThrow(/ENOENT/);
  });

  it('a worker whose repository has no catalog fails the run, not silently', async () => {
    const root = copyOfRepository();
    const catalog = readCatalog(root);
    const paths = listIncidentFiles(root);
    rmSync(join(root, 'config'), { recursive: true });
    await expect(checkRepository(root, paths, { catalog, now: NOW, threads: 2, perThread: 1 })).rejects.toThrow(
      /catalog/,
    );
  });
});
