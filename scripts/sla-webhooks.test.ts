/**
 * The SLA engine pushes public updates: from a committed public incident,
 * `npm run sla` plans the deliveries (visible in --dry-run), sends them to
 * the endpoints of the private directory, records them in the run ledger,
 * and a rerun sends nothing again. Real child process, local fakes.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { BASE_FILE, baseText } from '../test/builders.ts';
import { startFakeGitHub, type FakeGitHub } from '../test/fakes/fake-github.ts';
import { startFakeResend, type FakeResend } from '../test/fakes/fake-resend.ts';
import { startFakeWebhook, type FakeWebhook } from '../test/fakes/fake-webhook.ts';
import { runScriptAsync } from '../test/helpers/run-script.ts';
import { createTempRepo, type TempRepo } from '../test/helpers/temp-repo.ts';
import { EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '../src/adapters/webhook.ts';

let repo: TempRepo | undefined;
let fakes: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  repo?.cleanup();
  await Promise.all(fakes.map((f) => f.close()));
  repo = undefined;
  fakes = [];
});

const SECRET = 'whsec_engine_test_0123456789';
const NOW = ['--now', '2026-11-20T10:20:00+09:00'];

it('npm run sla delivers a public update to a signed webhook and a Slack channel, records it, and never twice', async () => {
  repo = createTempRepo();
  // The base fixture is a public incident; keep only its first update (10:14 JST).
  repo.write(
    BASE_FILE,
    baseText
      .replace(/  - at: "2026-11-20T10:41:00\+09:00"[\s\S]*?(?=recovered_at)/, '')
      .replace(/recovered_at: .*\n/, '')
      .replace(/postmortem:\n  status: draft\n/, '')
      .replace(/prevention:[\s\S]*?tracking: OPS-4410\n/, ''),
  );
  repo.commit('declare');
  const [resend, github, hook, slack]: [FakeResend, FakeGitHub, FakeWebhook, FakeWebhook] = await Promise.all([
    startFakeResend(),
    startFakeGitHub({ perPage: 2 }),
    startFakeWebhook('statuspage'),
    startFakeWebhook('slack'),
  ]);
  fakes = [resend, github, hook, slack];
  const directory = join(repo.dir, '..', `${repo.dir.split('/').pop()}-directory.yaml`);
  writeFileSync(
    directory,
    `customers: {}
staff:
  t-sato: t.sato@provider.example
  k-tanaka: k.tanaka@provider.example
webhooks:
  - { id: acme-hook, kind: statuspage, url: "${hook.url}/hook", secret: ${SECRET} }
  - { id: acme-slack, kind: slack, url: "${slack.url}/services/T/B/x", lang: both, services: [kcps] }
`,
  );
  const env = {
    STATUS_DIRECTORY: directory,
    RESEND_API_KEY: 're_test_key',
    RESEND_BASE_URL: resend.url,
    STATUS_MAIL_FROM: 'status@provider.example',
    GITHUB_TOKEN: 'ghs_test',
    GITHUB_REPOSITORY: 'example/status',
    GITHUB_API_URL: github.url,
  };
  const dry = await runScriptAsync('sla.ts', [...NOW, '--dry-run', '--format', 'json'], { cwd: repo.dir, env });
  const planned = (JSON.parse(dry.stdout) as { kind: string; endpoint?: string }[]).filter((a) => a.kind === 'webhook');
  expect(planned.map((a) => a.endpoint).sort()).toEqual(['acme-hook', 'acme-slack']);
  expect(hook.received).toHaveLength(0);

  const r = await runScriptAsync('sla.ts', NOW, { cwd: repo.dir, env });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const incident = JSON.parse(hook.received[0]!.body);
  expect(incident.incident.id).toBe('2026-11-20-kcps-block-storage-latency');
  expect(hook.received[0]!.headers[EVENT_HEADER]).toBe('2026-11-20-kcps-block-storage-latency/update-1');
  for (const req of hook.received)
    expect(
      verifySignature(
        SECRET,
        String(req.headers[TIMESTAMP_HEADER]),
        req.body,
        String(req.headers[SIGNATURE_HEADER]),
        Number(req.headers[TIMESTAMP_HEADER]),
      ),
    ).toBe(true);
  expect(hook.received.length).toBe(1 + incident.incident.components.length); // the incident, then one component update per component
  expect(JSON.parse(slack.received[0]!.body).blocks.filter((b: { type: string }) => b.type === 'section')).toHaveLength(
    2,
  );
  const ledger = readdirSync(join(repo.dir, 'ledger/2026'))
    .flatMap((f) =>
      readFileSync(join(repo!.dir, 'ledger/2026', f), 'utf8')
        .trim()
        .split('\n'),
    )
    .map((l) => JSON.parse(l));
  expect(
    ledger
      .filter((l) => l.kind === 'webhook')
      .map((l) => l.detail.endpoint)
      .sort(),
  ).toEqual(['acme-hook', 'acme-slack']);
  expect(JSON.stringify(ledger)).not.toContain(SECRET);
  expect(JSON.stringify(ledger)).not.toContain('127.0.0.1');

  const again = await runScriptAsync('sla.ts', NOW, { cwd: repo.dir, env });
  expect(again.code).toBe(0);
  expect(hook.received.length).toBe(1 + incident.incident.components.length);
  expect(slack.received).toHaveLength(1);
});
