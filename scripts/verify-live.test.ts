import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BASE_FILE, baseText } from '../test/builders.ts';
import { runScriptAsync as runScript, runScript as runScriptSync } from '../test/helpers/run-script.ts';
import { createTempRepo, type TempRepo } from '../test/helpers/temp-repo.ts';

let repo: TempRepo | undefined;
let server: Server | undefined;
afterEach(async () => {
  repo?.cleanup();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
});

/** A fake Pages host: each incident page shows `shown` updates; it can lag by `lagRequests`; the English page can lag behind for good. */
async function fakeSite(
  shown: number,
  lagRequests = 0,
  englishShown = shown,
): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  server = createServer((req, res) => {
    hits++;
    const n = req.url?.startsWith('/en/')
      ? Math.min(englishShown, hits <= lagRequests * 2 ? shown - 1 : shown)
      : hits <= lagRequests * 2
        ? shown - 1
        : shown;
    if (!req.url?.includes('/incidents/')) return res.writeHead(404).end();
    res
      .writeHead(200, { 'Content-Type': 'text/html' })
      .end(Array.from({ length: n }, (_, i) => `<li id="update-${i + 1}">`).join(''));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits };
}

function pushWithUpdate(): { before: string; after: string } {
  repo = createTempRepo();
  repo.write(BASE_FILE, baseText.replace(/  - at: "2026-11-20T11:35:00\+09:00"[\s\S]*?(?=recovered_at)/, ''));
  repo.write(
    'incidents/2026/2026-11-22-kcps-untouched.md',
    baseText.replace(/2026-11-20-kcps-block-storage-latency/g, '2026-11-22-kcps-untouched'),
  );
  const before = repo.commit('three updates');
  repo.write(BASE_FILE, baseText);
  const after = repo.commit('resolved');
  return { before, after };
}

