/**
 * INC120: no YAML anchors, aliases, merge keys, tags or directives; bounded depth and
 * size. Reported by the front-matter reader (frontmatter/yaml-guard.ts).
 */
import { defineRule } from './rule.ts';

export const INC120 = defineRule({
  code: 'INC120',
  severity: 'error',
  docs: {
    en: {
      title: 'YAML feature not allowed',
      why:
        'Anchors, aliases, merge keys, custom tags and directives are never needed to write an incident, ' +
        'and a few nested aliases make a 3 KB file expand to gigabytes in every reader; ' +
        'front-matter nested deeper than 24 levels or with more than 20,000 values is refused for the same reason.',
      right:
        'Write every value out in full: plain keys and values, no "&name", "*name", "<<:", ' +
        '"!tag" or "%" directives.',
    },
    ja: {
      title: '使えない YAML の機能',
      why:
        'アンカー、エイリアス、マージキー、独自タグ、ディレクティブはインシデントの記述に不要で、' +
        '数段入れ子にしたエイリアスだけで 3 KB のファイルがすべての読み手の中で数 GB に膨らみます。' +
        '24 段より深い入れ子や 20,000 個を超える値も同じ理由で受け付けません。',
      right:
        '値はそのまま書きます（「&」「*」「<<:」「!」で始まる構文を使わない）。' +
        '同じ文を二度使うときは二度書きます。',
    },
    example:
      'corrections:\n  - field: detection.at\n    old: "2026-11-20T10:12:00+09:00"\n' +
      '    new: "2026-11-20T10:02:00+09:00"',
  },
  check: { reader: true },
});
