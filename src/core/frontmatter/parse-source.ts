/**
 * From file bytes to front-matter data, pure. The fast path splits the
 * front-matter block itself and parses it with js-yaml's CORE schema (no
 * timestamp auto-typing: a datetime stays the string that was written).
 * gray-matter was measured doing the same split again plus extra regex
 * passes, a third of the parse time over 10,000 files, so it is not used.
 * Line numbers are only needed for files that have findings, so `locate`
 * builds a position map lazily with `yaml`.
 */
import type { RawFinding } from '../findings.ts';
import { loadGuardedYaml } from './yaml-guard.ts';
import { firstComplexKey } from './locate.ts';

/** Larger than any real incident by two orders of magnitude. */
export const MAX_SOURCE_BYTES = 1024 * 1024;

export interface ParsedSource {
  /** Path relative to the repository root, with forward slashes. */
  file: string;
  text: string;
  /** The YAML text between the delimiters. */
  yaml: string;
  /** 1-based line number in the file of the first YAML line. */
  yamlFirstLine: number;
  data: unknown;
  body: string;
}

export type SourceResult = { ok: true; source: ParsedSource } | { ok: false; finding: RawFinding };

const CLOSING = /^(?:---|\.\.\.)[ \t]*\r?$/gm;
const decoder = new TextDecoder('utf-8', { fatal: true });

export function parseSource(file: string, content: Uint8Array | string): SourceResult {
  const fail = (code: RawFinding['code'], message: string, line = 1, column = 1): SourceResult => ({
    ok: false,
    finding: { code, path: [], message, position: { line, column } },
  });
  let text: string;
  if (typeof content === 'string') {
    if (content.length > MAX_SOURCE_BYTES) {
      return fail(
        'INC001',
        `file is ${content.length} characters; an incident file is at most ${MAX_SOURCE_BYTES} bytes`,
      );
    }
    if (content.includes('\0')) return fail('INC001', 'file is binary (contains NUL bytes), not a Markdown text file');
    text = content;
  } else {
    if (content.byteLength > MAX_SOURCE_BYTES) {
      return fail(
        'INC001',
        `file is ${content.byteLength} bytes; an incident file is at most ${MAX_SOURCE_BYTES} bytes`,
      );
    }
    if (content.includes(0)) return fail('INC001', 'file is binary (contains NUL bytes), not a Markdown text file');
    try {
      text = decoder.decode(content);
    } catch {
      return fail('INC001', 'file is not valid UTF-8 text; save it as UTF-8');
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return fail('INC001', 'file is empty');
  const firstBreak = text.indexOf('\n');
  const firstLine = firstBreak < 0 ? text : text.slice(0, firstBreak);
  if (firstLine.trimEnd() !== '---') {
    return fail('INC002', 'file does not start with a front-matter block (a first line "---")');
  }
  CLOSING.lastIndex = firstBreak + 1;
  const close = firstBreak < 0 ? null : CLOSING.exec(text);
  if (!close) {
    return fail(
      'INC002',
      'front-matter block is not closed: add a line "---" after the last field',
      text.split('\n').length,
    );
  }
  const yaml = text.slice(firstBreak + 1, close.index);
  const afterClose = text.indexOf('\n', close.index);
  const body = afterClose < 0 ? '' : text.slice(afterClose + 1);
  const loaded = loadGuardedYaml(yaml, 'front-matter');
  if (loaded.ok) {
    // Only a flow collection (or "? ") can be a key that is not a name; the loader would call it "[object Object]".
    const complex =
      /[{[?]/.test(yaml) && hasObjectKey(loaded.value) ? firstComplexKey({ yaml, yamlFirstLine: 2 }) : undefined;
    if (complex)
      return fail(
        'INC006',
        `field name ${complex.text.slice(0, 80)} is a ${complex.text.startsWith('[') ? 'list' : 'mapping'}, not a name; a field name is a plain word such as severity`,
        complex.line,
        complex.column,
      );
    return { ok: true, source: { file, text, yaml, yamlFirstLine: 2, data: loaded.value ?? {}, body } };
  }
  if (loaded.syntax) return fail('INC003', loaded.message, loaded.line + 2, loaded.column);
  const message = /^YAML /.test(loaded.message)
    ? loaded.message.replace('is not allowed;', 'is not allowed in an incident file;')
    : `${loaded.message.replace('the YAML', 'the front-matter')}; an incident file is a flat list of fields`;
  return fail('INC120', message, loaded.line + 2, loaded.column);
}

/** Whether a key somewhere is the loader's string for a non-scalar key (the guard bounds the size of `data`). */
function hasObjectKey(data: unknown): boolean {
  if (Array.isArray(data)) return data.some(hasObjectKey);
  if (!data || typeof data !== 'object') return false;
  return Object.entries(data).some(
    ([k, v]) => k === '[object Object]' || /^\[object Object\]|,/.test(k) || hasObjectKey(v),
  );
}