describe('npm run verify-live', () => {
  it('checks both language pages of each changed public incident for the latest update', async () => {
    const { before, after } = pushWithUpdate();
    const site = await fakeSite(4);
    const r = await runScript(
      'verify-live.ts',
      ['--before', before, '--after', after, '--site', site.url, '--format', 'json', '--interval', '0'],
      { cwd: repo!.dir },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const results = JSON.parse(r.stdout);
    expect(
      results.map((x: { url: string; ok: boolean; updates: number }) => [x.url.replace(site.url, ''), x.ok, x.updates]),
    ).toEqual([
      ['/incidents/2026-11-20-kcps-block-storage-latency/', true, 4],
      ['/en/incidents/2026-11-20-kcps-block-storage-latency/', true, 4],
    ]);
  });

  it('keeps polling while the deploy propagates, then succeeds', async () => {
    const { before, after } = pushWithUpdate();
    const site = await fakeSite(4, 2);
    const r = await runScript(
      'verify-live.ts',
      [
        '--before',
        before,
        '--after',
        after,
        '--site',
        site.url,
        '--format',
        'json',
        '--interval',
        '0',
        '--attempts',
        '5',
      ],
      { cwd: repo!.dir },
    );
    expect(r.code).toBe(0);
    expect(Math.max(...JSON.parse(r.stdout).map((x: { attempts: number }) => x.attempts))).toBeGreaterThan(1);
  });

  it('fails with a reason when the page never shows the update', async () => {
    const { before, after } = pushWithUpdate();
    const site = await fakeSite(3);
    const r = await runScript(
      'verify-live.ts',
      ['--before', before, '--after', after, '--site', site.url, '--interval', '0', '--attempts', '2'],
      { cwd: repo!.dir },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✖');
    expect(r.stdout).toContain('does not show update 4 yet (2 attempts');
  });

  it('customer-scope incidents are never fetched from the public site', async () => {
    repo = createTempRepo();
    const before = repo.commit('empty');
    repo.write(BASE_FILE, baseText.replace('scope: public', 'scope: customer\ncustomers: [cust-4f2a91]'));
    const after = repo.commit('customer incident');
    const site = await fakeSite(4);
    const r = await runScript(
      'verify-live.ts',
      ['--before', before, '--after', after, '--site', site.url, '--format', 'json'],
      { cwd: repo.dir },
    );
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect(site.hits()).toBe(0);
  });
});

const ledgerLines = (dir: string) =>
  existsSync(join(dir, 'ledger/2026'))
    ? readdirSync(join(dir, 'ledger/2026')).flatMap((f) =>
        readFileSync(join(dir, 'ledger/2026', f), 'utf8')
          .trim()
          .split('\n')
          .map((l) => ({ file: f, ...JSON.parse(l) })),
      )
    : [];
const ID = '2026-11-20-kcps-block-storage-latency';

/** The public incident declared at 10:14 (detected 10:02, notify by 10:32), pushed. */
function declaredPublic(): { before: string; after: string } {
  repo = createTempRepo();
  const before = repo.commit('empty');
  repo.write(
    BASE_FILE,
    baseText
      .replace(/  - at: "2026-11-20T10:41:00\+09:00"[\s\S]*?(?=recovered_at)/, '')
      .replace(/recovered_at: .*\n/, '')
      .replace(/postmortem:\n  status: draft\n/, '')
      .replace(/prevention:[\s\S]*?tracking: OPS-4410\n/, ''),
  );
  const after = repo.commit('declare');
  return { before, after };
}

describe('verify-live records the posted moment in the ledger', () => {
  it('both languages live: one page-live entry at the moment of the check, in its own ledger file; a re-run records nothing twice', async () => {
    const { before, after } = declaredPublic();
    const site = await fakeSite(1);
    const args = [
      '--before',
      before,
      '--after',
      after,
      '--site',
      site.url,
      '--interval',
      '0',
      '--now',
      '2026-11-20T10:16:00+09:00',
    ];
    const r = await runScript('verify-live.ts', args, { cwd: repo!.dir });
    expect(r.code).toBe(0);
    const lines = ledgerLines(repo!.dir);
    expect(lines).toEqual([
      {
        file: expect.stringMatching(/^2026-11-20T01-16-00-000Z-live-[0-9a-f]{8}\.jsonl$/),
        key: `${ID}/page-live/1`,
        kind: 'page-live',
        incident: ID,
        at: '2026-11-20T10:16:00+09:00',
        detail: { updates: 1, pages: 2, url: `${site.url}/incidents/${ID}/`, attempts: 1 },
      },
    ]);
    expect(r.stdout).toContain(`recorded ${ID}/page-live/1 at 2026-11-20T10:16:00+09:00`);
    const again = await runScript('verify-live.ts', [...args.slice(0, -1), '2026-11-20T10:25:00+09:00'], {
      cwd: repo!.dir,
    });
    expect(again.code).toBe(0);
    expect(ledgerLines(repo!.dir)).toHaveLength(1);
  });

  it('one language still stale: not posted, nothing recorded, exit 1', async () => {
    const { before, after } = declaredPublic();
    const site = await fakeSite(1, 0, 0);
    const r = await runScript(
      'verify-live.ts',
      [
        '--before',
        before,
        '--after',
        after,
        '--site',
        site.url,
        '--interval',
        '0',
        '--attempts',
        '2',
        '--now',
        '2026-11-20T10:16:00+09:00',
      ],
      { cwd: repo!.dir },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`✖ ${site.url}/en/incidents/${ID}/  page is live but does not show update 1 yet`);
    expect(ledgerLines(repo!.dir)).toEqual([]);
  });

  it("--commit pushes the ledger file, rebasing onto a concurrent ledger push (the SLA engine's) without touching it", async () => {
    const { before, after } = declaredPublic();
    const bare = mkdtempSync(join(tmpdir(), 'status-portal-remote-'));
    try {
      execFileSync('git', ['init', '-q', '--bare', '-b', 'main', bare]);
      repo!.git('remote', 'add', 'origin', bare);
      repo!.git('push', '-q', 'origin', 'main');
      // Meanwhile the engine pushed its own ledger file from another clone.
      const other = mkdtempSync(join(tmpdir(), 'status-portal-clone-'));
      execFileSync('git', ['clone', '-q', bare, other]);
      const engineLine = `${JSON.stringify({ key: `${ID}/tracking-issue`, kind: 'tracking-issue', incident: ID, at: '2026-11-20T10:15:00+09:00', detail: { number: 1 } })}\n`;
      execFileSync(
        'sh',
        [
          '-c',
          `mkdir -p ledger/2026 && printf '%s' '${engineLine.trim()}' > ledger/2026/engine.jsonl && echo >> ledger/2026/engine.jsonl && git add ledger && git -c user.name=bot -c user.email=bot@invalid commit -qm engine && git push -q origin main`,
        ],
        { cwd: other },
      );
      rmSync(other, { recursive: true, force: true });
      const site = await fakeSite(1);
      const r = await runScript(
        'verify-live.ts',
        [
          '--before',
          before,
          '--after',
          after,
          '--site',
          site.url,
          '--interval',
          '0',
          '--now',
          '2026-11-20T10:16:00+09:00',
          '--commit',
        ],
        {
          cwd: repo!.dir,
          env: {
            GIT_AUTHOR_NAME: 'bot',
            GIT_AUTHOR_EMAIL: 'bot@invalid',
            GIT_COMMITTER_NAME: 'bot',
            GIT_COMMITTER_EMAIL: 'bot@invalid',
          },
        },
      );
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const files = execFileSync('git', ['ls-tree', '-r', '--name-only', 'main', '--', 'ledger/'], {
        cwd: bare,
        encoding: 'utf8',
      })
        .trim()
        .split('\n');
      expect(files).toEqual(
        [
          'ledger/2026/engine.jsonl',
          expect.stringMatching(/^ledger\/2026\/2026-11-20T01-16-00-000Z-live-[0-9a-f]{8}\.jsonl$/),
        ].sort(),
      );
      expect(execFileSync('git', ['show', 'main:ledger/2026/engine.jsonl'], { cwd: bare, encoding: 'utf8' })).toBe(
        engineLine,
      );
      expect(execFileSync('git', ['log', '-1', '--format=%s', 'main'], { cwd: bare, encoding: 'utf8' }).trim()).toBe(
        'ledger: 1 page(s) verified live',
      );
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it('--commit with the remote unreachable: a one-line error that says to re-run, the record kept in its file, exit 1', async () => {
    const { before, after } = declaredPublic();
    repo!.git('remote', 'add', 'origin', join(tmpdir(), 'status-portal-no-such-remote'));
    const site = await fakeSite(1);
    const r = await runScript(
      'verify-live.ts',
      [
        '--before',
        before,
        '--after',
        after,
        '--site',
        site.url,
        '--interval',
        '0',
        '--now',
        '2026-11-20T10:16:00+09:00',
        '--commit',
      ],
      {
        cwd: repo!.dir,
        env: {
          GIT_AUTHOR_NAME: 'bot',
          GIT_AUTHOR_EMAIL: 'bot@invalid',
          GIT_COMMITTER_NAME: 'bot',
          GIT_COMMITTER_EMAIL: 'bot@invalid',
        },
      },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^verified live, but ledger\/2026\/2026-11-20T01-16-00-000Z-live-[0-9a-f]{8}\.jsonl could not be pushed \(.*\); re-run this job: the pages are checked again and the record is written anew\n$/,
    );
    expect(r.stderr).not.toContain('Internal error');
    expect(ledgerLines(repo!.dir).map((l) => l.key)).toEqual([`${ID}/page-live/1`]);
  });

  it('npm run sla -- --dry-run: verified live within 30 minutes plans no breach; without the record, a breach at the deadline', async () => {
    const { before, after } = declaredPublic();
    const plan = () => {
      const r = runScriptSync('sla.ts', ['--dry-run', '--now', '2026-11-20T10:50:00+09:00', '--format', 'json'], {
        cwd: repo!.dir,
      });
      expect(r.code).toBe(0);
      return (JSON.parse(r.stdout) as { kind: string; target?: string }[]).map(
        (a) => `${a.kind}${a.target ? `:${a.target}` : ''}`,
      );
    };
    expect(plan()).toContain('breach:notify');
    const site = await fakeSite(1);
    expect(
      (
        await runScript(
          'verify-live.ts',
          [
            '--before',
            before,
            '--after',
            after,
            '--site',
            site.url,
            '--interval',
            '0',
            '--now',
            '2026-11-20T10:29:00+09:00',
          ],
          { cwd: repo!.dir },
        )
      ).code,
    ).toBe(0);
    expect(plan()).not.toContain('breach:notify');
    expect(plan().filter((k) => k.startsWith('breach') || k.startsWith('warning:notify'))).toEqual([]);
  });
});
