/** Reading and diffing plain data by path (front-matter is JSON-like after parsing). */
import type { DataPath } from './findings.ts';
import { formatDataPath } from './findings.ts';

export function valueAtPath(data: unknown, path: DataPath): unknown {
  let v: unknown = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Paths of the leaves that differ between two values (added, removed or changed). */
export function changedLeaves(a: unknown, b: unknown, path: DataPath = []): DataPath[] {
  if (deepEqual(a, b)) return [];
  const isContainer = (v: unknown) => typeof v === 'object' && v !== null;
  if (!isContainer(a) || !isContainer(b) || Array.isArray(a) !== Array.isArray(b)) return [path];
  const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
  return [...keys].flatMap((k) => {
    const seg = Array.isArray(a) ? Number(k) : k;
    return changedLeaves((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], [...path, seg]);
  });
}

/** Is `path` equal to or inside `prefix`? */
export function isWithin(path: DataPath, prefix: DataPath): boolean {
  return prefix.length <= path.length && prefix.every((seg, i) => seg === path[i]);
}

export { formatDataPath };
