import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BASE_FILE, baseText, REPO_ROOT } from '../test/builders.ts';
import { startFakeGitHub, type FakeGitHub } from '../test/fakes/fake-github.ts';
import { startFakeResend, type FakeResend } from '../test/fakes/fake-resend.ts';
import { runScript, runScriptAsync } from '../test/helpers/run-script.ts';
import { createTempRepo, type TempRepo } from '../test/helpers/temp-repo.ts';

let repo: TempRepo | undefined;
let resend: FakeResend | undefined;
let github: FakeGitHub | undefined;
afterEach(async () => {
  repo?.cleanup();
  await resend?.close();
  await github?.close();
  repo = resend = github = undefined;
});

const DIRECTORY = `customers:
  cust-4f2a91: { contacts: [ops@alpha.example, cto@alpha.example] }
  cust-9b7c03: { contacts: [noc@beta.example] }
staff:
  t-sato: t.sato@provider.example
  k-tanaka: k.tanaka@provider.example
`;

/** A customer-scope incident declared at 10:14 JST, committed to a fresh repository. */
async function declared(directory = DIRECTORY): Promise<{ env: Record<string, string> }> {
  repo = createTempRepo();
  repo.write(
    BASE_FILE,
    baseText
      .replace('scope: public', 'scope: customer\ncustomers: [cust-4f2a91, cust-9b7c03]')
      .replace(/  - at: "2026-11-20T10:41:00\+09:00"[\s\S]*?(?=recovered_at)/, '')
      .replace(/recovered_at: .*\n/, '')
      .replace(/postmortem:\n  status: draft\n/, '')
      .replace(/prevention:[\s\S]*?tracking: OPS-4410\n/, ''),
  );
  repo.commit('declare');
  writeFileSync(join(repo.dir, '..', `${repo.dir.split('/').pop()}-directory.yaml`), directory);
  // Rate limits have their own tests (src/adapters/resend-email.test.ts and the benchmark); these runs must not wait a second per two requests.
  resend = await startFakeResend({ ratePerSecond: Infinity });
  github = await startFakeGitHub({ perPage: 2 });
  return {
    env: {
      STATUS_DIRECTORY: join(repo.dir, '..', `${repo.dir.split('/').pop()}-directory.yaml`),
      RESEND_API_KEY: 're_test_key',
      RESEND_BASE_URL: resend.url,
      STATUS_MAIL_FROM: 'status@provider.example',
      GITHUB_TOKEN: 'ghs_test',
      GITHUB_REPOSITORY: 'example/status',
      GITHUB_API_URL: github.url,
      STATUS_MAIL_TIMEOUT_MS: '1500',
    },
  };
}
const NOW = ['--now', '2026-11-20T10:20:00+09:00'];
const ledgerLines = () =>
  readdirSync(join(repo!.dir, 'ledger/2026'))
    .flatMap((f) =>
      readFileSync(join(repo!.dir, 'ledger/2026', f), 'utf8')
        .trim()
        .split('\n'),
    )
    .map((l) => JSON.parse(l));

