/**
 * Game day: three incidents run from declaration to closure the way the
 * operations team runs them, on real git (a bare remote standing in for
 * GitHub), the real CLI, one real site build served locally, the live
 * verification, the SLA engine at fixed instants against the local fake
 * Resend and fake GitHub, and the audit export at the end.
 *
 * - A, public: the deploy verifies its page live at minute 10 → met.
 * - B, customer scope: the provider accepts the notice for both customers at minute 10 → met.
 * - C, public: its page only goes live at minute 35 (the deploy did not show it
 *   before) → missed, exactly one breach raised, and its postmortem is forced.
 *
 * One `astro build` (the expensive step) serves every verification.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { REPO_ROOT } from './builders.ts';
import { startFakeGitHub, type FakeGitHub } from './fakes/fake-github.ts';
import { startFakeResend, type FakeResend } from './fakes/fake-resend.ts';
import { runScriptAsync, type RunResult } from './helpers/run-script.ts';
import { serveStatic, type StaticServer } from './helpers/static-server.ts';
import { createTempRepo, type TempRepo } from './helpers/temp-repo.ts';

const IDENTITY = {
  GIT_AUTHOR_NAME: 'status-portal[bot]',
  GIT_AUTHOR_EMAIL: 'bot@invalid',
  GIT_COMMITTER_NAME: 'status-portal[bot]',
  GIT_COMMITTER_EMAIL: 'bot@invalid',
};
const DIRECTORY = `customers:
  cust-4f2a91: { contacts: [ops@alpha.example, cto@alpha.example] }
  cust-9b7c03: { contacts: [noc@beta.example] }
staff:
  t-sato: t.sato@provider.example
  k-tanaka: k.tanaka@provider.example
  k-nakamura: k.nakamura@provider.example
  d-ito: d.ito@provider.example
`;
const at = (hhmm: string) => `2026-11-27T${hhmm}:00+09:00`;
const A = '2026-11-27-kcps-storage-latency';
const B = '2026-11-27-kcps-instance-stop';
const C = '2026-11-27-kcps-dns-errors';

const cleanup: (() => unknown)[] = [];
afterAll(async () => {
  for (const f of cleanup.reverse()) await f();
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

it('declaration to closure: met for A (public) and B (customer scope); C live at minute 35 is missed, breached once, and needs its postmortem', async () => {
  // — The repository on "GitHub" (a bare remote) and the three places that work on it.
  const bare = tempDir('gameday-remote-');
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', bare]);
  const laptop: TempRepo = createTempRepo();
  cleanup.push(() => laptop.cleanup());
  laptop.git('remote', 'add', 'origin', bare);
  // The repository carries its own code, as the real one does: the audit exports a commit with that commit's exporter.
  for (const path of ['src', 'scripts', 'package.json', 'package-lock.json', 'tsconfig.json'])
    cpSync(join(REPO_ROOT, path), join(laptop.dir, path), {
      recursive: true,
      filter: (p) => !p.includes('__golden__'),
    });
  laptop.write('.gitignore', 'node_modules\n');
  const init = laptop.commit('catalog and code', at('09:00'));
  laptop.git('push', '-q', 'origin', 'main');
  const clone = (name: string) => {
    const dir = join(tempDir(`gameday-${name}-`), 'repo');
    execFileSync('git', ['clone', '-q', bare, dir]);
    return dir;
  };
  const pull = (dir: string) =>
    execFileSync('git', ['pull', '-q', '--rebase', 'origin', 'main'], {
      cwd: dir,
      env: { ...process.env, ...IDENTITY },
    });
  const deployRunner = clone('deploy');
  const engineRunner = clone('engine');

  // The fake enforces Resend's 2 requests/s by default; these runs skip the adapter's waits (the test switches, test/helpers/script-entry.ts), so the limit is lifted here (rate limits have their own tests).
  const resend: FakeResend = await startFakeResend({ ratePerSecond: Infinity });
  const github: FakeGitHub = await startFakeGitHub();
  cleanup.push(
    () => resend.close(),
    () => github.close(),
  );
  const directoryFile = join(tempDir('gameday-secrets-'), 'directory.yaml');
  writeFileSync(directoryFile, DIRECTORY);
  const engineEnv = {
    ...IDENTITY,
    STATUS_DIRECTORY: directoryFile,
    RESEND_API_KEY: 're_test_key',
    RESEND_BASE_URL: resend.url,
    STATUS_MAIL_FROM: 'status@provider.example',
    GITHUB_TOKEN: 'ghs_test',
    GITHUB_REPOSITORY: 'example/status',
    GITHUB_API_URL: github.url,
    GITHUB_ACTIONS: '',
  };
  const ok = (r: RunResult, what: string) => {
    expect(r.code, `${what}\n${r.stdout}\n${r.stderr}`).toBe(0);
    return r;
  };
  const cli = (args: string[]) => runScriptAsync('incident.ts', args, { cwd: laptop.dir, env: IDENTITY });
  /** The SLA engine as its workflow runs it: a fresh checkout of main, then `npm run sla -- --commit`. */
  const engine = async (hhmm: string) => {
    pull(engineRunner);
    return ok(
      await runScriptAsync('sla.ts', ['--now', at(hhmm), '--commit'], { cwd: engineRunner, env: engineEnv }),
      `engine at ${hhmm}`,
    );
  };

  // — 10:10 Three incidents declared with the CLI (detected 10:02: notification due 10:32) and merged.
  const common = [
    '--now',
    at('10:10'),
    '--service',
    'kcps',
    '--severity',
    'sev3',
    '--source',
    'monitoring',
    '--detected-at',
    at('10:02'),
    '--department',
    'cloud-infra-ops',
    '--responder',
    'k-tanaka',
  ];
  ok(
    await cli([
      'new',
      ...common,
      '--slug',
      'storage-latency',
      '--components',
      'block-storage:degraded_performance',
      '--title-ja',
      'ブロックストレージの書き込み遅延',
      '--title-en',
      'Block storage write latency',
      '--next-update',
      at('11:00'),
    ]),
    'declare A',
  );
  ok(
    await cli([
      'new',
      ...common,
      '--slug',
      'instance-stop',
      '--scope',
      'customer',
      '--customers',
      'cust-4f2a91,cust-9b7c03',
      '--components',
      'virtual-servers:major_outage',
      '--title-ja',
      '仮想サーバーの停止',
      '--title-en',
      'Virtual servers stopped',
      '--next-update',
      at('11:00'),
    ]),
    'declare B',
  );
  ok(
    await cli([
      'new',
      ...common,
      '--slug',
      'dns-errors',
      '--components',
      'dns:partial_outage',
      '--title-ja',
      'DNS の名前解決エラー',
      '--title-en',
      'DNS resolution errors',
    ]),
    'declare C',
  );
  const declared = laptop.commit('declare A, B and C', at('10:10'));
  laptop.git('push', '-q', 'origin', 'main');

  // — 10:11 The deploy: one real site build of what was pushed, served locally. C's pages are not out yet.
  const site = clone('site');
  const dist = join(tempDir('gameday-dist-'), 'dist');
  const build = spawnSync(
    process.execPath,
    [join(REPO_ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', REPO_ROOT, '--outDir', dist],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, STATUS_ROOT: site, STATUS_NOW: at('10:11'), ASTRO_TELEMETRY_DISABLED: '1' },
    },
  );
  expect(build.status, build.stderr).toBe(0);
  // Built before any verification: the page says the notification is not yet evidenced instead of guessing.
  const pageA = readFileSync(join(dist, 'en/incidents', A, 'index.html'), 'utf8');
  expect(pageA).toContain('Not yet evidenced');
  expect(pageA).toMatch(
    /Next update by<\/dt><dd><time datetime="2026-11-27T11:00:00\+09:00"[^>]*>2026-11-27 11:00 JST<\/time>/,
  );
  expect(() => readFileSync(join(dist, 'incidents', B, 'index.html'))).toThrow();
  const held = tempDir('gameday-held-');
  renameSync(join(dist, 'incidents', C), join(held, 'ja'));
  renameSync(join(dist, 'en/incidents', C), join(held, 'en'));
  const server: StaticServer = await serveStatic(dist);
  cleanup.push(() => server.close());
  const verify = async (hhmm: string) => {
    pull(deployRunner);
    return runScriptAsync(
      'verify-live.ts',
      [
        '--before',
        init,
        '--after',
        declared,
        '--site',
        server.url,
        '--interval',
        '0',
        '--attempts',
        '1',
        '--now',
        at(hhmm),
        '--commit',
        '--format',
        'json',
      ],
      { cwd: deployRunner, env: IDENTITY },
    );
  };

  // — 10:12 The live verification: A is live in both languages and recorded; C is not, so nothing is recorded for it.
  const first = await verify('10:12');
  expect(first.code).toBe(1);
  expect(
    (JSON.parse(first.stdout) as { incident: string; ok: boolean }[]).map((r) => `${r.incident} ${r.ok}`).sort(),
  ).toEqual([`${A} true`, `${A} true`, `${C} false`, `${C} false`].sort());
  await engine('10:12');
  // B's notice went to each customer's own contacts, one message per contact, accepted for both.
  const notices = () => resend.delivered.filter((d) => d.idempotencyKey.includes('/customer-email/'));
  expect(notices().map((d) => d.to)).toEqual([['ops@alpha.example'], ['cto@alpha.example'], ['noc@beta.example']]);
  expect(notices()[0]!.subject).toBe(
    '【KCPS】仮想サーバーの停止（障害発生のお知らせ） / [KCPS] Incident notice: Virtual servers stopped',
  );
  expect(notices()[0]!.text).toContain('2026/11/27 11:00 JST ごろまでに続報をお送りいたします。');

  // — 10:25 Only C is still unnotified: only C is warned.
  await engine('10:25');
  const staffMail = (kind: string) => resend.delivered.filter((d) => d.subject.includes(kind)).map((d) => d.subject);
  expect(staffMail('SLA warning')).toEqual([`[${C}] SLA warning: notify`]);
  // — 10:33 C missed its deadline: one breach, labelled on its tracking issue.
  await engine('10:33');
  expect(staffMail('SLA breach')).toEqual([`[${C}] SLA breach: notify`]);

  // — 10:37 C's pages are finally out; the verification, run again, records C live at minute 35 from clock start.
  renameSync(join(held, 'ja'), join(dist, 'incidents', C));
  renameSync(join(held, 'en'), join(dist, 'en/incidents', C));
  ok(await verify('10:37'), 'verify again');
  await engine('10:48');
  // Verified late: a breach is never raised twice, and no warning comes after it.
  expect(staffMail('SLA breach')).toHaveLength(1);

  // — 11:00 Resolved through the fast lane; the engine sends B's resolution notice.
  pull(laptop.dir);
  ok(await cli(['resolve', A, '--now', at('11:00'), '--recovered-at', at('10:55'), '--push']), 'resolve A');
  ok(
    await cli([
      'resolve',
      B,
      '--now',
      at('11:00'),
      '--recovered-at',
      at('10:55'),
      '--customer-actions-ja',
      '仮想サーバーを再起動してください。',
      '--customer-actions-en',
      'Please restart your virtual servers.',
      '--push',
    ]),
    'resolve B',
  );
  ok(await cli(['resolve', C, '--now', at('11:00'), '--recovered-at', at('10:55'), '--push']), 'resolve C');
  await engine('11:03');
  // One message per contact: three contacts, the first notice and the resolution each.
  expect(notices().map((d) => d.subject.split(' / ')[0])).toEqual([
    ...Array(3).fill('【KCPS】仮想サーバーの停止（障害発生のお知らせ）'),
    ...Array(3).fill('【KCPS】仮想サーバーの停止（障害復旧のお知らせ）'),
  ]);

  // — 11:30 A and B close (sev3, every target met: no postmortem needed). C cannot: its breach forces a postmortem.
  pull(laptop.dir);
  ok(await cli(['close', A, '--now', at('11:30')]), 'close A');
  ok(await cli(['close', B, '--now', at('11:30')]), 'close B');
  const refused = await cli(['close', C, '--now', at('11:30')]);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain(
    'INC060  closed before its postmortem was approved; a postmortem is required because the customer-notification target was missed',
  );
  await engine('11:18');
  ok(await cli(['postmortem', C, '--now', at('11:31')]), 'postmortem C');
  const doc = readFileSync(join(laptop.dir, `postmortems/${C}.md`), 'utf8');
  expect(doc).toContain(
    '- Customer notification: **missed**, 35 min against a deadline of 2026-11-27 10:32 JST; notified 2026-11-27 10:37 JST, page verified live (ledger page-live)',
  );
  laptop.commit('close A and B; postmortem of C', at('11:31'));
  laptop.git('push', '-q', 'origin', 'main');
  await engine('11:32');
  const tracking = (id: string) => github.issues.find((i) => i.body.includes(`status-portal:tracking:${id} `))!;
  expect([A, B, C].map((id) => [tracking(id).state, tracking(id).labels.includes('sla-breach')])).toEqual([
    ['closed', false],
    ['closed', false],
    ['open', true],
  ]);

  // — The audit export of the month, from a fresh checkout of main.
  const auditor = clone('audit');
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(auditor, 'node_modules'), 'dir');
  const evidence = join(tempDir('gameday-evidence-'), 'package');
  const audit = (args: string[]) => {
    const r = spawnSync(process.execPath, [join(auditor, 'scripts/audit.ts'), ...args], {
      cwd: auditor,
      encoding: 'utf8',
      env: { ...process.env, GITHUB_TOKEN: '', NO_COLOR: '1' },
    });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };
  ok(audit(['--from', '2026-11-01', '--to', '2026-11-30', '--out', evidence]), 'audit');
  const population = JSON.parse(readFileSync(join(evidence, 'population.json'), 'utf8')) as Record<
    string,
    string | number
  >[];
  const row = (id: string) => population.find((p) => p.id === id)!;
  expect(row(A)).toMatchObject({
    notified_at: at('10:12'),
    minutes_to_notify: 10,
    notify_result: 'met',
    notified_evidence: 'page verified live (ledger page-live)',
    recover_result: 'met',
    postmortem_required: 'no',
  });
  expect(row(B)).toMatchObject({
    notified_at: at('10:12'),
    minutes_to_notify: 10,
    notify_result: 'met',
    notified_evidence: 'provider accepted the notice for every affected customer (ledger customer-email)',
    postmortem_required: 'no',
  });
  expect(row(C)).toMatchObject({
    notified_at: at('10:37'),
    minutes_to_notify: 35,
    notify_result: 'missed',
    recover_result: 'met',
    postmortem_required: 'notification-target-missed',
  });
  const notifications = JSON.parse(readFileSync(join(evidence, 'notifications.json'), 'utf8')) as {
    incident: string;
    kind: string;
  }[];
  expect(notifications.filter((n) => n.kind === 'breach').map((n) => n.incident)).toEqual([C]);
  ok(audit(['verify', evidence]), 'audit verify');
}, 300_000);
