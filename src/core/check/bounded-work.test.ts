/**
 * Bounded work on any input: whatever an author (or an attacker) writes up to
 * the size limit, the guarded reader hands the rules a tree no larger than the
 * text it came from — nothing expands — or refuses it with located findings.
 * Asserted structurally (node counts), never by wall-clock time; speed lives
 * in the benchmark.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASE_FILE, baseText, catalog, NOW } from '../../../test/builders.ts';
import { MAX_SOURCE_BYTES } from '../frontmatter/parse-source.ts';
import { MAX_DEPTH } from '../frontmatter/yaml-guard.ts';
import { RULES } from '../rules/registry.ts';
import { checkFile } from './check-incidents.ts';
import { parseIncident } from './parse-incident.ts';

const codes = new Set(RULES.map((r) => r.code));

/** Nodes visited walking `data` as a tree (shared references counted every time); stops past `cap`. */
function treeSize(data: unknown, cap: number): { nodes: number; depth: number } {
  let nodes = 0;
  let maxDepth = 0;
  const walk = (v: unknown, depth: number): void => {
    if (nodes > cap) return;
    nodes++;
    maxDepth = Math.max(maxDepth, depth);
    if (v && typeof v === 'object') for (const child of Object.values(v)) walk(child, depth + 1);
  };
  walk(data, 0);
  return { nodes, depth: maxDepth };
}

const fragment = fc.oneof(
  fc.constantFrom(
    'a: ',
    'b:\n  ',
    '- ',
    '&x ',
    '&y ',
    '*x',
    '*y',
    '<<: ',
    '!!str ',
    '!tag ',
    '%YAML 1.2\n',
    '[',
    ']',
    '{',
    '}',
    ', ',
    '"q"',
    "'s'",
    ' # c',
    '\n',
    '  ',
    '|\n  ',
    '? ',
    ': ',
  ),
  fc.string({ maxLength: 12 }),
);
const yamlish = fc.array(fragment, { maxLength: 120 }).map((parts) => parts.join(''));

/** An alias pyramid: level n is a list of `width` aliases to level n-1 (width^depth leaves if expanded). */
const pyramid = fc
  .record({ depth: fc.integer({ min: 1, max: 12 }), width: fc.integer({ min: 2, max: 12 }), flow: fc.boolean() })
  .map(({ depth, width, flow }) => {
    const lines = ['l0: &l0 [lol]'];
    for (let i = 1; i <= depth; i++) {
      const items = Array(width).fill(`*l${i - 1}`);
      lines.push(
        flow ? `l${i}: &l${i} [${items.join(', ')}]` : `l${i}: &l${i}\n${items.map((x) => `  - ${x}`).join('\n')}`,
      );
    }
    return lines.join('\n');
  });

function assertBounded(text: string): void {
  const parsed = parseIncident(BASE_FILE, text);
  if (parsed.source) {
    const { nodes, depth } = treeSize(parsed.source.data, text.length + 1);
    // A tree from YAML without aliases has at most one node per character of source.
    expect(nodes).toBeLessThanOrEqual(text.length + 1);
    expect(depth).toBeLessThanOrEqual(MAX_DEPTH + 1);
  } else {
    expect(parsed.ok).toBe(false);
  }
  const { findings } = checkFile({ file: BASE_FILE, content: text }, { catalog, now: NOW });
  for (const f of findings) {
    expect(codes.has(f.code)).toBe(true);
    expect(f.line).toBeGreaterThanOrEqual(1);
  }
}

describe('bounded work on any input up to the size limit', () => {
  it('random YAML-ish front-matter (anchors, aliases, merge keys, tags, flow, comments)', () => {
    fc.assert(
      fc.property(yamlish, (y) => assertBounded(`---\n${y}\n---\n`)),
      { numRuns: 400 },
    );
  });

  it('alias pyramids anywhere in a valid incident never expand', () => {
    fc.assert(
      fc.property(pyramid, fc.integer({ min: 0, max: 20 }), (p, at) => {
        const lines = baseText.split('\n');
        const end = lines.indexOf('---', 1);
        const cut = 1 + (at % (end - 1));
        // Inserted at a top-level line boundary or indented under the previous key: either way it is refused or bounded.
        assertBounded([...lines.slice(0, cut), p, ...lines.slice(cut)].join('\n'));
      }),
      { numRuns: 200 },
    );
  });

  it('the largest accepted file: deep nesting and many values are refused before they are built', () => {
    const header = '---\nid: x\nnotes: ';
    for (const body of [
      '['.repeat(MAX_SOURCE_BYTES - 100),
      `[${'1,'.repeat((MAX_SOURCE_BYTES - 100) / 2 - 1)}1]`,
      '{a: '.repeat((MAX_SOURCE_BYTES - 100) / 4),
    ]) {
      const text = `${header}${body}\n---\n`;
      expect(text.length).toBeLessThanOrEqual(MAX_SOURCE_BYTES);
      const parsed = parseIncident(BASE_FILE, text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok)
        expect(parsed.findings.map((f) => f.code)).toEqual(
          expect.arrayContaining([expect.stringMatching(/^INC(003|120)$/)]),
        );
    }
  });

  it('one byte over the limit is refused, as bytes and as text', () => {
    const text = `---\nid: x\n---\n${'a'.repeat(MAX_SOURCE_BYTES)}`;
    for (const content of [text, new TextEncoder().encode(text)]) {
      const parsed = parseIncident(BASE_FILE, content);
      expect(parsed.ok ? [] : parsed.findings.map((f) => f.code)).toEqual(['INC001']);
    }
  });
});
