/**
 * Hostile tests of intake (issue 12): a sender with network access to the
 * receiver, an employee filing forms, a flaky monitoring system, a tired
 * on-call engineer. Each test asserts the CORRECT behaviour; the ones marked
 * "finding" fail until the product is fixed, the others pin attacks that
 * are already handled.
 */
import { execFileSync } from 'node:child_process';
import { Agent, createServer, request, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, catalog } from '../test/builders.ts';
import { startFakeGitHub, type FakeGitHub } from '../test/fakes/fake-github.ts';
import { listenLocal } from '../test/fakes/http.ts';
import { seedAlertDraft } from '../test/fakes/seed-intake.ts';
import { runScriptAsync } from '../test/helpers/run-script.ts';
import { createTempRepo, type TempRepo } from '../test/helpers/temp-repo.ts';
import { createAlertReceiver } from '../src/adapters/alert-receiver.ts';
import { githubIntakePort } from '../src/adapters/github-intake.ts';
import { checkFile } from '../src/core/check/check-incidents.ts';
import { parseAlertPayload } from '../src/core/intake/alert-payload.ts';
import { planAlertIntake, type IntakeStep } from '../src/core/intake/alert-plan.ts';
import { candidateMarker } from '../src/core/intake/candidate.ts';
import { untrusted } from '../src/core/intake/draft-text.ts';
import { planDeclaration } from '../src/core/intake/issue-form.ts';

const NOW = Date.parse('2026-11-28T10:00:00+09:00');
const SECRET = 'hostile-test-secret-0123456789';
const amFixture = readFileSync(join(REPO_ROOT, 'test/fixtures/alerts/alertmanager-firing.json'), 'utf8');

const generic = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    kind: 'status-portal.alert/v1',
    fingerprint: 'uptime-dns-01',
    status: 'firing',
    name: 'DnsProbeFailing',
    labels: { service: 'kcps', component: 'dns' },
    starts_at: '2026-11-28T09:05:00+09:00',
    summary: 'DNS probe failing',
    ...over,
  });

type OpenDraft = Extract<IntakeStep, { kind: 'open-draft' }>;
function drafts(body: string): OpenDraft[] {
  const parsed = parseAlertPayload(body);
  if (!parsed.ok) return [];
  return planAlertIntake(parsed.alerts, {
    catalog,
    now: NOW,
    candidates: [],
    incidents: [],
    dismissed: [],
  }).steps.filter((s): s is OpenDraft => s.kind === 'open-draft');
}
const errorsOf = (d: { path: string; content: string }, now = NOW) =>
  checkFile({ file: d.path, content: d.content }, { catalog, now }).findings.filter((f) => f.severity === 'error');

const deskBody = (f: { service?: string; components?: string; at?: string; caseNo?: string; what?: string }) =>
  `### Service\n\n${f.service ?? 'kbi'}\n\n### Components\n\n${f.components ?? 'login'}\n\n### Inquiry received at\n\n${f.at ?? '2026-11-28T23:30:00+09:00'}\n\n### Case number\n\n${f.caseNo ?? 'CASE-20261128-0042'}\n\n### What the customer reports\n\n${f.what ?? 'cannot log in'}`;
const desk = (body: string, assignees: string[] = []) => ({
  number: 7,
  url: 'https://github.test/o/r/issues/7',
  title: 'Login fails',
  body,
  labels: ['desk-inquiry'],
  assignees,
});
const SUNDAY_1AM = Date.parse('2026-11-29T01:00:00+09:00');

