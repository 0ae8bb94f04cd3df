import { describe, expect, it } from 'vitest';
import { catalog, makeIncident, NOW } from '../../../test/builders.ts';
import { ledgerOf } from '../ledger/ledger.ts';
import type { Finding } from '../findings.ts';
import { capComment, COMMENT_LIMIT, PR_COMMENT_MARKER, renderPrComment } from './pr-comment.ts';

const finding = (i: number): Finding => ({
  file: `incidents/2026/file-${i}.md`,
  line: i,
  column: 1,
  code: 'INC042',
  severity: 'error',
  message: `an e-mail address in a published field ${'x'.repeat(200)}`,
  hint: 'Remove it.',
});

describe("the sticky pull-request comment stays under GitHub's size limit", () => {
  it('a pull request with thousands of findings gets a comment GitHub accepts, the verdict first and a pointer to the full list', () => {
    const findings = Array.from({ length: 3000 }, (_, i) => finding(i));
    const body = renderPrComment([{ incident: makeIncident() }], findings, catalog, ledgerOf([]), NOW);
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body.startsWith(PR_COMMENT_MARKER)).toBe(true);
    expect(body).toContain('### Incident check: ❌ 3000 error(s)');
    expect(body).toMatch(/… \d+ more line\(s\) not shown: GitHub limits a comment to 65,536 characters/);
    // The lines it keeps are whole: the last kept finding row is complete.
    const kept = body.split('\n').filter((l) => l.startsWith('| `incidents/2026/file-'));
    expect(kept.length).toBeGreaterThan(100);
    expect(kept.at(-1)).toMatch(/\| Remove it\. \|$/);
    const omitted = Number(/… (\d+) more line/.exec(body)![1]);
    expect(kept.length + omitted).toBe(3000);
  });

  it('a small comment is left exactly as written', () => {
    const body = renderPrComment([{ incident: makeIncident() }], [finding(1)], catalog, ledgerOf([]), NOW);
    expect(body).not.toContain('not shown');
    expect(capComment(body.split('\n'))).toBe(body);
  });

  it('a single line longer than the limit is dropped, not cut mid-way', () => {
    const body = capComment(['head', 'y'.repeat(COMMENT_LIMIT + 10), 'tail'], 1000);
    expect(body.length).toBeLessThanOrEqual(1000);
    expect(body.startsWith('head\n\n… 2 more line(s) not shown')).toBe(true);
  });
});
