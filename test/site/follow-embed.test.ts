import { describe, expect, inject, it } from 'vitest';
import { distFiles, readDist } from './dist-files.ts';

const dist = inject('distDir');
const files = distFiles(dist);

describe('following and embedding', () => {
  it("every page has the Follow entry in its header: this page's feeds, then feeds, calendar, API, badge and embed with one line each", () => {
    const pages = files.filter((f) => f.endsWith('.html') && !f.includes('embed/') && f !== '404.html');
    expect(pages.length).toBeGreaterThan(100);
    for (const f of pages) {
      const html = readDist(dist, f);
      const header = html.slice(html.indexOf('<header'), html.indexOf('</header>'));
      expect(header, f).toContain('<details class="follow"');
      for (const id of ['rss', 'calendar', 'api', 'badge', 'embed']) expect(header, f).toContain(`/kb/follow/#${id}"`);
    }
    expect(
      readDist(dist, 'services/kcps/index.html').slice(
        0,
        readDist(dist, 'services/kcps/index.html').indexOf('</header>'),
      ),
    ).toContain('href="/services/kcps/feed.xml"');
  });

  it('the embed page needs no JavaScript, opens links outside the frame, and says what the API says', () => {
    const api = JSON.parse(readDist(dist, 'api/v2/status.json'));
    for (const f of ['embed/index.html', 'en/embed/index.html']) {
      const html = readDist(dist, f);
      expect(html).not.toMatch(/<script\b/i);
      expect(html).toContain('<base target="_blank">');
      expect(html).toContain(`class="${api.status.indicator}"`);
      expect(Buffer.byteLength(html)).toBeLessThan(8_000);
    }
    expect(readDist(dist, 'en/embed/index.html')).toContain(api.status.description);
    const embed = JSON.parse(readDist(dist, 'api/embed.json'));
    expect(embed.status).toEqual({
      indicator: api.status.indicator,
      description: expect.objectContaining({ en: api.status.description }),
    });
    expect(embed.generated_at).toBe('2026-11-28T09:00:00+09:00');
    expect(embed.current.map((c: { id: string }) => c.id).sort()).toEqual([
      '2026-11-26-kbi-mfa-sms-delay',
      '2026-11-28-kcps-network-upgrade-maintenance',
      '2026-11-28-kcps-object-storage-upload-failures',
    ]);
  });
});