describe('alert payloads (findings)', () => {
  it('finding: a fingerprint the schema accepts always makes a legal git branch (no "..", ".lock", trailing ".")', () => {
    for (const fp of ['a..b', 'abc.lock', 'abc.']) {
      const d = drafts(generic({ fingerprint: fp }));
      for (const step of d) {
        // GitHub answers 422 to an illegal ref, which openDraft takes for "the branch exists" and then fails on the file.
        expect(
          () => execFileSync('git', ['check-ref-format', `refs/heads/${step.branch}`]),
          `${fp} → ${step.branch}`,
        ).not.toThrow();
      }
    }
  });

  it("finding: Go's zero time (0001-01-01T00:00:00Z) or 1970 as startsAt does not start the SLA clock centuries ago", () => {
    for (const at of ['0001-01-01T00:00:00Z', '1970-01-01T00:00:00Z']) {
      for (const d of drafts(generic({ starts_at: at }))) expect(d.incident.detection!.at.slice(0, 4), at).toBe('2026');
    }
  });

  it('finding: starts_at must really be RFC 3339: "Sat Nov 28 2026 Z" and "2026-11-28 Z" are refused, not read as 09:00 JST', () => {
    for (const at of ['Sat Nov 28 2026 Z', '2026-11-28 Z', '28 Nov 2026 09:05 +09:00'])
      expect(parseAlertPayload(generic({ starts_at: at })).ok, at).toBe(false);
  });

  it('finding: the same alert twice in one notification is one alert of the draft, not "2 firing alerts" with the fingerprint twice', () => {
    const am = JSON.parse(amFixture) as { alerts: unknown[] };
    am.alerts = [am.alerts[0], am.alerts[0]];
    const [d] = drafts(JSON.stringify(am));
    expect(d).toBeDefined();
    expect(d!.body).toContain('opened from a monitoring alert.');
    expect(d!.body.match(/`3f2a9c01b7d4e865`/g)).toHaveLength(1);
  });

  it('finding: a Grafana notification of 101 firing alerts (no max_alerts in Grafana) is not dropped whole', () => {
    const grafana = {
      orgId: 1,
      receiver: 'status-portal',
      status: 'firing',
      alerts: Array.from({ length: 101 }, (_, i) => ({
        status: 'firing',
        labels: { alertname: 'BlockStorageLatencyHigh', service: 'kcps', component: 'block-storage' },
        annotations: {},
        startsAt: '2026-11-28T00:02:13Z',
        fingerprint: `f${i}`,
      })),
    };
    const p = parseAlertPayload(JSON.stringify(grafana));
    // A 400 is not retried by the sender: in the largest outage nothing would open. Take what fits, count the rest as truncated.
    expect(p.ok).toBe(true);
  });
});

describe('addresses and telephone numbers never reach a file (findings)', () => {
  it('finding: full-width ＠, IDN domains and Japanese numbers without hyphens are removed from untrusted text', () => {
    for (const leak of [
      'taro＠example.co.jp',
      'taro@例え.jp',
      '09012345678',
      '03 1234 5678',
      '０３－１２３４－５６７８',
      '+81312345678',
    ]) {
      const shown = untrusted(`call ${leak} please`);
      expect(shown, leak).not.toContain(leak);
    }
  });

  it("finding: an unroutable alert's problem line (printed to the public Actions log) does not carry an address or number from its labels", () => {
    const p = parseAlertPayload(
      generic({ name: 'Page taro@example.co.jp', labels: { owner: 'taro@example.co.jp', tel: '03-1234-5678' } }),
    );
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    const line = planAlertIntake(p.alerts, {
      catalog,
      now: NOW,
      candidates: [],
      incidents: [],
      dismissed: [],
    }).problems.join('\n');
    expect(line).toMatch(/no intake route/);
    expect(line).not.toContain('taro@example.co.jp');
    expect(line).not.toContain('03-1234-5678');
  });

  it('finding: a telephone number typed as the case number does not reach the incident file', () => {
    const d = planDeclaration(
      desk(deskBody({ caseNo: '090-1234-5678' })),
      'a-kobayashi',
      catalog,
      SUNDAY_1AM,
      new Set(),
    );
    if (d.ok) expect((d.steps[0] as OpenDraft).content).not.toContain('090-1234-5678');
  });

  it('finding: an e-mail address typed as the case number is refused with a reason on the issue, not turned into a draft the checker rejects (a crash in performSteps)', () => {
    const d = planDeclaration(
      desk(deskBody({ caseNo: 'taro@example.co.jp' })),
      'a-kobayashi',
      catalog,
      SUNDAY_1AM,
      new Set(),
    );
    if (d.ok) expect(errorsOf(d.steps[0] as OpenDraft, SUNDAY_1AM).map((f) => f.code)).toEqual([]);
    else expect(d.problem).toMatch(/Case number/);
  });
});

describe('declarations (findings)', () => {
  it('finding: a KBI inquiry dated in year 1 is a user error explained on the issue, not a CalendarCoverageError stack trace', () => {
    const run = () =>
      planDeclaration(desk(deskBody({ at: '0001-01-01T00:00:00Z' })), 'a-kobayashi', catalog, SUNDAY_1AM, new Set());
    expect(run).not.toThrow();
    const d = run();
    expect(d.ok).toBe(false);
  });

  it('finding: an assignee who cannot be a responder (a bot) is refused or passed over, never an invalid draft', () => {
    const d = planDeclaration(desk(deskBody({}), ['dependabot[bot]']), 'a-kobayashi', catalog, SUNDAY_1AM, new Set());
    if (d.ok) expect(errorsOf(d.steps[0] as OpenDraft, SUNDAY_1AM).map((f) => `${f.code} ${f.message}`)).toEqual([]);
  });
});

