import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BASE_FILE, baseText } from '../test/builders.ts';
import { runScriptAsync as runScript } from '../test/helpers/run-script.ts';
import { createTempRepo, type TempRepo } from '../test/helpers/temp-repo.ts';

let repo: TempRepo | undefined;
let server: Server | undefined;
afterEach(async () => {
  repo?.cleanup();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
});

/** A fake Pages host: each incident page shows `shown` updates; it can lag by `lagRequests`. */
async function fakeSite(shown: number, lagRequests = 0): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  server = createServer((req, res) => {
    hits++;
    const n = hits <= lagRequests * 2 ? shown - 1 : shown;
    if (!req.url?.includes('/incidents/')) return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': 'text/html' }).end(Array.from({ length: n }, (_, i) => `<li id="update-${i + 1}">`).join(''));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits };
}

function pushWithUpdate(): { before: string; after: string } {
  repo = createTempRepo();
  repo.write(BASE_FILE, baseText.replace(/  - at: "2026-11-20T11:35:00\+09:00"[\s\S]*?(?=recovered_at)/, ''));
  repo.write('incidents/2026/2026-11-22-kcps-untouched.md', baseText.replace(/2026-11-20-kcps-block-storage-latency/g, '2026-11-22-kcps-untouched'));
  const before = repo.commit('three updates');
  repo.write(BASE_FILE, baseText);
  const after = repo.commit('resolved');
  return { before, after };
}

describe('npm run verify-live', () => {
  it('checks both language pages of each changed public incident for the latest update', async () => {
    const { before, after } = pushWithUpdate();
    const site = await fakeSite(4);
    const r = await runScript('verify-live.ts', ['--before', before, '--after', after, '--site', site.url, '--format', 'json', '--interval', '0'], { cwd: repo!.dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const results = JSON.parse(r.stdout);
    expect(results.map((x: { url: string; ok: boolean; updates: number }) => [x.url.replace(site.url, ''), x.ok, x.updates])).toEqual([
      ['/incidents/2026-11-20-kcps-block-storage-latency/', true, 4],
      ['/en/incidents/2026-11-20-kcps-block-storage-latency/', true, 4],
    ]);
  });

  it('keeps polling while the deploy propagates, then succeeds', async () => {
    const { before, after } = pushWithUpdate();
    const site = await fakeSite(4, 2);
    const r = await runScript('verify-live.ts', ['--before', before, '--after', after, '--site', site.url, '--format', 'json', '--interval', '0', '--attempts', '5'], { cwd: repo!.dir });
    expect(r.code).toBe(0);
    expect(Math.max(...JSON.parse(r.stdout).map((x: { attempts: number }) => x.attempts))).toBeGreaterThan(1);
  });

  it('fails with a reason when the page never shows the update', async () => {
    const { before, after } = pushWithUpdate();
    const site = await fakeSite(3);
    const r = await runScript('verify-live.ts', ['--before', before, '--after', after, '--site', site.url, '--interval', '0', '--attempts', '2'], { cwd: repo!.dir });
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
    const r = await runScript('verify-live.ts', ['--before', before, '--after', after, '--site', site.url, '--format', 'json'], { cwd: repo.dir });
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect(site.hits()).toBe(0);
  });
});
