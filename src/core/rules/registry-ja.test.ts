import { describe, expect, it } from 'vitest';
import { rulesView } from '../views/knowledge.ts';
import { RULES } from './registry.ts';
import { RULES_JA } from './registry-ja.ts';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('rule pages of the Japanese site are Japanese', () => {
  it('every rule has a Japanese title, why and what-right-looks-like (add it to registry-ja.ts with a new rule)', () => {
    const missing = RULES.filter((r) => !RULES_JA[r.code]).map((r) => r.code);
    expect(missing).toEqual([]);
    for (const r of rulesView('ja')) {
      for (const text of [r.title, r.why, r.right]) expect(text, r.code).toMatch(JAPANESE);
      expect(r.why, r.code).not.toMatch(/§/);
    }
  });

  it('no stale entries; the English site keeps the English texts', () => {
    expect(Object.keys(RULES_JA).filter((c) => !RULES.some((r) => r.code === c))).toEqual([]);
    expect(rulesView('en').map((r) => r.title)).toEqual(RULES.map((r) => r.title));
  });
});
