/**
 * INC002: the file starts with a YAML front-matter block. Reported by the
 * front-matter reader (frontmatter/parse-source.ts).
 */
import { defineRule } from './rule.ts';

export const INC002 = defineRule({
  code: 'INC002',
  severity: 'error',
  docs: {
    en: {
      title: 'No front-matter',
      why: "The incident's facts live in the YAML front-matter; the Markdown body is free narrative.",
      right: 'Start the file with a line "---", the YAML fields, and a closing "---" line.',
    },
    ja: {
      title: 'フロントマターがない',
      why: 'インシデントの事実は YAML のフロントマターに記録します。Markdown の本文は自由な記述です。',
      right: 'ファイルを「---」の行で始め、YAML の項目を書き、「---」の行で閉じます。',
    },
    example: '---\nid: 2026-11-20-kcps-storage-latency\n...\n---\nNarrative.',
  },
  check: { reader: true },
});
