/**
 * Hostile tests of the notification chain (customer notices, ledger, directory, provider limits),
 * driven through `npm run sla` as a child process against the local fakes on real temporary repositories.
 * Each test asserts the behaviour the README promises ("The SLA engine"); some fail today.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../test/fakes/fake-github.ts';
import { startFakeResend, type FakeResend } from '../test/fakes/fake-resend.ts';
import { runScriptAsync } from '../test/helpers/run-script.ts';
import { createTempRepo, type TempRepo } from '../test/helpers/temp-repo.ts';

const ID = '2026-11-20-kcps-host-failure';
const incident = (over: { title?: string; customers?: string[]; updates?: string; extra?: string } = {}) => `---
id: ${ID}
title:
  ja: ${JSON.stringify(over.title ?? 'ホスト障害')}
  en: ${JSON.stringify(over.title ?? 'Host failure')}
service: kcps
type: failure
severity: sev3
scope: customer
customers:
${(over.customers ?? ['cust-4f2a91']).map((c) => `  - ${c}`).join('\n')}
components:
  - id: virtual-servers
    status: major_outage
impact:
  ja: インスタンスが停止しました。
  en: Instances stopped.
detection:
  source: monitoring
  at: "2026-11-20T10:00:00+09:00"
  ref: ALM-1
department: cloud-infra-ops
manager: y-watanabe
responder: h-ogawa
updates:
${
  over.updates ??
  `  - at: "2026-11-20T10:05:00+09:00"
    status: investigating
    message:
      ja: 調査中です。
      en: We are investigating.`
}
${over.extra ?? ''}---
Body.
`;

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

interface World {
  repo: TempRepo;
  resend: FakeResend;
  github: FakeGitHub;
  dirFile: string;
  run: (...args: string[]) => ReturnType<typeof runScriptAsync>;
}

async function world(directory: string, files: Record<string, string>, providerClock?: () => number): Promise<World> {
  const repo = createTempRepo();
  for (const [p, t] of Object.entries(files)) repo.write(p, t);
  repo.commit('seed');
  const resend = await startFakeResend({ ratePerSecond: Infinity, ...(providerClock ? { clock: providerClock } : {}) }); // rate limits are not what these tests are about
  const github = await startFakeGitHub();
  const dirFile = join(mkdtempSync(join(tmpdir(), 'h9-dir-')), 'directory.yaml');
  writeFileSync(dirFile, directory);
  cleanups.push(
    () => repo.cleanup(),
    () => resend.close(),
    () => github.close(),
  );
  const env = {
    STATUS_DIRECTORY: dirFile,
    RESEND_API_KEY: 're_test_key',
    RESEND_BASE_URL: resend.url,
    GITHUB_TOKEN: 't',
    GITHUB_REPOSITORY: 'o/r',
    GITHUB_API_URL: github.url,
    STATUS_MAIL_FROM: 'status@example.jp',
    GITHUB_ACTIONS: '',
  };
  return { repo, resend, github, dirFile, run: (...args) => runScriptAsync('sla.ts', args, { cwd: repo.dir, env }) };
}

const ledgerText = (repo: TempRepo) => {
  const out: string[] = [];
  for (const y of safeDir(join(repo.dir, 'ledger')))
    for (const f of safeDir(join(repo.dir, 'ledger', y)))
      out.push(readFileSync(join(repo.dir, 'ledger', y, f), 'utf8'));
  return out.join('');
};
const safeDir = (p: string) => {
  try {
    return readdirSync(p);
  } catch {
    return [];
  }
};
const sha256 = (t: string) => createHash('sha256').update(t).digest('hex');

const DIR = `customers:\n  cust-4f2a91:\n    contacts: [a@example.jp, b@example.jp]\n  cust-9b7c03:\n    contacts: [A@Example.jp, c@example.jp]\nstaff:\n  y-watanabe: m@example.jp\n  h-ogawa: r@example.jp\n`;
const file = `incidents/2026/${ID}.md`;
const resolvedUpdates = `  - at: "2026-11-20T10:05:00+09:00"
    status: investigating
    message:
      ja: 調査中です。
      en: We are investigating.
  - at: "2026-11-20T11:00:00+09:00"
    status: resolved
    message:
      ja: 復旧しました。
      en: Recovered.
`;
/** A provider that answers every batch with this status and body (for answers the documented fake never gives). */
async function oddProvider(status: number, body: string) {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    let b = '';
    req.on('data', (c) => (b += c));
    req.on('end', () => {
      seen.push(b);
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}
const resolvedExtra =
  'recovered_at: "2026-11-20T10:50:00+09:00"\ncustomer_actions:\n  ja: 再起動後の動作をご確認ください。\n  en: Check your services after the restart.\n';
const providerEnv = (w: World, url: string, extra: Record<string, string> = {}) => ({
  STATUS_DIRECTORY: w.dirFile,
  RESEND_API_KEY: 're_test_key',
  RESEND_BASE_URL: url,
  GITHUB_TOKEN: 't',
  GITHUB_REPOSITORY: 'o/r',
  GITHUB_API_URL: w.github.url,
  STATUS_MAIL_FROM: 'status@example.jp',
  GITHUB_ACTIONS: '',
  ...extra,
});
const customerMail = (w: World) => w.resend.delivered.filter((d) => d.subject.startsWith('【KCPS】'));

describe('notification chain under attack: confirmed failures (each asserts the promised behaviour)', () => {
  it('a ledger file cut off mid-line by a crash does not stop the whole run (failures stay local)', async () => {
    // The runner died inside appendFileSync: the last line of its file is half written. That file was committed by --commit-pending.
    const w = await world(DIR, {
      [file]: incident(),
      'ledger/2026/2026-11-19T00-00-00-000Z-dead.jsonl':
        '{"key":"2025-11-04-other/tracking-issue","kind":"tracking-issue","incident":"2025-11-04-oth',
    });
    const r = await w.run('--now', '2026-11-20T10:10:00+09:00');
    // Today: exit 1 with "not valid JSON" and nothing at all happens: no notice, no tracking issue, no dashboard.
    expect(
      customerMail(w)
        .map((d) => d.to[0])
        .sort(),
      r.stdout + r.stderr,
    ).toEqual(['a@example.jp', 'b@example.jp']);
    expect(w.github.issues.some((i) => i.title.includes(ID))).toBe(true);
  });

  it('a resolved (not yet closed) incident whose ledger was lost does not send the same notice to the same contacts again', async () => {
    let providerNow = Date.parse('2026-11-20T11:10:00+09:00');
    const w = await world(
      DIR,
      { [file]: incident({ updates: resolvedUpdates, extra: resolvedExtra }) },
      () => providerNow,
    );
    await w.run('--now', '2026-11-20T11:10:00+09:00');
    expect(customerMail(w)).toHaveLength(2);
    w.repo.git('clean', '-fdq', 'ledger'); // the runner vanished before any commit
    providerNow = Date.parse('2026-11-22T11:10:00+09:00');
    await w.run('--now', '2026-11-22T11:10:00+09:00'); // past the provider's 24-hour idempotency window; nothing was edited
    // Today: both contacts get the resolution notice a second time (and the manager a second breach e-mail).
    expect(customerMail(w)).toHaveLength(2);
  });

  it('recipient keys in the committed ledger do not confirm a guessed address or link contacts across customers', async () => {
    const w = await world(DIR, { [file]: incident({ customers: ['cust-4f2a91', 'cust-9b7c03'] }) });
    await w.run('--now', '2026-11-20T10:10:00+09:00');
    const ledger = ledgerText(w.repo);
    // Anyone with read access knows the incident id; an unsalted hash lets them test "is a@example.jp a contact?" offline.
    const guess = sha256(`${ID}\na@example.jp`).slice(0, 16);
    expect(ledger).toContain('cust-4f2a91:'); // the keys are there
    expect(ledger).not.toContain(guess);
    // a@example.jp (cust-4f2a91) and A@Example.jp (cust-9b7c03) must not carry the same opaque suffix.
    const suffixes = [...ledger.matchAll(/cust-[0-9a-f]+:([0-9a-f]{16})/g)].map((m) => m[0]);
    const byCustomer = new Map<string, Set<string>>();
    for (const k of suffixes) {
      const [c, h] = k.split(':');
      byCustomer.set(h!, (byCustomer.get(h!) ?? new Set()).add(c!));
    }
    expect([...byCustomer.values()].filter((cs) => cs.size > 1)).toEqual([]);
  });

  it('a 200 answer without one id per message is not recorded as the customers being notified', async () => {
    const w = await world(DIR, { [file]: incident() });
    const odd = await oddProvider(200, '{"data":[]}');
    const r = await runScriptAsync('sla.ts', ['--now', '2026-11-20T10:10:00+09:00'], {
      cwd: w.repo.dir,
      env: providerEnv(w, odd.url),
    });
    const ledger = ledgerText(w.repo);
    // Today: exit 0, "accepted for 1 customer(s)", a batch entry with ids "" and the completion entry: the incident counts as notified.
    expect(ledger).not.toContain(`"key":"${ID}/customer-email/0","kind"`);
    expect(r.code).not.toBe(0);
  });

  it('a 200 answer with an error body is reported for people, not as a TypeError', async () => {
    const w = await world(DIR, { [file]: incident() });
    const odd = await oddProvider(200, '{"statusCode":422,"name":"validation_error","message":"bad"}');
    const r = await runScriptAsync('sla.ts', ['--now', '2026-11-20T10:10:00+09:00'], {
      cwd: w.repo.dir,
      env: providerEnv(w, odd.url),
    });
    expect(r.code).toBe(1);
    expect(ledgerText(w.repo)).not.toContain(`"key":"${ID}/customer-email/0","kind"`);
    expect(r.stdout).not.toMatch(/Cannot read properties/);
  });

  it('with less than one request timeout (30 s) of the process budget (STATUS_RUN_BUDGET_MS) left, the notice is still attempted within what is left', async () => {
    const w = await world(DIR, { [file]: incident() });
    const r = await runScriptAsync('sla.ts', ['--now', '2026-11-20T10:10:00+09:00'], {
      cwd: w.repo.dir,
      env: providerEnv(w, w.resend.url, { STATUS_RUN_BUDGET_MS: '25000' }),
    });
    // Today: AbortSignal.timeout gets a fractional budget and throws 'The value of "delay" is out of range'; nothing reaches the provider.
    expect(r.stdout).not.toMatch(/out of range/);
    expect(customerMail(w)).toHaveLength(2);
  });
  it('a customer whose first notice comes after the resolution is told it is resolved, when, and is promised no further update', async () => {
    // The notice was late (directory fixed, GitHub/provider outage): the incident is already resolved when it goes out.
    const w = await world(DIR, { [file]: incident({ updates: resolvedUpdates, extra: resolvedExtra }) });
    await w.run('--now', '2026-11-20T11:10:00+09:00');
    const d = customerMail(w)[0]!;
    expect(d.text).toContain('再起動後の動作をご確認ください。'); // what the customer must do: present today
    // Today: subject 「障害発生のお知らせ」, "下記の障害が発生しております", no recovery time, and "状況に進展があり次第、あらためてご報告いたします" for an incident that is over.
    expect(d.text).toContain('復旧日時');
    expect(d.text).not.toContain('あらためてご報告いたします');
    expect(d.text).not.toContain('We will update you as soon as we have more to tell you.');
  });
});

describe('notification chain under attack: handled (regressions)', () => {
  it('a hostile title and message are escaped in HTML; the notice names no other contact, no customer id, no staff login; no shared-responsibility text outside security', async () => {
    const w = await world(DIR, {
      [file]: incident({
        title: '<img src=x onerror=alert(1)> & "q"',
        updates: `  - at: "2026-11-20T10:05:00+09:00"
    status: investigating
    message:
      ja: "<script>alert(1)</script> 行1\\n行2"
      en: "<b>x</b> line1\\nline2"
`,
      }),
    });
    await w.run('--now', '2026-11-20T10:10:00+09:00');
    const mails = customerMail(w);
    expect(mails).toHaveLength(2);
    for (const d of mails) {
      expect(d.to).toHaveLength(1);
      expect(d.html).not.toMatch(/<img src=x|<script>|<b>x/);
      expect(d.html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot;');
      expect(d.html).toContain('行1<br>');
      const other = d.to[0] === 'a@example.jp' ? 'b@example.jp' : 'a@example.jp';
      for (const leak of [other, 'cust-4f2a91', 'y-watanabe', 'h-ogawa', 'm@example.jp', '責任範囲', 'responsibility'])
        expect(d.text + d.html).not.toContain(leak);
    }
  });

  it('a closed incident is never notified again, even with an empty ledger', async () => {
    const w = await world(DIR, {
      [file]: incident({ updates: resolvedUpdates, extra: `${resolvedExtra}closed_at: "2026-11-25T10:00:00+09:00"\n` }),
    });
    await w.run('--now', '2026-11-29T10:10:00+09:00');
    expect(w.resend.delivered).toEqual([]);
  });

  it('a 429 without retry-after and a 500 are retried: each contact gets the notice once', async () => {
    const w = await world(DIR, { [file]: incident() });
    w.resend.faults.push({ status: 429 }, { status: 500 });
    const r = await w.run('--now', '2026-11-20T10:10:00+09:00');
    expect(r.code, r.stdout).toBe(0);
    expect(
      customerMail(w)
        .map((d) => d.to[0])
        .sort(),
    ).toEqual(['a@example.jp', 'b@example.jp']);
  });

  it('a customer without a usable contact blocks only itself; after the fix only its contacts are sent to, and the late notice is a breach', async () => {
    const w = await world(
      `customers:\n  cust-4f2a91:\n    contacts: [a@example.jp, b@example.jp]\n  cust-9b7c03:\n    contacts: [not-an-address]\nstaff:\n  y-watanabe: m@example.jp\n`,
      { [file]: incident({ customers: ['cust-4f2a91', 'cust-9b7c03'] }) },
    );
    const first = await w.run('--now', '2026-11-20T10:10:00+09:00');
    expect(first.stdout).not.toContain('not-an-address');
    expect(
      customerMail(w)
        .map((d) => d.to[0])
        .sort(),
    ).toEqual(['a@example.jp', 'b@example.jp']);
    writeFileSync(w.dirFile, DIR);
    await w.run('--now', '2026-11-20T10:50:00+09:00');
    expect(
      customerMail(w)
        .map((d) => d.to[0])
        .sort(),
    ).toEqual(['A@Example.jp', 'a@example.jp', 'b@example.jp', 'c@example.jp']);
    expect(ledgerText(w.repo)).toContain(`"key":"${ID}/breach/notify"`);
    expect(w.github.issues.find((i) => i.title.includes(ID))?.labels).toContain('sla-breach');
  });

  it('a second run at the same instant sends nothing twice', async () => {
    const w = await world(DIR, { [file]: incident({ customers: ['cust-4f2a91', 'cust-9b7c03'] }) });
    await w.run('--now', '2026-11-20T10:10:00+09:00');
    await w.run('--now', '2026-11-20T10:10:00+09:00');
    expect(customerMail(w)).toHaveLength(4);
    expect(w.github.issues.filter((i) => i.title.includes(ID))).toHaveLength(1);
  });
});
