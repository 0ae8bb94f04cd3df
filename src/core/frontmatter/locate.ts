/**
 * Maps a data path to a line and column in the file, using `yaml`'s
 * source-preserving parser. Missing keys point at their nearest parent.
 */
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node, type Pair } from 'yaml';
import type { DataPath } from '../findings.ts';
import type { ParsedSource } from './parse-source.ts';

export interface Position {
  line: number;
  column: number;
}

export type Locator = (path: DataPath) => Position;

export function createLocator(source: ParsedSource): Locator {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.yaml, { lineCounter, schema: 'core', uniqueKeys: false });
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line + source.yamlFirstLine - 1, column: p.col };
  };
  return (path) => {
    let node: unknown = doc.contents;
    let best: Position = { line: source.yamlFirstLine, column: 1 };
    for (const seg of path) {
      if (isMap(node)) {
        const pair = (node.items as Pair[]).find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        const key = pair.key as Node;
        if (key.range) best = at(key.range[0]);
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg] as Node | undefined;
        if (!item) break;
        if (item.range) best = at(item.range[0]);
        node = item;
      } else {
        break;
      }
    }
    return best;
  };
}

/**
 * The first mapping key that is not a plain scalar (`{severity: sev2}: x`,
 * `[a, b]: x`), as typed, with its position: the loader turns such a key into
 * "[object Object]", which names nothing the author wrote.
 */
export function firstComplexKey(
  source: Pick<ParsedSource, 'yaml' | 'yamlFirstLine'>,
): { text: string; line: number; column: number } | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.yaml, { lineCounter, schema: 'core', uniqueKeys: false });
  const walk = (node: unknown): { text: string; line: number; column: number } | undefined => {
    if (isMap(node)) {
      for (const pair of node.items as Pair[]) {
        const key = pair.key as Node | null;
        if (key && !isScalar(key) && key.range) {
          const p = lineCounter.linePos(key.range[0]);
          return {
            text: source.yaml.slice(key.range[0], key.range[1]).trim(),
            line: p.line + source.yamlFirstLine - 1,
            column: p.col,
          };
        }
        const inner = walk(pair.value);
        if (inner) return inner;
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        const inner = walk(item);
        if (inner) return inner;
      }
    }
    return undefined;
  };
  return walk(doc.contents);
}
