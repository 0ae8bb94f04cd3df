/** INC128: no unquoted " #" silently cutting a value short. */
import type { ParsedSource } from '../frontmatter/parse-source.ts';
import { truncatingComments } from '../frontmatter/yaml-guard.ts';
import { defineRule, type Report } from './rule.ts';

/** On the YAML as written, on every file that parsed (valid or not). */
function commentsCuttingValues(src: Pick<ParsedSource, 'yaml' | 'yamlFirstLine'>): Report[] {
  return truncatingComments(src.yaml).map((offset) => {
    const before = src.yaml.slice(0, offset);
    const lineStart = before.lastIndexOf('\n') + 1;
    const lineEnd = src.yaml.indexOf('\n', offset);
    const dropped = src.yaml.slice(offset, lineEnd < 0 ? undefined : lineEnd).trimEnd();
    return {
      path: [],
      position: { line: src.yamlFirstLine + before.split('\n').length - 1, column: offset - lineStart + 1 },
      message: `"${dropped.length > 40 ? `${dropped.slice(0, 40)}…` : dropped}" is a YAML comment, not part of the value: the published text stops before it; quote the whole value if it belongs to the text`,
    };
  });
}

export const INC128 = defineRule({
  code: 'INC128',
  severity: 'warning',
  docs: {
    en: {
      title: 'Comment cuts a value short',
      why: 'In YAML an unquoted " #" starts a comment: the rest of the line is silently dropped from the published text.',
      right: 'Quote text that contains " #": message: "see ticket #123".',
    },
    ja: {
      title: 'コメントで切れた値',
      why: 'YAML では引用符のない「 #」からがコメントになり、行の残りが公開される文から黙って落ちます。',
      right: '「 #」を含む文は引用符で囲みます。例: message: "チケット #123 を参照"。',
    },
  },
  check: { source: commentsCuttingValues },
});