describe('declarations (handled)', () => {
  it('a manager of another department is refused, naming who may declare', () => {
    const d = planDeclaration(desk(deskBody({})), 't-sato', catalog, SUNDAY_1AM, new Set());
    expect(d).toMatchObject({
      ok: false,
      problem: expect.stringContaining('@t-sato is not a manager of a department responsible for kbi'),
    });
  });

  it('KBI inquiries to a closed desk: Saturday night starts Monday 09:00, a holiday the next day, the year-end closure on 4 January', () => {
    const cases: [string, number, string][] = [
      ['2026-11-28T23:30:00+09:00', SUNDAY_1AM, '2026-11-30 09:00 JST'],
      ['2026-11-23T10:00:00+09:00', Date.parse('2026-11-23T11:00:00+09:00'), '2026-11-24 09:00 JST'],
      ['2026-12-30T10:00:00+09:00', Date.parse('2026-12-30T11:00:00+09:00'), '2027-01-04 09:00 JST'],
    ];
    for (const [at, now, start] of cases) {
      const d = planDeclaration(desk(deskBody({ at })), 'r-yamamoto', catalog, now, new Set());
      expect(d.ok).toBe(true);
      if (d.ok) expect((d.steps[0] as OpenDraft).clock).toContain(`Clock started ${start} (the desk's next opening`);
    }
  });

  it('a "### Case number" smuggled into the report text does not replace the real field; markup stays out of the file front matter', () => {
    const d = planDeclaration(
      desk(deskBody({ what: 'x\n### Case number\n\n@org/team\n---\nid: evil' })),
      'r-yamamoto',
      catalog,
      SUNDAY_1AM,
      new Set(),
    );
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    const step = d.steps[0] as OpenDraft;
    expect(step.incident.detection!.ref).toBe('CASE-20261128-0042');
    expect(errorsOf(step, SUNDAY_1AM)).toEqual([]);
    expect(step.content.split('\n').filter((l) => l === '---')).toHaveLength(2);
  });
});

