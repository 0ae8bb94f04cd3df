import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createTempRepo, type TempRepo } from '../../test/helpers/temp-repo.ts';
import {
  commitAndPushLedger,
  parseLedgerFiles,
  pendingLedgerFiles,
  readLedgerEntries,
  runLedger,
  strictLedger,
} from './ledger-store.ts';

const repos: TempRepo[] = [];
let bare = '';
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
  if (bare) rmSync(bare, { recursive: true, force: true });
});

const entry = (key: string) => ({
  key,
  kind: 'manager-notification' as const,
  incident: 'x',
  at: '2026-11-20T10:20:00+09:00',
  detail: { update: 1 },
});

it('two runs that raced: the second push is rebased and retried, and both ledger files survive', async () => {
  bare = mkdtempSync(join(tmpdir(), 'ledger-remote-'));
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', bare]);
  const a = createTempRepo();
  repos.push(a);
  a.commit('init');
  a.git('remote', 'add', 'origin', bare);
  a.git('push', '-q', 'origin', 'main');
  const b = createTempRepo();
  repos.push(b);
  b.git('remote', 'add', 'origin', bare);
  b.git('fetch', '-q', 'origin');
  b.git('reset', '-q', '--hard', 'origin/main');
  b.git('branch', '-q', '--set-upstream-to=origin/main');

  const runA = runLedger(a.dir, 'aaaa', new Date('2026-11-20T01:20:00Z'));
  await runA.append(entry('x/manager-notification/0'));
  const runB = runLedger(b.dir, 'bbbb', new Date('2026-11-20T01:20:05Z'));
  await runB.append(entry('x/manager-notification/1'));

  for (const r of [a, b]) {
    r.git('config', 'user.name', 'status-portal[bot]');
    r.git('config', 'user.email', 'bot@invalid');
  }
  commitAndPushLedger(a.dir, runA.file, 'ledger: run A');
  commitAndPushLedger(b.dir, runB.file, 'ledger: run B'); // rejected first (non-fast-forward), then rebased and pushed

  const check = mkdtempSync(join(tmpdir(), 'ledger-check-'));
  execFileSync('git', ['clone', '-q', bare, check]);
  expect(
    readLedgerEntries(check)
      .map((e) => e.key)
      .sort(),
  ).toEqual(['x/manager-notification/0', 'x/manager-notification/1']);
  expect(readFileSync(join(b.dir, runB.file), 'utf8').trim().split('\n')).toHaveLength(1);
});

it('a run that did nothing writes no file', () => {
  const a = createTempRepo();
  repos.push(a);
  const run = runLedger(a.dir, 'cccc', new Date());
  expect(run.count()).toBe(0);
  expect(readLedgerEntries(a.dir)).toEqual([]);
});

it('ledger files a killed run left uncommitted are found (and only those), so the always-run step can commit them', async () => {
  const a = createTempRepo();
  repos.push(a);
  a.commit('init');
  const done = runLedger(a.dir, 'dddd', new Date('2026-11-20T01:00:00Z'));
  await done.append(entry('x/manager-notification/0'));
  a.git('add', '--', done.file);
  a.git('commit', '-q', '-m', 'committed run');
  const killed = runLedger(a.dir, 'eeee', new Date('2026-11-20T01:15:00Z'));
  await killed.append(entry('x/manager-notification/1'));
  expect(pendingLedgerFiles(a.dir)).toEqual([killed.file]);
});

it('one tolerant reader: a torn last line is skipped and named; a bad line inside a file is named, and an error only for strict readers', () => {
  const line = (key: string) => JSON.stringify(entry(key));
  const reading = parseLedgerFiles([
    { path: 'ledger/2026/a.jsonl', text: `${line('x/manager-notification/0')}\n{"key":"x/manager-notif` },
    { path: 'ledger/2026/b.jsonl', text: `${line('x/manager-notification/1')}` }, // complete but without its newline: still an entry
    { path: 'ledger/2026/c.jsonl', text: `${line('x/manager-notification/2')}\n{"key":1}` }, // last line, no newline, valid JSON but not an entry: torn too
  ]);
  expect(reading.entries.map((e) => e.key)).toEqual([
    'x/manager-notification/0',
    'x/manager-notification/1',
    'x/manager-notification/2',
  ]);
  expect(reading.problems.map((p) => [p.path, p.line, p.torn])).toEqual([
    ['ledger/2026/a.jsonl', 2, true],
    ['ledger/2026/c.jsonl', 2, true],
  ]);
  const warnings: string[] = [];
  expect(strictLedger(reading, (w) => warnings.push(w))).toHaveLength(3);
  expect(warnings).toHaveLength(2);
  const middle = parseLedgerFiles([
    { path: 'ledger/2026/d.jsonl', text: `{"key":"x/man\n${line('x/manager-notification/3')}\n` },
  ]);
  expect(middle.entries).toHaveLength(1);
  expect(middle.problems).toMatchObject([{ line: 1, torn: false, message: 'not valid JSON' }]);
  expect(() => strictLedger(middle, () => {})).toThrow(/^ledger\/2026\/d.jsonl:1: not valid JSON/);
});
