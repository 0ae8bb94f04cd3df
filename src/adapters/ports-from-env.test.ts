/** The one place adapters are built from the environment: what each variable does, what its absence says, and the switches. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../test/fakes/fake-github.ts';
import { startFakeResend, type FakeResend } from '../../test/fakes/fake-resend.ts';
import { startFakeWebhook, type FakeWebhook } from '../../test/fakes/fake-webhook.ts';
import { UserError } from '../core/errors.ts';
import { GITHUB_MISSING, portsFromEnv, type Env } from './ports-from-env.ts';
import { PRODUCTION, type Switches } from './switches.ts';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const f of open.splice(0)) await f.close();
});
const github = async () => {
  const g = await startFakeGitHub();
  open.push(g);
  return g;
};
const FAST: Switches = { patient: false, sleep: async () => {} };
const githubEnv = (g: FakeGitHub): Env => ({
  GITHUB_TOKEN: 'ghs_test',
  GITHUB_REPOSITORY: 'example/status',
  GITHUB_API_URL: g.url,
});
const engineEnv = (g: FakeGitHub, r: FakeResend): Env => ({
  ...githubEnv(g),
  RESEND_API_KEY: 're_test_key',
  RESEND_BASE_URL: r.url,
  STATUS_MAIL_FROM: 'status@provider.example',
});
const thrown = (f: () => unknown): UserError => {
  try {
    f();
  } catch (err) {
    return err as UserError;
  }
  throw new Error('expected a throw');
};

describe('GitHub', () => {
  it('requireGitHub names both variables in one line, whichever is missing, and an empty value counts as missing', () => {
    for (const env of [
      {},
      { GITHUB_TOKEN: 'x' },
      { GITHUB_REPOSITORY: 'o/r' },
      { GITHUB_TOKEN: '', GITHUB_REPOSITORY: 'o/r' },
    ]) {
      const err = thrown(() => portsFromEnv(env, PRODUCTION).requireGitHub());
      expect(err).toBeInstanceOf(UserError);
      expect(err.message).toBe(GITHUB_MISSING);
      expect(err.message).not.toContain('\n');
      expect(err.exitCode).toBe(1);
    }
    expect(thrown(() => portsFromEnv({}, PRODUCTION).requireGitHub('custom: say what to do')).message).toBe(
      'custom: say what to do',
    );
  });

  it('github() is undefined unless both are set (optional uses go without)', () => {
    expect(portsFromEnv({ GITHUB_TOKEN: 'x' }, PRODUCTION).github()).toBeUndefined();
    expect(portsFromEnv({ GITHUB_REPOSITORY: 'o/r' }, PRODUCTION).github()).toBeUndefined();
    expect(portsFromEnv({ GITHUB_TOKEN: 'x', GITHUB_REPOSITORY: 'o/r' }, PRODUCTION).github()?.token).toBe('x');
  });

  it('reads only the env object it is given, never process.env', () => {
    const saved = { token: process.env.GITHUB_TOKEN, repo: process.env.GITHUB_REPOSITORY };
    process.env.GITHUB_TOKEN = 'from-process';
    process.env.GITHUB_REPOSITORY = 'o/r';
    try {
      expect(portsFromEnv({}, PRODUCTION).github()).toBeUndefined();
    } finally {
      if (saved.token === undefined) delete process.env.GITHUB_TOKEN;
      else process.env.GITHUB_TOKEN = saved.token;
      if (saved.repo === undefined) delete process.env.GITHUB_REPOSITORY;
      else process.env.GITHUB_REPOSITORY = saved.repo;
    }
  });

  it('GITHUB_API_URL is where every port talks, with the token', async () => {
    const g = await github();
    const ports = portsFromEnv(githubEnv(g), FAST).requireGitHub();
    g.issues.push({ number: 1, title: 't', body: 'b', state: 'open', labels: [], comments: [] });
    await ports.issues().comment(1, 'hello');
    expect(g.issues[0]!.comments).toEqual(['hello']);
    expect(await ports.intake().openCandidates()).toEqual([]);
    await ports.alertDispatch()({ status: 'firing' }, AbortSignal.timeout(5_000));
    expect(g.dispatches).toEqual([{ event_type: 'alert', client_payload: { alert: { status: 'firing' } } }]);
    expect(await ports.pulls().pullRequestOf('abc123')).toBeUndefined();
  });

  it('impatient (tests): a 503 fails at once, one request; patient (production): octokit retries it', async () => {
    const g = await github();
    g.down = true;
    await expect(portsFromEnv(githubEnv(g), FAST).requireGitHub().issues().comment(1, 'x')).rejects.toMatchObject({
      status: 503,
    });
    expect(g.requests).toHaveLength(1);
    g.requests.length = 0;
    g.issues.push({ number: 1, title: 't', body: 'b', state: 'open', labels: [], comments: [] });
    // The outage ends once the first attempt was refused, before octokit's first retry (about a second later).
    const watch = setInterval(() => g.requests.length && ((g.down = false), clearInterval(watch)), 5);
    await portsFromEnv(githubEnv(g), PRODUCTION).requireGitHub().issues().comment(1, 'after the outage');
    expect(g.requests).toEqual([
      'POST /repos/example/status/issues/1/comments',
      'POST /repos/example/status/issues/1/comments',
    ]);
    expect(g.issues[0]!.comments).toEqual(['after the outage']);
  }, 15_000);
});

describe('the SLA engine senders', () => {
  it('the first missing secret is named, in a fixed order, with what was (not) done', async () => {
    const g = await github();
    const r = await startFakeResend();
    open.push(r);
    const full = engineEnv(g, r);
    for (const name of ['RESEND_API_KEY', 'GITHUB_TOKEN', 'GITHUB_REPOSITORY', 'STATUS_MAIL_FROM']) {
      const err = thrown(() => portsFromEnv({ ...full, [name]: undefined }, FAST).engineSenders(() => 60_000));
      expect(err).toBeInstanceOf(UserError);
      expect(err.message).toBe(
        `${name} is not set; nothing was sent (a secret in Actions; see README, "The SLA engine")`,
      );
    }
    // Two missing: the earlier one in the order is named.
    expect(
      thrown(() => portsFromEnv({ ...full, STATUS_MAIL_FROM: '', GITHUB_TOKEN: '' }, FAST).engineSenders(() => 60_000))
        .message,
    ).toMatch(/^GITHUB_TOKEN /);
    expect(portsFromEnv(full, FAST).engineSenders(() => 60_000).secrets).toEqual(['re_test_key', 'ghs_test']);
  });

  it('e-mail goes to RESEND_BASE_URL from STATUS_MAIL_FROM, and the sleep switch is how its retries wait', async () => {
    const g = await github();
    const r = await startFakeResend({ ratePerSecond: Infinity });
    open.push(r);
    r.faults.push({ status: 500 });
    const waits: number[] = [];
    const { email } = portsFromEnv(engineEnv(g, r), {
      patient: false,
      sleep: async (ms) => void waits.push(ms),
    }).engineSenders(() => 60_000);
    const result = await email.sendBatch([{ to: ['a@x.example'], subject: 's', text: 't', html: '<p>t</p>' }], 'k/1');
    expect(result).toEqual({ ids: [r.delivered[0]!.id] });
    expect(waits).toEqual([500]); // the back-off went through the switch: nothing really waited
  });

  it('STATUS_MAIL_TIMEOUT_MS bounds each attempt: a provider that hangs fails in time', async () => {
    const g = await github();
    const r = await startFakeResend({ ratePerSecond: Infinity });
    open.push(r);
    r.faults.push('hang', 'hang', 'hang', 'hang', 'hang', 'hang');
    const { email } = portsFromEnv({ ...engineEnv(g, r), STATUS_MAIL_TIMEOUT_MS: '50' }, FAST).engineSenders(
      () => 60_000,
    );
    await expect(
      email.sendBatch([{ to: ['a@x.example'], subject: 's', text: 't', html: '<p>t</p>' }], 'k/hang'),
    ).rejects.toThrow(/gave up after 6 attempts/);
  });
});

describe('webhooks and the directory', () => {
  it('STATUS_WEBHOOK_TIMEOUT_MS bounds each attempt and retries wait through the sleep switch', async () => {
    const hook: FakeWebhook = await startFakeWebhook('statuspage', 'hold');
    open.push(hook);
    const waits: number[] = [];
    const port = portsFromEnv(
      { STATUS_WEBHOOK_TIMEOUT_MS: '50' },
      { patient: false, sleep: async (ms) => void waits.push(ms) },
    ).webhooks();
    await expect(
      port.deliver({ id: 'h', kind: 'statuspage', url: hook.url, secret: 's' } as never, { eventId: 'e1', body: '{}' }),
    ).rejects.toThrow('not delivered after 3 attempt(s): no answer within 50 ms');
    expect(hook.received).toHaveLength(3);
    expect(waits).toEqual([500, 1000]);
  });

  it('STATUS_DIRECTORY: unset is a reported problem (not a throw); a missing file names the error code; a file is read', () => {
    expect(portsFromEnv({}, PRODUCTION).hasDirectory()).toBe(false);
    expect(portsFromEnv({}, PRODUCTION).directory().problems).toEqual([
      expect.stringMatching(/^STATUS_DIRECTORY is not set: /),
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'ports-env-'));
    expect(portsFromEnv({ STATUS_DIRECTORY: join(dir, 'nope.yaml') }, PRODUCTION).directory().problems).toEqual([
      expect.stringContaining('cannot read the private directory (ENOENT)'),
    ]);
    writeFileSync(join(dir, 'd.yaml'), 'customers: {}\nstaff:\n  k-tanaka: k-tanaka@provider.example\n');
    const read = portsFromEnv({ STATUS_DIRECTORY: join(dir, 'd.yaml') }, PRODUCTION);
    expect(read.hasDirectory()).toBe(true);
    expect(read.directory()).toMatchObject({
      directory: { staff: { 'k-tanaka': 'k-tanaka@provider.example' } },
      problems: [],
    });
  });
});
