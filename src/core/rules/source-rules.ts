/** INC128: rules on the YAML as written, run on every file that parsed (valid or not). */
import type { RawFinding } from '../findings.ts';
import type { ParsedSource } from '../frontmatter/parse-source.ts';
import { truncatingComments } from '../frontmatter/yaml-guard.ts';

export function commentsCuttingValues(src: Pick<ParsedSource, 'yaml' | 'yamlFirstLine'>): RawFinding[] {
  return truncatingComments(src.yaml).map((offset) => {
    const before = src.yaml.slice(0, offset);
    const lineStart = before.lastIndexOf('\n') + 1;
    const lineEnd = src.yaml.indexOf('\n', offset);
    const dropped = src.yaml.slice(offset, lineEnd < 0 ? undefined : lineEnd).trimEnd();
    return {
      code: 'INC128',
      path: [],
      position: { line: src.yamlFirstLine + before.split('\n').length - 1, column: offset - lineStart + 1 },
      message: `"${dropped.length > 40 ? `${dropped.slice(0, 40)}…` : dropped}" is a YAML comment, not part of the value: the published text stops before it; quote the whole value if it belongs to the text`,
    };
  });
}
