/** Walks a zod schema's definition (objects, arrays, optional wrappers): for messages and for key order. */

export interface SchemaDef {
  type: string;
  shape?: Record<string, unknown>;
  element?: unknown;
  innerType?: unknown;
}

/** The definition under optional/default/nullable wrappers. */
export function unwrapDef(schema: unknown): SchemaDef | undefined {
  let def = (schema as { def?: SchemaDef } | undefined)?.def;
  while (def && (def.type === 'optional' || def.type === 'default' || def.type === 'nullable')) {
    def = (def.innerType as { def?: SchemaDef } | undefined)?.def;
  }
  return def;
}

/** The sub-schema at a data path (string keys into objects, numbers into arrays). */
export function schemaAt(schema: unknown, path: readonly (string | number)[]): unknown {
  let s = schema;
  for (const seg of path) {
    const def = unwrapDef(s);
    if (def?.type === 'object' && typeof seg === 'string') s = def.shape?.[seg];
    else if (def?.type === 'array' && typeof seg === 'number') s = def.element;
    else return undefined;
  }
  return s;
}

/** Field names of the object schema at `path`, in declaration order. */
export function objectKeysAt(schema: unknown, path: readonly (string | number)[]): string[] {
  const def = unwrapDef(schemaAt(schema, path));
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}
