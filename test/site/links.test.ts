import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { distFiles, readDist } from './dist-files.ts';

const dist = inject('distDir');
const html = distFiles(dist).filter((f) => f.endsWith('.html'));
const SITE = 'https://status.kcps.example.jp';

function target(path: string): string | undefined {
  const clean = decodeURI(path.split('#')[0]!.split('?')[0]!);
  const file = join(dist, clean);
  if (clean.endsWith('/')) return existsSync(join(file, 'index.html')) ? join(file, 'index.html') : undefined;
  return existsSync(file) ? file : undefined;
}

describe('internal links', () => {
  it('every internal href and src resolves to a built file, and every #fragment exists', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const page of html) {
      const text = readDist(dist, page);
      for (const m of text.matchAll(/\s(?:href|src)="([^"]+)"/g)) {
        let url = m[1]!.replace(/&amp;/g, '&');
        if (url.startsWith(SITE)) url = url.slice(SITE.length) || '/';
        if (!url.startsWith('/') && !url.startsWith('#')) continue;
        checked++;
        const [path, fragment] = url.split('#');
        const file = path ? target(path) : join(dist, page);
        if (!file) {
          broken.push(`${page}: ${url}`);
          continue;
        }
        if (
          fragment &&
          file.endsWith('.html') &&
          !readDist(dist, file.slice(dist.length + 1)).includes(`id="${fragment}"`)
        )
          broken.push(`${page}: ${url} (no #${fragment})`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
  });

  it('every page in one language links to the same page in the other', () => {
    for (const page of html.filter((p) => p !== '404.html')) {
      const text = readDist(dist, page);
      const en = page.startsWith('en/');
      const counterpart = en
        ? `/${page.slice(3).replace(/index\.html$/, '')}`
        : `/en/${page.replace(/index\.html$/, '')}`;
      expect(text, page).toContain(`hreflang="${en ? 'ja' : 'en'}"`);
      expect(text, page).toContain(`href="${counterpart}"`);
      expect(text, page).toMatch(new RegExp(`<html lang="${en ? 'en' : 'ja'}"`));
    }
  });

  it('the 404 page exists and links home in both languages', () => {
    const text = readDist(dist, '404.html');
    expect(text).toContain('href="/"');
    expect(text).toContain('href="/en/"');
  });

  it('one knowledge page per checker rule, linked from the hints', async () => {
    const { RULES, ruleUrl } = await import('../../src/core/rules/registry.ts');
    for (const r of RULES) {
      const path = new URL(ruleUrl(SITE, r.code)).pathname;
      expect(target(path), r.code).toBeDefined();
      expect(target(path.replace(/^\/en/, '')), r.code).toBeDefined();
    }
  });
});
