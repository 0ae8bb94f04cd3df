/** INC003: the front-matter is valid YAML. Reported by the front-matter reader (frontmatter/parse-source.ts). */
import { defineRule } from './rule.ts';

export const INC003 = defineRule({
  code: 'INC003',
  severity: 'error',
  docs: {
    en: {
      title: 'YAML syntax error',
      why: 'A file that does not parse cannot be checked, published or notified.',
      right:
        'Valid YAML: two-space indentation, "key: value" pairs, list items starting with "- ", ' +
        'quotes around text containing ": " or "#", no duplicate keys.',
    },
    ja: {
      title: 'YAML の構文エラー',
      why: '解析できないファイルは、チェックも公開も通知もできません。',
      right:
        '正しい YAML にします。インデントは半角スペース 2 つ、「key: value」の形、リスト項目は「- 」で始め、' +
        '「: 」や「#」を含む文字列は引用符で囲み、キーを重複させません。',
    },
  },
  check: { reader: true },
});
