/**
 * What the rules against the base version share (INC092, INC095, INC126):
 * published facts are append-only, and the one audited way to change one is
 * a new `corrections` entry naming the field, the old and the new value.
 */
import { deepEqual, isWithin, valueAtPath } from '../data-path.ts';
import { parseDataPath, type DataPath } from '../findings.ts';
import type { Correction, Incident } from '../incident/schema.ts';

/** Whether a correction added since the base covers the change at `path`. */
export function correctedSinceBase(base: Incident, head: Incident): (path: DataPath) => boolean {
  const added = (head.corrections ?? []).slice((base.corrections ?? []).length);
  return (path) => added.some((c) => covers(c, path, base, head));
}

function covers(c: Correction, path: DataPath, base: Incident, head: Incident): boolean {
  const target = parseDataPath(c.field);
  if (!target || !isWithin(path, target)) return false;
  return deepEqual(c.old, valueAtPath(base, target)) && deepEqual(c.new, valueAtPath(head, target));
}

/** The deepest prefix of `path` that exists in `data`, so a finding points at a real line. */
export function existing(data: unknown, path: DataPath): DataPath {
  for (let n = path.length; n > 0; n--) {
    if (valueAtPath(data, path.slice(0, n)) !== undefined) return path.slice(0, n);
  }
  return [];
}
