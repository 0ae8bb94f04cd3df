/**
 * Turns zod issues into findings people can act on: a missing field, a wrong
 * value with the allowed ones listed, an unknown field with the likely
 * intended name, a naive datetime.
 */
import type { z } from 'zod';
import type { DataPath, RawFinding } from '../findings.ts';
import { formatDataPath } from '../findings.ts';
import { valueAtPath } from '../data-path.ts';
import { closest } from '../text/closest.ts';
import { visible } from '../text/visible.ts';
import { objectKeysAt } from '../schema-walk.ts';

type Issue = z.core.$ZodIssue;

export function schemaFindings(schema: z.ZodType, data: unknown, issues: readonly Issue[]): RawFinding[] {
  const findings = issues.flatMap((issue) => one(schema, data, issue));
  // A typo'd key ("staus") also leaves its intended field missing; the typo is the one thing to say.
  const intended = new Set(
    findings.flatMap((f) =>
      f.code === 'INC006' && typoOf.has(f) ? [JSON.stringify([...f.path.slice(0, -1), typoOf.get(f)!])] : [],
    ),
  );
  return findings.filter((f) => f.code === 'INC006' || !intended.has(JSON.stringify(f.path)));
}

const typoOf = new WeakMap<RawFinding, string>();

function one(schema: z.ZodType, data: unknown, issue: Issue): RawFinding[] {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)) as DataPath;
  const name = formatDataPath(path) || 'front-matter';
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = objectKeysAt(schema, path);
      return issue.keys.map((key) => {
        const guess = closest(key, known);
        const where = path.length ? ` in ${name}` : '';
        const missing = guess !== undefined && parentHas(data, [...path, guess]) === false;
        const finding: RawFinding = {
          code: 'INC006',
          path: [...path, key],
          message: `unknown field "${visible(key)}"${where}${guess ? `; did you mean "${guess}"?${missing ? ` (${guess} is missing)` : ''}` : ''} Known fields: ${known.join(', ')}`,
        };
        if (missing) typoOf.set(finding, guess);
        return finding;
      });
    }
    case 'invalid_type': {
      if (valueAtPath(data, path) === undefined && parentHas(data, path) === false) {
        return [
          {
            code: 'INC004',
            path,
            message: `missing required field "${name}" (${issue.expected === 'object' ? 'a mapping' : `a ${issue.expected}`})`,
          },
        ];
      }
      const got = describe(valueAtPath(data, path));
      if (path.length === 0)
        return [{ code: 'INC005', path, message: `front-matter must be a YAML mapping of fields, got ${got}` }];
      return [{ code: 'INC005', path, message: `${name} must be ${article(issue.expected)}, got ${got}` }];
    }
    case 'invalid_value':
      if (valueAtPath(data, path) === undefined && parentHas(data, path) === false) {
        return [
          {
            code: 'INC004',
            path,
            message: `missing required field "${name}" (one of: ${issue.values.map(String).join(', ')})`,
          },
        ];
      }
      return [
        {
          code: 'INC005',
          path,
          message: `${name} is ${describe(valueAtPath(data, path))}; expected one of: ${issue.values.map(String).join(', ')}`,
        },
      ];
    case 'custom': {
      const rule = (issue.params as { rule?: RawFinding['code'] } | undefined)?.rule;
      return [{ code: rule ?? 'INC005', path, message: `${name}: ${issue.message}` }];
    }
    case 'too_small':
      return [
        { code: 'INC005', path, message: `${name} ${issue.origin === 'string' ? 'must not be empty' : issue.message}` },
      ];
    default:
      return [{ code: 'INC005', path, message: `${name}: ${issue.message}` }];
  }
}

/** false when the parent exists and lacks the key (a missing field); undefined when the parent itself is missing. */
function parentHas(data: unknown, path: DataPath): boolean | undefined {
  if (path.length === 0) return data !== undefined;
  const parent = valueAtPath(data, path.slice(0, -1));
  if (parent === null || typeof parent !== 'object') return undefined;
  return Object.hasOwn(parent, path[path.length - 1] as PropertyKey);
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'an empty value';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `"${visible(v.length > 40 ? `${v.slice(0, 40)}…` : v)}"`;
  return `${typeof v} ${String(v)}`;
}

function article(expected: string): string {
  const words: Record<string, string> = {
    object: 'a mapping (key: value lines)',
    array: 'a list ("- " items)',
    string: 'text',
    number: 'a number',
    boolean: 'true or false',
  };
  return words[expected] ?? `a ${expected}`;
}
