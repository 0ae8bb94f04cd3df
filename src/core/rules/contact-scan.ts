/**
 * The scanners behind INC042 (e-mail addresses) and INC123 (obfuscated
 * addresses, phone numbers): bounded work per line and per marker, so a
 * hostile 1 MB line costs linear time. Both rules run on incident files and
 * on postmortem documents.
 */
import type { LocatedReport, Report } from './rule.ts';

// Deliberately broad: a false positive costs a rewording, a miss leaks personal data.
// Quantifiers are bounded (RFC 5321: local part ≤ 64, label ≤ 63) so a 1 MB line cannot make the match quadratic.
// Found from each "@" outwards, so a 1 MB line costs one bounded look per "@" (never a quadratic scan).
const EMAIL_LOCAL = /[A-Za-z0-9._%+-]{1,64}$/;
const EMAIL_DOMAIN = /^[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}/;
/** "queue@2x.png" is an image name, not a mailbox: the last label is a file extension. */
const FILE_EXTENSION = /\.(?:png|jpe?g|gif|svg|webp|avif|ico|bmp|tiff?|pdf|md|txt|log|json|ya?ml|zip|gz|tgz|tar|csv|html?)$/i;
/**
 * The "at" of an obfuscated address: [at], (at), {at}, <at>, a full-width ＠ or small ﹫ (U+FE6B),
 * or an HTML entity (&#64;, &#x40;, &commat;) that a page or e-mail renders as "@". Matched first, then its surroundings.
 */
export const OBFUSCATED_AT = /[[({<]\s{0,3}at\s{0,3}[\])}>]|[＠﹫]|&#0{0,6}64;|&#x0{0,6}40;|&commat;/gi;
const OBFUSCATED_LOCAL = /[A-Za-z0-9._%+-]{1,64}\s{0,3}$/;
const OBFUSCATED_DOMAIN = /^\s{0,3}[A-Za-z0-9-]{1,63}(?:\s{0,3}[[({<]\s{0,3}dot\s{0,3}[\])}>]\s{0,3}[A-Za-z0-9-]{1,63}|\.[A-Za-z0-9-]{1,63}){1,8}/i;
/** Japanese and international numbers: 03-1234-5678, 090-1234-5678, 0120-123-456, +81 90 1234 5678. Dates and ticket ids do not start with 0 or +. */
export const PHONE = /(?<![\w+.-])(?:\+\d{1,3}[\s-]?\(?\d{1,4}\)?|\(?0\d{1,4}\)?)[\s-]\d{1,4}[\s-]\d{3,4}(?![\w-])/g;

// Non-global twins for yes/no tests: a global regex's test() moves lastIndex, which matchAll would then inherit.
const OBFUSCATED_AT_ANY = new RegExp(OBFUSCATED_AT.source, 'i');
const PHONE_ANY = new RegExp(PHONE.source);
export const FULL_WIDTH = /[０-９]/;
const DIGITS_RUN = /[0-9０-９]{10}/;

/** Obfuscated addresses in one line, found from their "at" outwards (bounded work per marker). */
export function obfuscatedAddresses(line: string): { text: string; index: number }[] {
  const out: { text: string; index: number }[] = [];
  for (const m of line.matchAll(OBFUSCATED_AT)) {
    const at = m.index ?? 0;
    const local = OBFUSCATED_LOCAL.exec(line.slice(Math.max(0, at - 70), at));
    const domain = OBFUSCATED_DOMAIN.exec(line.slice(at + m[0].length, at + m[0].length + 600));
    if (!local || !domain) continue;
    const index = at - local[0].length;
    out.push({ text: line.slice(index, at + m[0].length + domain[0].length).trim(), index });
  }
  return out;
}

/** The addresses in `text` that are mailboxes (not image names, not git remotes). */
export function emailAddresses(text: string): { address: string; index: number }[] {
  if (!text.includes('@')) return [];
  const out: { address: string; index: number }[] = [];
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    const local = EMAIL_LOCAL.exec(text.slice(Math.max(0, at - 64), at));
    const domain = local && EMAIL_DOMAIN.exec(text.slice(at + 1, at + 1 + 640));
    if (!local || !domain) continue;
    const index = at - local[0].length;
    const address = `${local[0]}@${domain[0]}`;
    const after = text[at + 1 + domain[0].length];
    // git@github.com:org/repo.git and ssh://git@host/... name a server login, not a person.
    if (after === ':' || text.slice(Math.max(0, index - 3), index) === '://') continue;
    if (FILE_EXTENSION.test(address)) continue;
    out.push({ address, index });
  }
  return out;
}

/** Whole-text pre-check (linear, no allocation): keeps the per-line scans off ordinary files. */
export function mayHoldContacts(text: string): boolean {
  return text.includes('@') || OBFUSCATED_AT_ANY.test(text) || PHONE_ANY.test(text) || FULL_WIDTH.test(text) || DIGITS_RUN.test(text);
}

/** Postmortem documents are committed and published too: the same guard as incident files, worded for a document. */
export function inDocuments(documents: ReadonlyMap<string, string> | undefined, scan: (text: string) => Report[]): LocatedReport[] {
  return [...(documents ?? [])].flatMap(([file, text]) =>
    scan(text).map((r) => ({
      ...r,
      file,
      position: r.position ?? { line: 1, column: 1 },
      message: r.message.replace('in the file', 'in the document').replace('in an incident file', 'in a postmortem document'),
    })),
  );
}