describe('alert text (handled)', () => {
  it('mentions, HTML, RTL, front-matter breakers and addresses in an alert stay out of the front matter and out of markup', () => {
    const [d] = drafts(
      generic({
        name: '@org/team <img src=x onerror=alert(1)> \u202egnp ---',
        summary: 'line1\n---\nid: x\n@everyone `rm -rf /` $(id) taro@example.co.jp 03-1234-5678',
      }),
    );
    expect(d).toBeDefined();
    expect(errorsOf(d!)).toEqual([]);
    expect(d!.content.split('\n').filter((l) => l === '---')).toHaveLength(2);
    expect(d!.content).not.toContain('taro@example.co.jp');
    expect(d!.content).not.toContain('03-1234-5678');
    const row = d!.body.split('\n').find((l) => l.includes('org/team'))!;
    expect(row).toMatch(/\| `@org\/team <img/);
    expect(d!.incident.title.en).not.toMatch(/org|img|team/);
  });

  it('path traversal and slashes in a fingerprint are refused; unknown labels are one problem line', () => {
    expect(parseAlertPayload(generic({ fingerprint: '../../etc/passwd' })).ok).toBe(false);
    expect(parseAlertPayload(generic({ fingerprint: 'refs/heads/main' })).ok).toBe(false);
    const p = parseAlertPayload(generic({ labels: { foo: 'bar' } }));
    expect(p.ok).toBe(true);
    if (p.ok)
      expect(
        planAlertIntake(p.alerts, { catalog, now: NOW, candidates: [], incidents: [], dismissed: [] }).problems,
      ).toHaveLength(1);
  });

  it('deeply nested and non-object JSON is refused with a reason, without a stack overflow', () => {
    expect(parseAlertPayload('['.repeat(20_000) + ']'.repeat(20_000))).toMatchObject({ ok: false });
    expect(
      parseAlertPayload(`{"kind":"status-portal.alert/v1","labels":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`),
    ).toMatchObject({ ok: false });
    expect(parseAlertPayload('{"version":"4",')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/not JSON/),
    });
  });
});

describe('the intake workflow (finding)', () => {
  it('finding: alert runs queue instead of replacing each other (a single pending slot cancels the previous pending alert)', () => {
    // GitHub: with the default queue (single), "any existing pending job or workflow in the same
    // concurrency group will be canceled" when a new one queues; `queue: max` keeps up to 100 pending.
    const wf = yaml.load(readFileSync(join(REPO_ROOT, '.github/workflows/intake.yml'), 'utf8')) as {
      concurrency?: { queue?: string };
    };
    if (wf.concurrency) expect(wf.concurrency.queue).toBe('max');
  });
});

describe('open candidates (finding)', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

  it("finding: a fork's pull request from a branch named intake/… with a forged marker is not a candidate (it would swallow the real alert)", async () => {
    const marker = candidateMarker({
      id: '2026-11-28-kcps-block-storage-latency-high-3f2a9c01',
      service: 'kcps',
      source: 'monitoring',
      fingerprints: ['3f2a9c01b7d4e865'],
    });
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      res.setHeader('Content-Type', 'application/json');
      if (path === '/repos/example/status/pulls') {
        // GitHub's pulls list carries head.repo for every pull request; a fork's is another repository.
        return res.end(
          JSON.stringify([
            {
              number: 5,
              body: marker,
              draft: false,
              html_url: 'https://github.test/example/status/pull/5',
              head: { ref: 'intake/3f2a9c01b7d4e865', repo: { full_name: 'mallory/status', fork: true } },
              base: { ref: 'main', repo: { full_name: 'example/status' } },
              assignees: [],
            },
          ]),
        );
      }
      res.statusCode = 404;
      res.end(JSON.stringify({ message: 'Not Found' }));
    });
    const url = await listenLocal(server);
    const port = githubIntakePort({ token: 'ghs_test', repository: 'example/status', baseUrl: url, patient: false });
    expect(await port.openCandidates()).toEqual([]);
  });
});

describe('dismissal (finding)', () => {
  let repo: TempRepo | undefined;
  let github: FakeGitHub | undefined;
  afterEach(async () => {
    repo?.cleanup();
    await github?.close();
    repo = github = undefined;
  });

  it("finding: the recorded reason is the closer's /not-an-incident, not a later one from anybody else", async () => {
    repo = createTempRepo();
    repo.write('incidents/.keep', '');
    repo.commit('init');
    github = await startFakeGitHub();
    const marker = candidateMarker({
      id: '2026-11-28-kcps-dns-probe-failing-uptime-d',
      service: 'kcps',
      source: 'monitoring',
      fingerprints: ['uptime-dns-01'],
    });
    github.pulls.push({
      number: 1,
      head: 'intake/uptime-dns-01',
      base: 'main',
      draft: true,
      state: 'closed',
      body: marker,
      reviews: [],
      commitAuthors: [],
      comments: [
        { id: 1, body: '/not-an-incident staging probe misconfigured', user: 't-sato' },
        { id: 2, body: '/not-an-incident manager approved, nothing happened', user: 'mallory' },
      ],
    });
    const env = { GITHUB_TOKEN: 'ghs_test', GITHUB_REPOSITORY: 'example/status', GITHUB_API_URL: github.url };
    const r = await runScriptAsync(
      'intake.ts',
      ['dismiss', '--pr', '1', '--by', 't-sato', '--dry-run', '--now', '2026-11-28T10:00:00+09:00'],
      { cwd: repo.dir, env },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('staging probe misconfigured');
    expect(r.stdout).not.toContain('nothing happened');
  });
});

describe('npm run sla -- --dry-run with an open candidate (handled)', () => {
  let repo: TempRepo | undefined;
  let github: FakeGitHub | undefined;
  afterEach(async () => {
    repo?.cleanup();
    await github?.close();
    repo = github = undefined;
  });

  it('warns before the notification deadline (not earlier), and a dismissed candidate plans nothing', async () => {
    repo = createTempRepo();
    repo.write('incidents/.keep', '');
    repo.commit('init');
    github = await startFakeGitHub();
    const { number, draft } = seedAlertDraft(
      github,
      'alertmanager-firing.json',
      Date.parse('2026-11-28T09:12:00+09:00'),
    );
    const env = { GITHUB_TOKEN: 'ghs_test', GITHUB_REPOSITORY: 'example/status', GITHUB_API_URL: github.url };
    const sla = (now: string) => runScriptAsync('sla.ts', ['--dry-run', '--now', now], { cwd: repo!.dir, env });
    const [early, due] = await Promise.all([sla('2026-11-28T09:20:00+09:00'), sla('2026-11-28T09:25:00+09:00')]);
    expect(early.stdout).toBe('Nothing is due.\n');
    expect(due.stdout).toMatch(
      new RegExp(
        `warning +${draft.incident.id} +candidate #${number}, not merged yet: 7 minute\\(s\\) left until the customer notification deadline 2026-11-28T09:32:13\\+09:00`,
      ),
    );
    repo.write(
      'ledger/2026/2026-11-28T00-15-00-000Z-dismiss.jsonl',
      `${JSON.stringify({ key: `${draft.incident.id}/dismissed`, kind: 'candidate-dismissed', incident: draft.incident.id, at: '2026-11-28T09:15:00+09:00', detail: { pr: number, by: 't-sato', reason: 'staging probe', service: 'kcps', source: 'monitoring', fingerprints: '3f2a9c01b7d4e865' } })}\n`,
    );
    repo.commit('dismissed');
    expect((await sla('2026-11-28T09:25:00+09:00')).stdout).toBe('Nothing is due.\n');
  });
});

