import { describe, expect, it } from 'vitest';
import { parseSource } from './parse-source.ts';
import { loadGuardedYaml } from './yaml-guard.ts';

describe('loadGuardedYaml (incident files and `incident correct --value`)', () => {
  it.each([
    ['&a [*a, *a]', /anchor/],
    ['!!js/function x', /tag/],
    ['{a: *b}', /alias/],
    [`${'['.repeat(40)}${']'.repeat(40)}`, /nests deeper/],
    ['[1, 2', /syntax/],
  ])('refuses %j with a reason, never a throw', (text, reason) => {
    const r = loadGuardedYaml(text);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toMatch(reason);
  });

  it('reads plain values as CORE YAML (a time stays a string)', () => {
    expect(loadGuardedYaml('2026-11-20T10:00:00+09:00')).toEqual({ ok: true, value: '2026-11-20T10:00:00+09:00' });
    expect(loadGuardedYaml('{ja: あ, en: a}')).toEqual({ ok: true, value: { ja: 'あ', en: 'a' } });
  });
});

describe('non-name keys', () => {
  it.each([
    ['{severity: sev2}: x', '{severity: sev2}', 'mapping'],
    ['[a, b]: x', '[a, b]', 'list'],
    ['? {a: 1}\n: x', '{a: 1}', 'mapping'],
  ])('%j is named as typed, at its line', (key, typed, kind) => {
    const r = parseSource('f.md', `---\nid: x\n${key}\n---\n`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.finding.message).toContain(`field name ${typed} is a ${kind}`);
    expect(r.finding.message).not.toContain('[object Object]');
    expect(r.finding.position?.line).toBe(3);
  });

  it('a key with a comma or a value with brackets is not one', () => {
    expect(parseSource('f.md', '---\n"a,b": x\nt: "[x]"\n---\n').ok).toBe(true);
  });
});
