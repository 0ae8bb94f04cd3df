/** Reads config/catalog.yaml and validates it; problems become a UserError naming file and line. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { indexCatalog, parseCatalog, type CatalogIndex } from '../core/catalog/index.ts';
import { UserError } from '../core/errors.ts';
import { parseDataPath } from '../core/findings.ts';

export const CATALOG_PATH = 'config/catalog.yaml';

export function readCatalog(root: string): CatalogIndex {
  const file = join(root, CATALOG_PATH);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new UserError(
      `${CATALOG_PATH}: cannot read the service catalog; run from the repository root or restore the file`,
    );
  }
  return parseCatalogText(utf8Text(bytes));
}

/** The bytes as UTF-8; a byte sequence that is not UTF-8 would otherwise reach the public site as "�". */
function utf8Text(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const lines = bytes.toString('latin1').split('\n');
    const bad = lines.findIndex((line) => {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(line, 'latin1'));
        return false;
      } catch {
        return true;
      }
    });
    throw new UserError(
      `${CATALOG_PATH}:${bad + 1}:1  not valid UTF-8; save the file as UTF-8 (without changing its text)`,
    );
  }
}

/** The catalog from its text (e.g. as a commit holds it); problems become a UserError naming file and line. */
export function parseCatalogText(text: string): CatalogIndex {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    throw new UserError(
      `${CATALOG_PATH}:${e.linePos?.[0].line ?? 1}:${e.linePos?.[0].col ?? 1}  YAML syntax error: ${e.message.split('\n')[0]}`,
    );
  }
  const result = parseCatalog(doc.toJS());
  if (result.ok) return indexCatalog(result.catalog);
  const lines = result.problems.map((p) => {
    const node = doc.getIn(parseDataPath(p.path) ?? [], true) as { range?: [number] } | undefined;
    const pos = node?.range ? lineCounter.linePos(node.range[0]) : { line: 1, col: 1 };
    return `${CATALOG_PATH}:${pos.line}:${pos.col}  ${p.path || 'catalog'}: ${p.message}`;
  });
  throw new UserError(`The service catalog is invalid:\n${lines.join('\n')}`);
}