describe('the receiver over real HTTP', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((r) => (server ? (server.closeAllConnections(), server.close(() => r())) : r())));
  const start = async (forward: (a: unknown) => Promise<void> = async () => {}) => {
    server = createAlertReceiver({ secret: SECRET, forward });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    return (server.address() as AddressInfo).port;
  };
  const call = (
    port: number,
    o: {
      method?: string;
      path?: string;
      auth?: string | null;
      body?: string;
      headers?: Record<string, string>;
      agent?: Agent | false;
    },
  ) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...o.headers };
      if (o.auth !== null) headers.authorization = o.auth ?? `Bearer ${SECRET}`;
      const req = request(
        {
          agent: o.agent ?? false,
          host: '127.0.0.1',
          port,
          method: o.method ?? 'POST',
          path: o.path ?? '/alert',
          headers,
        },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode!, text: text.trim() }));
        },
      );
      req.on('error', reject);
      req.end(o.body ?? amFixture);
    });

  it('handled: secrets, methods, paths, sizes and bad bodies get the right status; GitHub refusing the payload (422) is a 400 the sender does not retry forever', async () => {
    let forwarded = 0;
    let fail = false;
    const port = await start(async () => {
      forwarded++;
      if (fail) throw Object.assign(new Error('Validation Failed'), { status: 422 });
    });
    expect((await call(port, { auth: null })).status).toBe(401);
    expect((await call(port, { auth: `Bearer ${SECRET.slice(0, -1)}X` })).status).toBe(401);
    expect((await call(port, { auth: `Bearer ${SECRET}${SECRET}` })).status).toBe(401);
    expect((await call(port, { auth: `Bearer ${SECRET} extra` })).status).toBe(401);
    expect((await call(port, { auth: `Basic ${Buffer.from(`x:${SECRET}`).toString('base64')}` })).status).toBe(401);
    expect((await call(port, { method: 'PUT' })).status).toBe(405);
    expect((await call(port, { path: '/alert/../admin' })).status).toBe(404);
    expect((await call(port, { method: 'GET', path: '/healthz', auth: null, body: '' })).status).toBe(200);
    expect((await call(port, { body: '{"version":"4",' })).status).toBe(400);
    expect((await call(port, { body: 'x'.repeat(61 * 1024) })).status).toBe(413);
    expect(forwarded).toBe(0);
    expect((await call(port, {})).status).toBe(202);
    fail = true;
    expect(await call(port, {})).toMatchObject({ status: 400 });
    expect(forwarded).toBe(2);
  });

  it('handled: one keep-alive connection survives refused requests (404, 405, 400) and the next alert still gets through', async () => {
    const port = await start();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const statuses = [];
      for (const o of [{ path: '/nope' }, {}, { method: 'PUT' }, {}, { body: '{' }, {}])
        statuses.push((await call(port, { ...o, agent })).status);
      expect(statuses).toEqual([404, 202, 405, 202, 400, 202]);
    } finally {
      agent.destroy();
    }
  });

  it('handled: concurrent deliveries are each answered (the receiver holds no state)', async () => {
    let forwarded = 0;
    const port = await start(async () => void forwarded++);
    const answers = await Promise.all(Array.from({ length: 20 }, () => call(port, {})));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(202));
    expect(forwarded).toBe(20);
  });

  it('finding: an endless chunked body is cut off with 413 as soon as it passes the cap, not drained until the 5-minute request timeout', async () => {
    const port = await start();
    const answer = await new Promise<string>((resolve) => {
      const s = connect(port, '127.0.0.1', () => {
        s.write(
          `POST /alert HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${SECRET}\r\nTransfer-Encoding: chunked\r\n\r\n`,
        );
        const chunk = 'x'.repeat(16 * 1024);
        const feed = setInterval(() => s.writable && s.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`), 5);
        let got = '';
        const done = () => (clearInterval(feed), s.destroy(), resolve(got));
        s.on('data', (d) => {
          got += d;
          if (got.includes('\r\n\r\n')) done();
        });
        s.on('error', done);
        s.on('close', done);
        // 1.5 s is ~4 MB at this pace: sixty times the cap.
        setTimeout(done, 1500);
      });
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
  });
});
