/**
 * Writes an incident file in one stable layout: fields in schema order,
 * block style, datetimes double-quoted (so no YAML 1.1 reader turns them into
 * dates), no line folding. Reading it back gives the same data.
 */
import { Document, visit } from 'yaml';
import { unwrapDef } from '../schema-walk.ts';
import { datetimeProblem } from '../time.ts';
import { IncidentSchema, type Incident } from './schema.ts';

export function serializeIncident(incident: Incident, body: string): string {
  const ordered = orderLike(IncidentSchema, incident);
  const doc = new Document(ordered);
  visit(doc, {
    Scalar(_key, node) {
      if (
        typeof node.value === 'string' &&
        (datetimeProblem(node.value) === undefined || /^\d{4}-\d{2}-\d{2}$/.test(node.value))
      ) {
        node.type = 'QUOTE_DOUBLE';
      }
    },
  });
  const yaml = doc.toString({ lineWidth: 0, indentSeq: true });
  const text = body.trim() ? `${body.trim()}\n` : '';
  return `---\n${yaml}---\n${text}`;
}

/** Copies `value` with object keys in the order the schema declares them; unknown keys last. */
function orderLike(schema: unknown, value: unknown): unknown {
  const def = unwrapDef(schema);
  if (Array.isArray(value)) return value.map((v) => orderLike(def?.type === 'array' ? def.element : undefined, v));
  if (value === null || typeof value !== 'object') return value;
  const shape = def?.type === 'object' ? (def.shape ?? {}) : {};
  const keys = [...Object.keys(shape).filter((k) => k in value), ...Object.keys(value).filter((k) => !(k in shape))];
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = orderLike(shape[k], v);
  }
  return out;
}
