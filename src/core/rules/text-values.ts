/** The strings of parsed front-matter, for the rules that read every text value (the guard bounds its size). */
import type { DataPath } from '../findings.ts';
import { INVISIBLE } from '../text/visible.ts';

/** Every string in `data` with its path, in document order. */
export function textValues(data: unknown, path: (string | number)[] = []): { path: DataPath; value: string }[] {
  if (typeof data === 'string') return [{ path, value: data }];
  if (Array.isArray(data)) return data.flatMap((v, i) => textValues(v, [...path, i]));
  if (data && typeof data === 'object') return Object.entries(data).flatMap(([k, v]) => textValues(v, [...path, k]));
  return [];
}

/** Only the characters themselves or a YAML escape can put an invisible character or a lone surrogate into a value. */
export function mayHoldHiddenCharacters(text: string): boolean {
  return INVISIBLE.test(text) || text.includes('\\');
}
