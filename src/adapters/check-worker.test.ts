/** The worker thread body on its own: a real Worker given its input as parallel-check.ts gives it, answering with the slim results. */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { NOW, REPO_ROOT } from '../../test/builders.ts';
import type { WorkerInput } from './parallel-check.ts';

function run(input: Omit<WorkerInput, 'next'>): Promise<{ message?: unknown; error?: Error; exit: number }> {
  return new Promise((resolve) => {
    // `next`: the claim counter the threads share; this worker is the only claimer.
    const worker = new Worker(new URL('./check-worker.ts', import.meta.url), {
      workerData: { next: new SharedArrayBuffer(4), ...input },
    });
    let message: unknown;
    let error: Error | undefined;
    worker.once('message', (m) => (message = m));
    worker.once('error', (e) => (error = e));
    worker.once('exit', (exit) => resolve({ message, error, exit }));
  });
}

function repository(): string {
  const root = mkdtempSync(join(tmpdir(), 'check-worker-'));
  for (const dir of ['config', 'incidents', 'postmortems', 'ledger'])
    cpSync(join(REPO_ROOT, dir), join(root, dir), { recursive: true });
  return root;
}

const FILE = 'incidents/2026/2026-11-20-kcps-block-storage-latency.md';

describe('check-worker', () => {
  it('answers each file with its id, findings and related ids only: the parsed incident does not travel back', async () => {
    const root = repository();
    const r = await run({
      root,
      paths: [FILE, 'incidents/2025/2025-07-08-kbi-login-outage.md'],
      now: NOW,
      withDocuments: true,
      withLedger: true,
    });
    expect(r.exit).toBe(0);
    const results = r.message as Record<string, unknown>[];
    expect(results.map((x) => x.file)).toEqual([FILE, 'incidents/2025/2025-07-08-kbi-login-outage.md']);
    expect(results[0]!.id).toBe('2026-11-20-kcps-block-storage-latency');
    for (const x of results) expect(Object.keys(x).sort()).toEqual(['file', 'findings', 'id', 'related']);
  });

  it('with a base version, the lifecycle rules run against it (an edited past update is found)', async () => {
    const root = repository();
    const base = new Map<string, string>([
      [FILE, readFileSync(join(root, FILE), 'utf8').replace('原因を調査しています。', '原因を調べています。')],
    ]);
    const codes = async (input: Partial<Omit<WorkerInput, 'next'>>) =>
      (
        (await run({ root, paths: [FILE], now: NOW, withDocuments: false, withLedger: false, ...input })).message as {
          findings: { code: string; message: string }[];
        }[]
      )[0]!.findings;
    const without = await codes({});
    const withBase = await codes({ base });
    const added = withBase.filter((f) => !without.some((w) => w.code === f.code));
    expect(added.length).toBeGreaterThan(0);
    expect(added.map((f) => f.message).join('\n')).toMatch(/update|changed|edited/i);
  });

  it('a missing file or catalog ends the worker with an error (the parent rejects), never a partial answer', async () => {
    const root = repository();
    const missing = await run({
      root,
      paths: ['incidents/2026/2026-01-01-none.md'],
      now: NOW,
      withDocuments: false,
      withLedger: false,
    });
    expect(missing.message).toBeUndefined();
    expect(missing.error?.message).toMatch(/ENOENT/);
    const noCatalog = await run({
      root: mkdtempSync(join(tmpdir(), 'check-worker-empty-')),
      paths: [],
      now: NOW,
      withDocuments: false,
      withLedger: false,
    });
    expect(noCatalog.message).toBeUndefined();
    expect(noCatalog.error?.message).toContain('config/catalog.yaml: cannot read the service catalog');
  });
});
