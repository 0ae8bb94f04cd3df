import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { REPO_ROOT } from '../builders.ts';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { serveStatic, type StaticServer } from '../helpers/static-server.ts';
import { distFiles, readDist } from './dist-files.ts';

const dist = inject('distDir');
const ARTIFACTS = join(REPO_ROOT, 'test-artifacts');

/** One page of every type, in both languages. */
const PAGE_TYPES = [
  '/',
  '/incidents/2025-08-19-kcps-network-packet-loss/',
  '/incidents/2026-11-28-kcps-network-upgrade-maintenance/',
  '/incidents/2026-11-28-kcps-object-storage-upload-failures/',
  '/history/',
  '/services/kbi/',
  '/kb/',
  '/kb/policy/',
  '/kb/history-method/',
  '/kb/responsibility/',
  '/kb/desk-hours/',
  '/kb/follow/',
  '/kb/rules/',
  '/kb/rules/inc031/',
];
const PAGES = PAGE_TYPES.flatMap((p) => [p, `/en${p}`]);

it('no page needs JavaScript: the build ships no script at all', () => {
  const withScripts = distFiles(dist).filter((f) => f.endsWith('.html') && /<script\b/i.test(readDist(dist, f)));
  expect(withScripts).toEqual([]);
});

describe.skipIf(!chromiumAvailable())('in headless Chromium', () => {
  let browser: Browser;
  let server: StaticServer;
  beforeAll(async () => {
    server = await serveStatic(dist);
    browser = await launchChromium();
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each(PAGES)('%s renders without JavaScript and requests nothing from third parties', async (path) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const requests: string[] = [];
    await context.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.request().url().startsWith(server.url) ? route.continue() : route.abort();
    });
    const page = await context.newPage();
    const response = await page.goto(server.url + path);
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1').first().textContent()).resolves.toMatch(/\S/);
    expect(await page.locator('main').isVisible()).toBe(true);
    expect(requests.filter((u) => !u.startsWith(server.url))).toEqual([]);
    // Every page says when it was generated: the build's one instant.
    expect(await page.locator('main .generated time').getAttribute('datetime')).toBe('2026-11-28T09:00:00+09:00');
    await context.close();
  });

  it.each([...PAGES, '/no-such-page/', '/embed/', '/en/embed/'])(
    '%s has no WCAG 2.2 A/AA violations (axe-core)',
    async (path) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(server.url + path);
      const result = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
        .analyze();
      expect(
        result.violations.map(
          (v) =>
            `${v.id}: ${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(' | ')}`,
        ),
      ).toEqual([]);
      expect(result.passes.length).toBeGreaterThan(5); // axe really ran rules on this page
      await context.close();
    },
  );

  it('an unknown page gets the bilingual 404 page with status 404', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${server.url}/no-such-page/`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('ページが見つかりません');
    await page.close();
  });

  it.each(['ja', 'en'])('home page screenshot (%s), kept in test-artifacts/', async (lang) => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(`${server.url}${lang === 'ja' ? '/' : '/en/'}`);
    const file = join(ARTIFACTS, `home-${lang}.png`);
    const png = await page.screenshot({ path: file, fullPage: true });
    expect(png.byteLength).toBeGreaterThan(50_000);
    // The overall line is the first thing read: it names the state in words.
    expect(await page.locator('[role=status]').textContent()).toMatch(lang === 'ja' ? /障害/ : /Outage/);
    await page.close();
  });

  const PHONE = { width: 390, height: 844 };
  it.each([
    ['home', '/'],
    ['home', '/en/'],
    ['incident', '/incidents/2026-11-28-kcps-object-storage-upload-failures/'],
    ['incident', '/en/incidents/2026-11-28-kcps-object-storage-upload-failures/'],
  ])(
    'at 390 px (%s %s): screenshot kept in test-artifacts/, nothing wider than the screen, dates on one line',
    async (kind, path) => {
      const page = await browser.newPage({ viewport: PHONE, deviceScaleFactor: 1 });
      await page.goto(server.url + path);
      const lang = path.startsWith('/en/') ? 'en' : 'ja';
      await page.screenshot({ path: join(ARTIFACTS, `phone-${kind}-${lang}.png`), fullPage: true });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      // A <time> that wrapped is taller than one line.
      const heights = await page.locator('main time').evaluateAll((els) =>
        els.map((e) => {
          const r = e.getBoundingClientRect();
          return r.height / parseFloat(getComputedStyle(e).lineHeight || '24');
        }),
      );
      expect(heights.length).toBeGreaterThan(0);
      for (const h of heights) expect(h).toBeLessThan(1.5);
      if (kind === 'incident') {
        // The facts are readable: each value gets (nearly) the full width, not a sliver beside a label column.
        const widths = await page
          .locator('dl.facts dd')
          .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
        expect(widths.length).toBeGreaterThan(1);
        for (const w of widths) expect(w).toBeGreaterThan(300);
      }
      await page.close();
    },
  );

  it.each(['ja', 'en'])(
    '60 active incidents at 390 px (%s): the status of every component is on the first screen; screenshot kept; no script',
    async (lang) => {
      const many = inject('manyDistDir');
      const manyServer = await serveStatic(many);
      try {
        const page = await browser.newPage({ viewport: PHONE, deviceScaleFactor: 1 });
        await page.goto(`${manyServer.url}${lang === 'ja' ? '/' : '/en/'}`);
        await page.screenshot({ path: join(ARTIFACTS, `phone-home-many-${lang}.png`) });
        // Every service, with each component that is not operational, inside the first 844 px; the rest are stated operational.
        const rows = page.locator('.glance li');
        expect(await page.locator('.glance > ul > li').count()).toBe(2);
        for (const box of await rows.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().bottom)))
          expect(box).toBeLessThanOrEqual(PHONE.height);
        const names = await page.locator('.glance li li a').allTextContents();
        expect(names).toEqual(expect.arrayContaining([lang === 'ja' ? 'オブジェクトストレージ' : 'Object storage']));
        expect(await page.locator('.cards.compact .card').count()).toBeGreaterThanOrEqual(60);
        const html = readDist(many, lang === 'ja' ? 'index.html' : 'en/index.html');
        expect(html).not.toMatch(/<script\b/i);
        await page.close();
      } finally {
        await manyServer.close();
      }
    },
  );

  it('message line breaks are kept on the page and markup-like text is shown as text', async () => {
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(`${server.url}/en/incidents/2026-11-23-kcps-hostile-message-text/`);
    const msg = page.locator('.timeline .msg', { hasText: 'Not <b>bold</b>' });
    expect(await msg.evaluate((e) => getComputedStyle(e).whiteSpace)).toBe('pre-line');
    expect(await msg.innerText()).toContain('<description>x\nSecond line');
    expect(await page.locator('.timeline b').count()).toBe(0);
    await page.close();
  });

  it('the history strip is readable as text: uptime on the home page, each day with impact on the service page', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/en/`);
    const item = page.locator('.component', { hasText: 'Object storage' });
    await expect(item.locator('.sr').first().textContent()).resolves.toMatch(
      /Object storage: Past 90 days \d+\.\d{2}% uptime/,
    );
    const link = item.locator('p.days a');
    await expect(link.textContent()).resolves.toMatch(/^\d+ days? with impact/);
    await link.click();
    expect(page.url()).toMatch(/\/en\/services\/kcps\/#c-object-storage$/);
    const days = page.locator('#c-object-storage details.days li');
    expect(await days.count()).toBeGreaterThan(0);
    await expect(days.first().textContent()).resolves.toMatch(/\d{4}-\d{2}-\d{2}: .*(outage|performance|maintenance)/i);
    await page.close();
  });
});
