/** The sample data's evidence package for the last 12 months, and its management review seen in a browser. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './builders.ts';
import { chromiumAvailable, launchChromium } from './helpers/browser.ts';
import { serveStatic } from './helpers/static-server.ts';

let work: string;
let pkg: string;
/** The clone's own exporter, as `npm run audit` runs it there. */
const audit = (args: string[]) =>
  spawnSync(process.execPath, [join(work, 'repo/scripts/audit.ts'), ...args], {
    cwd: join(work, 'repo'),
    encoding: 'utf8',
    env: { ...process.env, GITHUB_TOKEN: '' },
  });
beforeAll(() => {
  // The committed sample data and code, exactly as the commit has them.
  work = mkdtempSync(join(tmpdir(), 'audit-sample-'));
  execFileSync('git', ['clone', '--quiet', REPO_ROOT, join(work, 'repo')]);
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(work, 'repo/node_modules'), 'dir');
  pkg = join(work, 'package');
  const r = audit(['--from', '2025-12-01', '--to', '2026-11-30', '--out', pkg]);
  if (r.status !== 0) throw new Error(r.stderr);
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the sample data, last 12 months', () => {
  it("holds the period's incidents, customer-scope ones included, and verifies", () => {
    const ids = (JSON.parse(readFileSync(join(pkg, 'population.json'), 'utf8')) as { id: string }[]).map((r) => r.id);
    expect(ids).toContain('2026-07-02-kcps-customer-key-exposure');
    expect(ids).toContain('2025-12-10-kcps-dns-resolution-failures');
    expect(ids.every((id) => id >= '2025-12-01')).toBe(true);
    const r = audit(['verify', pkg]);
    expect(r.stdout).toMatch(/^✔ /);
    expect(r.status).toBe(0);
  });

  it('keeps the rendered text of each customer e-mail sent, with no address anywhere', () => {
    const emails = readdirSync(join(pkg, 'incidents/2026-07-02-kcps-customer-key-exposure/emails'));
    expect(emails.length).toBeGreaterThan(0);
    const text = readFileSync(join(pkg, 'incidents/2026-07-02-kcps-customer-key-exposure/emails', emails[0]!), 'utf8');
    expect(text).toMatch(
      /^Subject: 【KCPS】お客さま固有の API キー露出（セキュリティインシデントのお知らせ） \/ \[KCPS\] Security incident notice: /,
    );
    for (const f of readdirSync(pkg, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())) {
      expect(readFileSync(join(f.parentPath, f.name), 'utf8')).not.toMatch(
        /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z]{2,}/,
      );
    }
  });

  it("lists the exceptions an auditor samples: the breach, the reopen's postmortem, risk acceptances", () => {
    const exceptions = JSON.parse(readFileSync(join(pkg, 'exceptions.json'), 'utf8')) as {
      incident: string;
      exception: string;
    }[];
    expect(exceptions.map((e) => e.exception)).toEqual(expect.arrayContaining(['late postmortem']));
  });
});

describe.skipIf(!chromiumAvailable())('the management review in Chromium', () => {
  it('renders its charts offline, passes axe, and is kept as a screenshot', async () => {
    const server = await serveStatic(pkg);
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
      const page = await context.newPage();
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(`${server.url}/report.html`);
      expect(await page.locator('svg[role=img]').count()).toBeGreaterThanOrEqual(5);
      expect(requests.every((u) => u.startsWith(server.url))).toBe(true);
      const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
      expect(axe.violations.map((v) => v.id)).toEqual([]);
      mkdirSync(join(REPO_ROOT, 'test-artifacts'), { recursive: true });
      const png = await page.screenshot({
        path: join(REPO_ROOT, 'test-artifacts/management-review.png'),
        fullPage: true,
      });
      expect(png.byteLength).toBeGreaterThan(30_000);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
