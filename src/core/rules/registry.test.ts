import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rulesView } from '../views/knowledge.ts';
import { ALL_RULES } from './index.ts';
import { RULES, ruleDoc, rulesAt, type KnownRuleCode } from './registry.ts';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const HERE = import.meta.dirname;
const REPO = join(HERE, '../../..');

describe('the catalog is the list of rule modules', () => {
  it('every rule module (incNNN-<name>.ts) is listed once in index.ts, under the code of its file name', () => {
    const modules = readdirSync(HERE).filter((f) => /^inc\d{3}-[a-z0-9-]+\.ts$/.test(f));
    const index = readFileSync(join(HERE, 'index.ts'), 'utf8');
    for (const file of modules) {
      const code = file.slice(0, 6).toUpperCase();
      expect(index, file).toContain(`import { ${code} } from './${file}';`);
      expect(readFileSync(join(HERE, file), 'utf8'), file).toContain(`code: '${code}',`);
    }
    expect(ALL_RULES.map((r) => r.code).sort()).toEqual(modules.map((f) => f.slice(0, 6).toUpperCase()).sort());
    expect(new Set(ALL_RULES.map((r) => r.code)).size).toBe(ALL_RULES.length);
    // The codes stay literal types (typecheck): a stage's rules carry their own code, no other.
    const known: KnownRuleCode = 'INC030';
    // @ts-expect-error INC999 is no rule
    const unknown: KnownRuleCode = 'INC999';
    expect([known, unknown]).toHaveLength(2);
  });

  it('every rule has a check (or is reported by the reader), and the stages list exactly the rules that listen to them', () => {
    for (const r of ALL_RULES) expect(Object.keys(r.check).length, r.code).toBeGreaterThan(0);
    expect(rulesAt('run').map((r) => r.code)).toEqual(ALL_RULES.filter((r) => r.check.run).map((r) => r.code));
    expect(() => ruleDoc('INC999')).toThrow(/unknown rule code INC999/);
  });

  it('every code written outside the rule modules (the reader, the schema, the listing of the tree) is a rule, and each rule reported by the reader is written there', () => {
    const literals = new Set<string>();
    const scan = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) scan(p);
        else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !/^inc\d{3}-/.test(e.name)) {
          for (const m of readFileSync(p, 'utf8').matchAll(/'(INC\d{3})'/g)) literals.add(m[1]!);
        }
      }
    };
    for (const dir of ['src/core', 'src/adapters', 'scripts']) scan(join(REPO, dir));
    const known = new Set(RULES.map((r) => r.code));
    expect([...literals].filter((c) => !known.has(c))).toEqual([]);
    expect(ALL_RULES.filter((r) => r.check.reader && !literals.has(r.code)).map((r) => r.code)).toEqual([]);
    for (const code of ['INC001', 'INC004', 'INC007', 'INC120', 'INC121', 'INC131'])
      expect(literals.has(code), code).toBe(true);
  });
});

describe('rule pages of the Japanese site are Japanese', () => {
  it('every rule has a Japanese title, why and what-right-looks-like', () => {
    for (const r of rulesView('ja')) {
      for (const text of [r.title, r.why, r.right]) expect(text, r.code).toMatch(JAPANESE);
      expect(r.why, r.code).not.toMatch(/§/);
    }
  });

  it('the English site keeps the English texts; the example is shared', () => {
    expect(rulesView('en').map((r) => r.title)).toEqual(RULES.map((r) => r.title));
    for (const r of rulesView('en')) expect(r.title, r.code).not.toMatch(JAPANESE);
    expect(rulesView('ja').map((r) => r.example)).toEqual(RULES.map((r) => r.example));
  });
});
