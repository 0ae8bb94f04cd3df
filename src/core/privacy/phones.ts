/**
 * Telephone numbers as people in Japan type them, located. Two patterns, one
 * home: the broad one knows unseparated and IME-typed forms (０３－…, 03ー…,
 * +81 …) and is judged by its digit count; the separated one is the checker's
 * classic "03-1234-5678" whose text INC123 quotes.
 */
const D = '[0-9０-９]';
// Between digit groups: a hyphen of any width (including the katakana long vowel mark IMEs substitute), a space, a dot or a bracket.
const SEP = '(?:[\\s　]*[-‐‑‒–—―−ー－][\\s　]*|[\\s　.．]|[)）][\\s　]*)';
const OPEN = '[(（]?';
/** Domestic (0 + 9 or 10 digits, e.g. 03-1234-5678, 090 1234 5678, (03)1234-5678) or international (+81 3 1234 5678). */
const BROAD_PHONE = new RegExp(
  `(?<![0-9０-９])(?:[+＋][\\s　]*${D}{1,3}${SEP}?(?:[(（]0[)）][\\s　]*)?${OPEN}${D}{1,4}${SEP}?${D}{1,4}${SEP}?${D}{3,4}|${OPEN}[0０]${D}{0,4}${SEP}?${D}{1,4}${SEP}?${D}{3,4})(?![0-9０-９])`,
  'gu',
);

/** Japanese and international numbers with separators: 03-1234-5678, 0120-123-456, +81 90 1234 5678. Dates and ticket ids do not start with 0 or +. */
export const SEPARATED_PHONE =
  /(?<![\w+.-])(?:\+\d{1,3}[\s-]?\(?\d{1,4}\)?|\(?0\d{1,4}\)?)[\s-]\d{1,4}[\s-]\d{3,4}(?![\w-])/g;
/** Full-width digits: an IME's "０９０－１２３４" reads as the ASCII number once published. */
export const FULL_WIDTH = /[０-９]/;

const digits = (s: string) =>
  s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\D/g, '');

/** A match is a telephone number if it has as many digits as one: 10–11 at home, 10–15 with a country code. */
function isPhone(match: string): boolean {
  const n = digits(match).length;
  return /^[(（]?[+＋]/.test(match) ? n >= 10 && n <= 15 : n >= 10 && n <= 11;
}

const DIGIT = /[0-9０-９]/g;
/** Exact shortcut: no number of ten digits without ten digits. */
const tenDigits = (text: string) => (text.match(DIGIT)?.length ?? 0) >= 10;

export interface FoundPhone {
  text: string;
  index: number;
  end: number;
}

/** Numbers the broad pattern finds and that have a telephone number's digit count. */
export function phoneNumbers(text: string): FoundPhone[] {
  if (!tenDigits(text)) return [];
  return [...text.matchAll(BROAD_PHONE)]
    .filter((m) => isPhone(m[0]))
    .map((m) => ({ text: m[0], index: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
}

/** Separated numbers (the checker's pattern), as written. */
export function separatedPhoneNumbers(text: string): FoundPhone[] {
  return [...text.matchAll(SEPARATED_PHONE)].map((m) => ({
    text: m[0],
    index: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
  }));
}

const SEPARATED_ANY = new RegExp(SEPARATED_PHONE.source);
const DIGITS_RUN = /[0-9０-９]{10}/;

/** Exact-enough shortcut (linear): keeps line scans off text that cannot hold a number. */
export function mayHoldPhone(text: string): boolean {
  return SEPARATED_ANY.test(text) || FULL_WIDTH.test(text) || DIGITS_RUN.test(text);
}
