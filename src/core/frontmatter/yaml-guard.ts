/**
 * What incident files never need and an attacker uses to make a small file
 * expensive: anchors, aliases, merge keys, custom tags and directives. They
 * are found with `yaml`'s lexer (tokens only, nothing is built or expanded)
 * before the YAML is loaded; the lexer only runs when one of the characters
 * that can start such a token appears at all, so ordinary files pay nothing.
 */
import { CST, Lexer } from 'yaml';
import { load, CORE_SCHEMA, YAMLException } from 'js-yaml';

export interface YamlHazard {
  kind: 'anchor' | 'alias' | 'tag' | 'merge key' | 'directive';
  token: string;
  /** Offset into the YAML text. */
  offset: number;
}

const MAYBE = /[&*!%]|<</;
/** Control tokens the lexer emits that are not part of the source. */
const CONTROL = new Set([CST.DOCUMENT, CST.FLOW_END, CST.SCALAR]);

/**
 * The lexer's tokens that are part of the source, each with its type and
 * offset. The lexer announces a scalar with a control token and then emits
 * its text, which `tokenType` cannot tell from other text: it is typed
 * 'scalar' here.
 */
function* sourceTokens(
  yaml: string,
): Generator<{ token: string; type: ReturnType<typeof CST.tokenType>; offset: number }> {
  let offset = 0;
  let scalarNext = false;
  for (const token of new Lexer().lex(yaml)) {
    if (CONTROL.has(token)) {
      scalarNext = token === CST.SCALAR;
      continue;
    }
    const type = scalarNext ? 'scalar' : CST.tokenType(token);
    scalarNext = false;
    yield { token, type, offset };
    offset += token.length;
  }
}

export function yamlHazards(yaml: string): YamlHazard[] {
  if (!MAYBE.test(yaml)) return [];
  const out: YamlHazard[] = [];
  for (const { token, type, offset } of sourceTokens(yaml)) {
    if (type === 'anchor' || type === 'alias' || type === 'tag') out.push({ kind: type, token, offset });
    else if (type === 'directive-line') out.push({ kind: 'directive', token, offset });
    else if (type === 'scalar' && token === '<<') out.push({ kind: 'merge key', token, offset });
  }
  return out;
}

/** Nesting and size limits while loading: real incidents are ~6 levels and a few hundred nodes deep. */
export const MAX_DEPTH = 24;
export const MAX_NODES = 20_000;

export class YamlLimitError extends Error {
  /** 0-based line in the YAML text where the limit was passed. */
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.line = line;
  }
}

/** A js-yaml `listener` that stops the load as soon as a limit is passed, before the structure is built. */
export function limitListener(): (event: 'open' | 'close', state: { line: number }) => void {
  let depth = 0;
  let nodes = 0;
  return (event, state) => {
    if (event === 'close') {
      depth--;
      return;
    }
    depth++;
    nodes++;
    if (depth > MAX_DEPTH)
      throw new YamlLimitError(`the front-matter nests deeper than ${MAX_DEPTH} levels`, state.line);
    if (nodes > MAX_NODES) throw new YamlLimitError(`the front-matter has more than ${MAX_NODES} values`, state.line);
  };
}

/**
 * Comments that end an unquoted value early: in `message: see ticket #123`
 * the " #123" is a YAML comment, so the published text stops at "ticket".
 * Returns the offset of each such "#" (after a single space: two or more
 * spaces before "#" is the conventional deliberate trailing comment).
 */
export function truncatingComments(yaml: string): number[] {
  if (!/[ \t]#/.test(yaml) || !yaml.split('\n').some(mayCutValue)) return [];
  const out: number[] = [];
  let plainOnLine = false;
  let lastSpace = '';
  for (const { token, type, offset } of sourceTokens(yaml)) {
    if (type === 'newline') plainOnLine = false;
    // A plain scalar token spanning lines continues on the comment's line.
    else if (type === 'scalar') plainOnLine = !token.startsWith('"') && !token.startsWith("'");
    // One space before "#" reads as text; two or more is the usual deliberate trailing comment.
    else if (type === 'comment' && plainOnLine && lastSpace === ' ') out.push(offset);
    else if (type !== 'space') plainOnLine = false;
    lastSpace = type === 'space' ? token : '';
  }
  return out;
}

/** Cheap pre-check for one line: a " #" that is not inside a one-line quoted value (then the lexer decides). */
function mayCutValue(line: string): boolean {
  if (!/[ \t]#/.test(line)) return false;
  const value = line
    .trimStart()
    .replace(/^(?:- +)+/, '')
    .replace(/^[^:'"#]*:[ \t]+/, '');
  const q = value[0];
  return !((q === '"' || q === "'") && value.trimEnd().endsWith(q) && value.trimEnd().length > 1);
}

/**
 * The one guarded way to turn user-typed YAML (a front-matter block, a
 * `--value` on the command line) into data: hazards refused before loading,
 * depth and size limited while loading, CORE schema (no timestamp typing).
 */
export type GuardedLoad =
  { ok: true; value: unknown } | { ok: false; message: string; line: number; column: number; syntax: boolean };

export function loadGuardedYaml(yaml: string, filename = 'value'): GuardedLoad {
  const [hazard] = yamlHazards(yaml);
  if (hazard) {
    const before = yaml.slice(0, hazard.offset);
    return {
      ok: false,
      message: `YAML ${hazard.kind} "${hazard.token.slice(0, 40)}" is not allowed; write the value out in full`,
      line: before.split('\n').length - 1,
      column: hazard.offset - before.lastIndexOf('\n'),
      syntax: false,
    };
  }
  try {
    return { ok: true, value: load(yaml, { schema: CORE_SCHEMA, filename, listener: limitListener() }) };
  } catch (err) {
    // RangeError: a stack overflow in the loader on input the limits did not foresee is still the input's fault.
    if (err instanceof YamlLimitError)
      return { ok: false, message: err.message, line: err.line, column: 1, syntax: false };
    if (err instanceof RangeError)
      return { ok: false, message: 'the YAML nests too deeply', line: 0, column: 1, syntax: false };
    if (err instanceof YAMLException) {
      return {
        ok: false,
        message: `YAML syntax error: ${err.reason}`,
        line: err.mark ? err.mark.line : 0,
        column: err.mark ? err.mark.column + 1 : 1,
        syntax: true,
      };
    }
    throw err;
  }
}