describe('npm run sla (real SDKs against local fakes)', () => {
  it('from a committed customer-scope incident to e-mails, the tracking issue, the manager mention and the ledger', async () => {
    const { env } = await declared();
    const r = await runScriptAsync('sla.ts', NOW, { cwd: repo!.dir, env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // One message per contact: nobody sees another contact's address; one idempotency key per batch.
    expect(resend!.delivered.filter((d) => d.idempotencyKey.includes('customer-email')).map((d) => d.to)).toEqual([
      ['ops@alpha.example'],
      ['cto@alpha.example'],
      ['noc@beta.example'],
    ]);
    expect(
      new Set(resend!.delivered.filter((d) => d.idempotencyKey.includes('customer-email')).map((d) => d.idempotencyKey))
        .size,
    ).toBe(1);
    const notice = resend!.delivered.find((d) => d.idempotencyKey.includes('customer-email'))!;
    expect(notice.subject).toBe(
      '【KCPS】東日本リージョンのブロックストレージ書き込み遅延（障害発生のお知らせ） / [KCPS] Incident notice: Write latency on block storage in the East Japan region',
    );
    expect(notice.text).not.toMatch(/cust-|noc@beta/);
    // The manager hears of the update by e-mail and by a mention on the tracking issue.
    expect(resend!.delivered.some((d) => d.to[0] === 't.sato@provider.example' && d.subject.includes('update 1'))).toBe(
      true,
    );
    const tracking = github!.issues.find((i) => i.labels.includes('incident'))!;
    expect(tracking.body).toContain('<!-- status-portal:tracking:2026-11-20-kcps-block-storage-latency -->');
    expect(tracking.comments[0]).toMatch(/^@t-sato update 1: \*\*investigating\*\*/);
    expect(github!.issues.find((i) => i.labels.includes('sla-dashboard'))!.body).toContain(
      '| 2026-11-20-kcps-block-storage-latency | open | investigating |',
    );
    // The ledger: what was accepted, when, with provider ids; no addresses.
    const lines = ledgerLines();
    expect(lines.map((l) => l.key)).toEqual(
      expect.arrayContaining([
        '2026-11-20-kcps-block-storage-latency/customer-email/0',
        '2026-11-20-kcps-block-storage-latency/tracking-issue',
        '2026-11-20-kcps-block-storage-latency/manager-notification/0',
      ]),
    );
    // The write-ahead intent comes before its batch's acceptance, and both name recipients by opaque keys only.
    const batchKeys = lines.filter((l) => l.key.includes('/customer-email/0/batch-')).map((l) => l.key);
    expect(batchKeys).toHaveLength(2);
    expect(batchKeys[0]).toBe(`${batchKeys[1]}/intent`);
    expect(lines.find((l) => l.key === batchKeys[1]).detail.rkeys).toMatch(
      /^cust-4f2a91:[0-9a-f]{16} cust-4f2a91:[0-9a-f]{16} cust-9b7c03:[0-9a-f]{16}$/,
    );
    expect(lines.find((l) => l.key.endsWith('customer-email/0')).detail).toMatchObject({
      recipients: 2,
      accepted: 2,
      event: 'initial',
    });
    expect(JSON.stringify(lines)).not.toMatch(/@[a-z]+\.example/);
    expect(r.stdout).toMatch(/0 failed, \d+ ledger entries written\.\n$/);
  });

  it('a rerun sends nothing twice and creates no second issue or comment', async () => {
    const { env } = await declared();
    await runScriptAsync('sla.ts', NOW, { cwd: repo!.dir, env });
    const sent = resend!.delivered.length;
    const comments = github!.issues.flatMap((i) => i.comments).length;
    const r = await runScriptAsync('sla.ts', NOW, { cwd: repo!.dir, env });
    expect(r.code).toBe(0);
    expect(resend!.delivered.length).toBe(sent);
    expect(github!.issues.filter((i) => i.labels.includes('incident'))).toHaveLength(1);
    expect(github!.issues.flatMap((i) => i.comments).length).toBe(comments);
    expect(r.stdout).toBe(
      '✔ dashboard             dashboard  dashboard #2 updated (previous run 0 minutes ago)\n1 done, 0 failed, 0 ledger entries written.\n',
    );
  });

  it('after a crash between acceptance and the ledger write, the retry carries the same key and nothing is delivered twice', async () => {
    const { env } = await declared();
    await runScriptAsync('sla.ts', NOW, { cwd: repo!.dir, env });
    const keysSent = resend!.requests.map((r) => r.idempotencyKey);
    const delivered = resend!.delivered.length;
    // The crash: the provider accepted everything, but the run died before its ledger file survived.
    for (const f of readdirSync(join(repo!.dir, 'ledger/2026'))) repo!.remove(`ledger/2026/${f}`);
    github!.issues.length = 0;
    const r = await runScriptAsync('sla.ts', NOW, { cwd: repo!.dir, env });
    expect(r.code).toBe(0);
    const retried = resend!.requests.slice(keysSent.length).map((x) => x.idempotencyKey);
    expect(retried.filter((k) => k?.includes('customer-email'))).toEqual(
      keysSent.filter((k) => k?.includes('customer-email')),
    );
    expect(resend!.delivered.length).toBe(delivered);
  });

  it('killed after the provider accepted a batch, then the message edited: the retry meets 409, records the batch as delivered, sends nothing twice', async () => {
    const { env } = await declared();
    await runScriptAsync('sla.ts', NOW, { cwd: repo!.dir, env });
    const delivered = resend!.delivered.length;
    // The kill: the intent was written and the provider accepted, but the acceptance and the completion never reached the ledger.
    const [file] = readdirSync(join(repo!.dir, 'ledger/2026'));
    const path = join(repo!.dir, 'ledger/2026', file!);
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    writeFileSync(
      path,
      `${lines
        .filter((l) => {
          const e = JSON.parse(l);
          return !e.key.includes('/customer-email/') || e.detail.phase === 'intent';
        })
        .join('\n')}\n`,
    );
    // The edit before the retry: the published message is reworded (the payload under the batch's key changes).
    repo!.write(
      BASE_FILE,
      readFileSync(join(repo!.dir, BASE_FILE), 'utf8')
        .replace('原因を調査しています。', '原因を調査中です（訂正）。')
        .replace('We are investigating.', 'We are investigating (corrected).'),
    );
    repo!.commit('edit the message');
    const r = await runScriptAsync('sla.ts', NOW, { cwd: repo!.dir, env });
    expect(r.stdout).toMatch(
      /✔ customer-email .*notice of update 1 accepted for 2 customer\(s\), 0 message\(s\) sent in this run; an interrupted batch of 3 had been delivered before an edit; recorded, not resent/,
    );
    expect(resend!.requests.filter((x) => x.status === 409)).toHaveLength(1);
    expect(resend!.delivered.length).toBe(delivered);
    expect(ledgerLines().find((l) => l.key.includes('/batch-') && l.detail.conflict === true)).toBeDefined();
    const quiet = await runScriptAsync('sla.ts', NOW, { cwd: repo!.dir, env });
    expect(quiet.stdout).not.toContain('customer-email');
    expect(resend!.delivered.length).toBe(delivered);
  });

  it('GitHub down when the breach is raised: e-mail still goes out, and once GitHub is back the tracking issue is created, commented and labelled sla-breach', async () => {
    const { env } = await declared();
    github!.down = true;
    const late = ['--now', '2026-11-20T10:40:00+09:00'];
    const r1 = await runScriptAsync('sla.ts', late, { cwd: repo!.dir, env });
    expect(r1.code).toBe(1);
    expect(r1.stdout).toMatch(/✔ customer-email /);
    expect(r1.stdout).toMatch(/✔ breach .*shown on the tracking issue once it exists/);
    expect(r1.stdout).toMatch(/✖ tracking-issue /);
    expect(github!.issues).toHaveLength(0);
    github!.down = false;
    const r2 = await runScriptAsync('sla.ts', ['--now', '2026-11-20T10:45:00+09:00'], { cwd: repo!.dir, env });
    expect(r2.code).toBe(0);
    const tracking = github!.issues.find((i) => i.labels.includes('incident'))!;
    expect(tracking.labels).toContain('sla-breach');
    expect(tracking.comments.filter((c) => c.includes('SLA breach'))).toHaveLength(1);
    // Converged: a further run changes nothing on GitHub but the dashboard.
    const before = JSON.stringify(github!.issues.filter((i) => i.labels.includes('incident')));
    await runScriptAsync('sla.ts', ['--now', '2026-11-20T10:46:00+09:00'], { cwd: repo!.dir, env });
    expect(JSON.stringify(github!.issues.filter((i) => i.labels.includes('incident')))).toBe(before);
  });

  it("--next-due prints the next planned moment for the workflow's waiter, and touches nothing", async () => {
    const { env } = await declared();
    // Declared 10:14, detected 10:02: the notification warning is due at 10:22 JST, the deadline passes at 10:32.
    const r = runScript('sla.ts', [...NOW, '--next-due'], { cwd: repo!.dir, env });
    expect(r.stdout).toBe('2026-11-20T01:22:00.000Z\n');
    const j = runScript('sla.ts', ['--now', '2026-11-20T10:23:00+09:00', '--next-due', '--format', 'json'], {
      cwd: repo!.dir,
      env,
    });
    expect(JSON.parse(j.stdout)).toEqual({
      at: '2026-11-20T01:32:01.000Z',
      incident: '2026-11-20-kcps-block-storage-latency',
      what: 'notify deadline',
    });
    expect(resend!.requests).toHaveLength(0);
    expect(github!.requests).toHaveLength(0);
  });

  it('--dry-run --format json prints the plan and touches nothing', async () => {
    const { env } = await declared();
    const r = await runScriptAsync('sla.ts', [...NOW, '--dry-run', '--format', 'json'], { cwd: repo!.dir, env });
    const plan = JSON.parse(r.stdout) as { kind: string; incident: string; at: string; reason: string }[];
    expect(plan.map((a) => a.kind).sort()).toEqual([
      'customer-email',
      'manager-notification',
      'tracking-comment',
      'tracking-issue',
    ]);
    for (const a of plan) expect(Object.keys(a).slice(0, 4)).toEqual(['kind', 'incident', 'at', 'reason']);
    expect(resend!.requests).toHaveLength(0);
    // It reads the open intake drafts (their clocks run too) and writes nothing.
    expect(github!.requests).toEqual(['GET /repos/example/status/pulls']);
  });
});

describe('faults end with nothing lost, nothing duplicated and a clear report', () => {
  const customerKeys = () =>
    resend!.delivered.filter((d) => d.idempotencyKey.includes('customer-email')).map((d) => d.idempotencyKey);

  it('429 with retry-after and 500s are retried to success', async () => {
    const { env } = await declared();
    resend!.faults.push({ status: 429, retryAfter: 1 }, { status: 500 }, { status: 502 });
    const r = await runScriptAsync('sla.ts', NOW, { cwd: repo!.dir, env });
    expect(r.code).toBe(0);
    expect(resend!.requests.slice(0, 4).map((x) => x.status)).toEqual([429, 500, 502, 200]);
    expect(new Set(customerKeys()).size).toBe(1);
  });

  it('a hanging provider times out and is retried; a dead one fails the action, records nothing, and the next run sends', async () => {
    const { env } = await declared();
    resend!.faults.push('hang', 'drop');
    const r1 = await runScriptAsync('sla.ts', NOW, { cwd: repo!.dir, env });
    expect(r1.code).toBe(0);
    await resend!.close();
    const dead = { ...env, RESEND_BASE_URL: 'http://127.0.0.1:9' };
    repo!.cleanup();
    const { env: env2 } = await declared();
    const r2 = await runScriptAsync('sla.ts', NOW, {
      cwd: repo!.dir,
      env: { ...env2, RESEND_BASE_URL: dead.RESEND_BASE_URL },
    });
    expect(r2.code).toBe(1);
    expect(r2.stdout).toMatch(/✖ customer-email .*gave up after 6 attempts: application_error/);
    // Only the write-ahead intent: nothing is recorded as sent.
    expect(
      ledgerLines()
        .filter((l) => l.key.includes('customer-email'))
        .every((l) => l.detail.phase === 'intent'),
    ).toBe(true);
    const r3 = await runScriptAsync('sla.ts', NOW, { cwd: repo!.dir, env: env2 });
    expect(r3.code).toBe(0);
    expect(customerKeys()).toHaveLength(3); // one message per contact, one batch
    expect(new Set(customerKeys()).size).toBe(1);
  });

  it('the run deadline already passed (an earlier step of the job used it up): nothing is started, everything is left for the next run, the dashboard still says so', async () => {
    const { env } = await declared();
    const r = await runScriptAsync('sla.ts', NOW, { cwd: repo!.dir, env: { ...env, STATUS_RUN_DEADLINE: '1' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /✖ customer-email .*not attempted: run time budget spent, \d+ action\(s\) left for the next run/,
    );
    expect(resend!.requests).toHaveLength(0);
    expect(github!.issues.find((i) => i.labels.includes('sla-dashboard'))!.body).toContain(
      'not attempted: run time budget spent',
    );
  });

  it('a bad API key is a permanent failure, reported without retrying', async () => {
    const { env } = await declared();
    const r = await runScriptAsync('sla.ts', NOW, { cwd: repo!.dir, env: { ...env, RESEND_API_KEY: 're_wrong' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✖ customer-email .*provider refused the batch \(HTTP 401\)/);
    expect(resend!.requests.filter((x) => x.idempotencyKey?.includes('customer-email'))).toHaveLength(1);
    expect(r.stdout + r.stderr).not.toContain('re_wrong');
  });

  it('an invalid address never reaches the provider and concerns only its customer: everyone else is sent to, the manager told, the dashboard lists it', async () => {
    const { env } = await declared(DIRECTORY.replace('noc@beta.example', 'noc-at-beta'));
    const r = await runScriptAsync('sla.ts', NOW, { cwd: repo!.dir, env });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      '✖ directory             directory  private directory: customers.cust-9b7c03.contacts.0: not a valid e-mail address; this contact gets no e-mail until fixed\n',
    );
    expect(r.stdout).toMatch(
      /✖ customer-email .*1 of 2 customer\(s\) not notified \(no usable contact in the private directory: cust-9b7c03\); 1 notified.*manager told; retried on the next run/,
    );
    expect(
      resend!.delivered.filter((d) => d.idempotencyKey.includes('customer-email/0/batch-')).map((d) => d.to),
    ).toEqual([['ops@alpha.example'], ['cto@alpha.example']]);
    expect(resend!.delivered.some((d) => d.to.includes('noc-at-beta'))).toBe(false);
    expect(resend!.delivered.find((d) => d.subject.includes('directory problem'))!.to).toEqual([
      't.sato@provider.example',
    ]);
    // GitHub-side work still happens, and the dashboard shows the problem without the address.
    const dashboard = github!.issues.find((i) => i.labels.includes('sla-dashboard'))!.body;
    expect(dashboard).toContain('### Private directory problems');
    expect(dashboard).toContain('customers.cust-9b7c03.contacts.0: not a valid e-mail address');
    expect(dashboard + r.stdout + r.stderr).not.toContain('noc-at-beta');
    // Fixed: the next run sends to that customer alone, and the notice completes.
    writeFileSync(env.STATUS_DIRECTORY!, DIRECTORY);
    const r2 = await runScriptAsync('sla.ts', NOW, { cwd: repo!.dir, env });
    expect(r2.stdout).toMatch(
      /✔ customer-email .*notice of update 1 accepted for 2 customer\(s\), 1 message\(s\) sent in this run \(initial\)/,
    );
    // The customer who had nothing gets the first notice, not an "update" of something never received.
    expect(resend!.delivered.find((d) => d.to[0] === 'noc@beta.example')!.subject).toBe(
      resend!.delivered.find((d) => d.to[0] === 'ops@alpha.example')!.subject,
    );
    expect(resend!.delivered.filter((d) => d.to[0] === 'noc@beta.example')).toHaveLength(1);
    expect(resend!.delivered.filter((d) => d.to[0] === 'ops@alpha.example')).toHaveLength(1);
  });

  it('a provider-side rejection of the batch (422) is reported with addresses redacted, and nothing is recorded', async () => {
    const { env } = await declared();
    resend!.faults.push({ status: 422 });
    const r = await runScriptAsync('sla.ts', NOW, { cwd: repo!.dir, env });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✖ (customer-email|manager-notification) .*HTTP 422/);
  });

  it('no directory configured: no e-mail, a clear report, and GitHub-side work (tracking issue, dashboard) still done', async () => {
    const { env } = await declared();
    const r = await runScriptAsync('sla.ts', NOW, { cwd: repo!.dir, env: { ...env, STATUS_DIRECTORY: '' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✖ directory             directory  private directory: STATUS_DIRECTORY is not set');
    expect(resend!.delivered).toHaveLength(0);
    expect(github!.issues.filter((i) => i.labels.includes('incident'))).toHaveLength(1);
    expect(github!.issues.find((i) => i.labels.includes('sla-dashboard'))!.body).toContain(
      'STATUS_DIRECTORY is not set',
    );
  });

  it('no STATUS_LEDGER_KEY: customer e-mail refused with one line, nothing else held up', async () => {
    const { env } = await declared();
    const r = await runScriptAsync('sla.ts', NOW, { cwd: repo!.dir, env: { ...env, STATUS_LEDGER_KEY: '' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /✖ customer-email .*STATUS_LEDGER_KEY is not set \(or shorter than 32 characters\): customer e-mail is not sent/,
    );
    expect(resend!.delivered.filter((d) => d.to.some((t) => !t.endsWith('@provider.example')))).toHaveLength(0);
    expect(github!.issues.filter((i) => i.labels.includes('incident'))).toHaveLength(1);
    const short = await runScriptAsync('sla.ts', NOW, {
      cwd: repo!.dir,
      env: { ...env, STATUS_LEDGER_KEY: 'too-short' },
    });
    expect(short.code).toBe(1);
    expect(short.stdout).toMatch(/✖ customer-email .*STATUS_LEDGER_KEY is not set \(or shorter than 32 characters\)/);
    expect(short.stdout + short.stderr).not.toContain('too-short');
    expect(resend!.delivered.filter((d) => d.to.some((t) => !t.endsWith('@provider.example')))).toHaveLength(0);
  });

  it('damaged ledger lines: a torn last line is named and ignored (not a failure), a bad line inside a file is named, skipped and a failure; e-mail goes out either way', async () => {
    const { env } = await declared();
    const good =
      '{"key":"other/tracking-issue","kind":"tracking-issue","incident":"other","at":"2026-11-19T10:00:00+09:00","detail":{"number":1}}';
    repo!.write('ledger/2026/torn.jsonl', `${good}\n{"key":"other/manager-notif`);
    const torn = await runScriptAsync('sla.ts', NOW, { cwd: repo!.dir, env });
    expect(torn.code, torn.stdout).toBe(0);
    expect(torn.stdout).toContain('✔ ledger');
    expect(torn.stdout).toContain('ledger/2026/torn.jsonl:2: last line cut off');
    expect(resend!.delivered.filter((d) => d.subject.startsWith('【'))).toHaveLength(3);
    expect(github!.issues.find((i) => i.labels.includes('sla-dashboard'))!.body).toContain('### Ledger lines skipped');
    repo!.write('ledger/2026/damaged.jsonl', `{"key":\n${good}\n`);
    const damaged = await runScriptAsync('sla.ts', ['--now', '2026-11-20T10:25:00+09:00'], { cwd: repo!.dir, env });
    expect(damaged.code).toBe(1);
    expect(damaged.stdout).toMatch(
      /✖ ledger .*ledger\/2026\/damaged.jsonl:1: not valid JSON; skipped, restore the file from history/,
    );
    expect(damaged.stdout).not.toMatch(/\n\s+at /);
  });
});

it('the sample data: a dry run at a fixed instant shows what is due, checkable by hand', () => {
  const r = runScript('sla.ts', ['--dry-run', '--now', '2026-11-28T09:12:00+09:00', '--format', 'json'], {
    cwd: REPO_ROOT,
  });
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout).map((a: { kind: string; incident: string }) => `${a.kind} ${a.incident}`)).toEqual([
    'manager-notification 2026-11-28-kcps-object-storage-upload-failures',
    'tracking-comment 2026-11-28-kcps-object-storage-upload-failures',
    'warning 2026-11-28-kcps-object-storage-upload-failures',
  ]);
});

describe('candidates: the clock runs before anyone merges', () => {
  it('npm run sla -- --dry-run --now lists the warning for an unmerged intake draft; the real run warns the manager and the responder and shows it on the draft and the dashboard', async () => {
    const { env } = await declared();
    // The draft as `npm run intake -- alert` leaves it at 09:12 (that command has its own tests).
    const { seedAlertDraft } = await import('../test/fakes/seed-intake.ts');
    seedAlertDraft(github!, 'alertmanager-firing.json', Date.parse('2026-11-28T09:12:00+09:00'));
    const id = '2026-11-28-kcps-block-storage-latency-high-3f2a9c01';
    // 09:23: under 10 minutes left until the notification deadline (09:32:13).
    const dry = await runScriptAsync('sla.ts', ['--dry-run', '--now', '2026-11-28T09:23:00+09:00'], {
      cwd: repo!.dir,
      env,
    });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(
      `2026-11-28T09:23:00+09:00  warning               ${id}  candidate #1, not merged yet: 9 minute(s) left until the customer notification deadline 2026-11-28T09:32:13+09:00`,
    );
    const writes = github!.requests.filter((r) => !r.startsWith('GET '));
    const run = await runScriptAsync('sla.ts', ['--now', '2026-11-28T09:23:00+09:00'], { cwd: repo!.dir, env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(writes.length).toBeLessThan(github!.requests.filter((r) => !r.startsWith('GET ')).length);
    const warning = resend!.delivered.find((d) => d.subject === `[${id}] SLA warning: notify`)!;
    expect(warning.to).toEqual(['t.sato@provider.example', 'k.tanaka@provider.example']);
    const pull = github!.pulls.find((p) => p.head === 'intake/3f2a9c01b7d4e865')!;
    expect(pull.comments.find((c) => c.body.includes(`${id}/warning/notify`))!.body).toContain(
      '@t-sato @k-tanaka ⚠️ 9 minute(s) left until the **customer notification** deadline',
    );
    expect(pull.comments.find((c) => c.body.includes('intake-clock'))!.body).toContain('**9 min left**');
    expect(github!.issues.find((i) => i.labels.includes('sla-dashboard'))!.body).toContain(
      `| #1 | ${id} | monitoring | running (9 min left), by 2026-11-28 09:32 JST |`,
    );
    expect(ledgerLines().find((l) => l.key === `${id}/warning/notify`)).toMatchObject({
      kind: 'warning',
      incident: id,
    });
    // Sent once: the next run (and the merged incident later) finds the same key in the ledger (core test: candidates.test.ts).
  });
});
