/**
 * Personal data in free text: e-mail addresses and telephone numbers as
 * people in Japan actually type them. Untrusted text (alert labels, form
 * fields) passes through `redactPersonalData` before it is written anywhere;
 * `findPersonalData` says what a value holds, for refusing it outright.
 * Both accept the full-width forms an IME produces (＠, ０-９, －), IDN
 * domains, and numbers with or without separators. False positives are
 * cheap (a number shown as "[phone removed]"); a leak is not.
 *
 * Two questions, two exports, one module: *detecting* an address somewhere in
 * text (broad, as above) and *validating* that a whole value is one deliverable
 * address (`EmailAddressSchema`, strict: the private directory's contacts and
 * staff). A value can fail validation and still be detected as personal data.
 */
import { z } from 'zod';

/** A whole value that is one deliverable e-mail address (the directory's entries); not for finding addresses in text. */
export const EmailAddressSchema = z.email();

const AT = '[@＠﹫]';
const DOT = '[.．。｡]';
// Local part and domain labels: any letter or digit (IDN, full-width), plus what RFC 5322 allows unquoted in practice.
// Bounded by RFC 5321's lengths (local part 64, label 63), so a long hostile text is scanned in linear time.
const EMAIL = new RegExp(`[\\p{L}\\p{N}._%+\\-＿．]{1,64}${AT}(?:[\\p{L}\\p{N}\\-－]{1,63}${DOT}){1,8}[\\p{L}\\p{N}\\-－]{2,63}`, 'gu');

const D = '[0-9０-９]';
// Between digit groups: a hyphen of any width (including the katakana long vowel mark IMEs substitute), a space, a dot or a bracket.
const SEP = '(?:[\\s　]*[-‐‑‒–—―−ー－][\\s　]*|[\\s　.．]|[)）][\\s　]*)';
const OPEN = '[(（]?';
/** Domestic (0 + 9 or 10 digits, e.g. 03-1234-5678, 090 1234 5678, (03)1234-5678) or international (+81 3 1234 5678). */
const PHONE = new RegExp(
  `(?<![0-9０-９])(?:[+＋][\\s　]*${D}{1,3}${SEP}?(?:[(（]0[)）][\\s　]*)?${OPEN}${D}{1,4}${SEP}?${D}{1,4}${SEP}?${D}{3,4}|${OPEN}[0０]${D}{0,4}${SEP}?${D}{1,4}${SEP}?${D}{3,4})(?![0-9０-９])`,
  'gu',
);

const digits = (s: string) => s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\D/g, '');

/** A match is a telephone number if it has as many digits as one: 10–11 at home, 10–15 with a country code. */
function isPhone(match: string): boolean {
  const n = digits(match).length;
  return /^[(（]?[+＋]/.test(match) ? n >= 10 && n <= 15 : n >= 10 && n <= 11;
}

export type PersonalDataKind = 'e-mail address' | 'telephone number';

/** The kinds of personal data in `text` (empty when none). */
export function findPersonalData(text: string): PersonalDataKind[] {
  const kinds: PersonalDataKind[] = [];
  // Exact shortcuts (the checker asks this of every line it scans): no address without an at sign, no number without ten digits.
  if (AT_SIGN.test(text) && new RegExp(EMAIL.source, 'u').test(text)) kinds.push('e-mail address');
  if (tenDigits(text) && [...text.matchAll(PHONE)].some((m) => isPhone(m[0]))) kinds.push('telephone number');
  return kinds;
}

const AT_SIGN = new RegExp(AT);
const DIGIT = /[0-9０-９]/g;
const tenDigits = (text: string) => (text.match(DIGIT)?.length ?? 0) >= 10;

/** `text` with e-mail addresses and telephone numbers replaced by placeholders. */
export function redactPersonalData(text: string): string {
  return text.replace(EMAIL, '[address removed]').replace(PHONE, (m) => (isPhone(m) ? '[phone removed]' : m));
}
