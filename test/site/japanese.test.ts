import { expect, inject, it } from 'vitest';
import { RULES } from '../../src/core/rules/registry.ts';
import { distFiles, readDist } from './dist-files.ts';

const dist = inject('distDir');

it('the 46+ rule pages of the Japanese site explain the rule in Japanese (no English paragraphs)', () => {
  const pages = distFiles(dist).filter((f) => /^kb\/rules\/inc\d+\/index\.html$/.test(f));
  expect(pages).toHaveLength(RULES.length);
  for (const f of pages) {
    const html = readDist(dist, f);
    const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
    expect(main, f).not.toContain('lang="en"');
    const paragraphs = [...main.matchAll(/<p>([^<]*)<\/p>/g)].map((m) => m[1]!);
    expect(paragraphs.length, f).toBeGreaterThanOrEqual(2);
    for (const p of paragraphs) expect(p, f).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  }
});
