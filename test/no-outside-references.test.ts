/**
 * The repository stands on its own: no committed file cites a document that
 * is not in it (a design note's sections, a sibling folder, a research
 * note), since a reader — or a published knowledge page — cannot follow it.
 * Public standards cited by number (RFC 5545 §3.1) are fine.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './builders.ts';

const SELF = 'test/no-outside-references.test.ts';
/** The last: a section sign not preceded by a standard's name and number (nor a regex's slash, as in a test that looks for one). */
const OUTSIDE = [
  /DESIGN(\.md| §)/,
  /\.\.\/shared\//,
  /seed\/README/,
  /research\/[\w-]+\.md/,
  /(?<!(RFC|ISO|IEC|JIS) ?[\d-]+ |\/)§/,
];

describe('no references to documents outside the repository', () => {
  it('no committed text file cites one', () => {
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' })
      .split('\0')
      .filter((f) => f && f !== SELF && !f.endsWith('package-lock.json'));
    const hits: string[] = [];
    for (const file of files) {
      const buffer = readFileSync(join(REPO_ROOT, file));
      if (buffer.includes(0)) continue; // binary
      buffer
        .toString('utf8')
        .split('\n')
        .forEach((line, i) => {
          if (OUTSIDE.some((re) => re.test(line))) hits.push(`${file}:${i + 1}: ${line.trim().slice(0, 120)}`);
        });
    }
    expect(hits).toEqual([]);
  });

  it('the patterns catch what they are for', () => {
    // Spelt in pieces so this file does not itself hold the citations other scans look for.
    const design = ['DES', 'IGN'].join('');
    const shared = ['..', 'shared', 'seed', 'README.md'].join('/');
    for (const line of [`see ${design} §4`, `${design}.md`, '(policy §2)', shared, 'research/peers.md'])
      expect(
        OUTSIDE.some((re) => re.test(line)),
        line,
      ).toBe(true);
    for (const line of ['folded (RFC 5545 §3.1)', 'expect(r.why).not.toMatch(/§/)'])
      expect(
        OUTSIDE.some((re) => re.test(line)),
        line,
      ).toBe(false);
  });
});
