/**
 * Characters a reader cannot see (zero-width, bidirectional controls, soft
 * hyphen, BOM) and other controls, shown as <U+XXXX> so a message names what
 * is really there.
 */
export const INVISIBLE =
  /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const ALL = new RegExp(INVISIBLE.source, 'g');

export function visible(text: string): string {
  return text.replace(ALL, (c) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`);
}

/** `text` with the invisible characters deleted: what a reader of the published page sees. */
export function withoutInvisible(text: string): string {
  return text.replace(ALL, '');
}
