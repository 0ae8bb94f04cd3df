/** INC040–INC042: customer-specific incidents name customers by opaque id; public ones name none; no addresses anywhere. */
import { formatDataPath, type DataPath, type RawFinding } from '../findings.ts';
import type { FileRule, FileRuleContext } from './context.ts';
import { withoutInvisible } from '../text/visible.ts';
import { findPersonalData } from '../privacy/personal-data.ts';

export const customerScopeNamesCustomers: FileRule = ({ incident }) =>
  incident.scope === 'customer' && !incident.customers?.length
    ? [{ code: 'INC040', path: incident.customers ? ['customers'] : ['scope'], message: 'scope is customer but no customers are listed; list the opaque ids of the affected customers' }]
    : [];

export const publicScopeNamesNoCustomers: FileRule = ({ incident }) =>
  incident.scope === 'public' && incident.customers?.length
    ? [{ code: 'INC041', path: ['customers'], message: `a public incident is published, so it must not name customers (${incident.customers.length} listed); remove them or use scope: customer` }]
    : [];

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
const OBFUSCATED_AT = /[[({<]\s{0,3}at\s{0,3}[\])}>]|[＠﹫]|&#0{0,6}64;|&#x0{0,6}40;|&commat;/gi;
const OBFUSCATED_LOCAL = /[A-Za-z0-9._%+-]{1,64}\s{0,3}$/;
const OBFUSCATED_DOMAIN = /^\s{0,3}[A-Za-z0-9-]{1,63}(?:\s{0,3}[[({<]\s{0,3}dot\s{0,3}[\])}>]\s{0,3}[A-Za-z0-9-]{1,63}|\.[A-Za-z0-9-]{1,63}){1,8}/i;
/** Japanese and international numbers: 03-1234-5678, 090-1234-5678, 0120-123-456, +81 90 1234 5678. Dates and ticket ids do not start with 0 or +. */
const PHONE = /(?<![\w+.-])(?:\+\d{1,3}[\s-]?\(?\d{1,4}\)?|\(?0\d{1,4}\)?)[\s-]\d{1,4}[\s-]\d{3,4}(?![\w-])/g;

// Non-global twins for yes/no tests: a global regex's test() moves lastIndex, which matchAll would then inherit.
const OBFUSCATED_AT_ANY = new RegExp(OBFUSCATED_AT.source, 'i');
const PHONE_ANY = new RegExp(PHONE.source);
const FULL_WIDTH = /[０-９]/;
const DIGITS_RUN = /[0-9０-９]{10}/;

/** Obfuscated addresses in one line, found from their "at" outwards (bounded work per marker). */
function obfuscatedAddresses(line: string): { text: string; index: number }[] {
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

/**
 * Runs on every parsed file, valid or not: a leak is a leak. The raw text
 * finds addresses as written; the parsed values find those YAML assembles
 * from escapes (\x40, \u0040) or line continuations, which is what gets published.
 */
export const noEmailAddresses = ({ text, data }: { text: string; data?: unknown }): RawFinding[] => {
  const findings: RawFinding[] = [];
  const seen = new Set<string>();
  // Whole-text pre-checks (linear, no allocation) keep the per-line and per-value scans off ordinary files.
  const lines = text.includes('@') || OBFUSCATED_AT_ANY.test(text) || PHONE_ANY.test(text) || FULL_WIDTH.test(text) || DIGITS_RUN.test(text);
  if (lines) text.split(/\r?\n/).forEach((line, i) => {
    for (const { address, index } of emailAddresses(line)) {
      seen.add(address);
      findings.push({ code: 'INC042', path: [], position: { line: i + 1, column: index + 1 }, message: 'an e-mail address is written in the file; contact addresses belong in the private directory only' });
    }
    for (const o of obfuscatedAddresses(line)) {
      findings.push({ code: 'INC123', path: [], position: { line: i + 1, column: o.index + 1 }, message: `"${o.text}" reads as an e-mail address once published; refer to people by GitHub login` });
    }
    // Full-width digits and hyphens (an IME's "０９０－１２３４") read as the ASCII number once published.
    let phones = 0;
    for (const m of (FULL_WIDTH.test(line) ? line.normalize('NFKC') : line).matchAll(PHONE)) {
      phones++;
      findings.push({ code: 'INC123', path: [], position: { line: i + 1, column: (m.index ?? 0) + 1 }, message: `"${m[0].trim()}" looks like a phone number; personal numbers never go in an incident file` });
    }
    // The shared detector (the one intake redacts with) also knows unseparated and IME-typed forms; what it sees here is published too.
    if (!phones && findPersonalData(line).includes('telephone number')) {
      findings.push({ code: 'INC123', path: [], position: { line: i + 1, column: 1 }, message: 'this line holds a phone number (as the intake redaction reads it); personal numbers never go in an incident file' });
    }
  });
  // Only "@" itself or a YAML escape (\x40, \u0040, \U00000040) can put "@" into a parsed value.
  if (data !== undefined && (text.includes('@') || /\\[xuU]/.test(text))) for (const { path, value } of stringLeaves(data)) {
    // Invisible characters vanish on the page: "ops@exam<U+200B>ple.com" publishes a readable address.
    for (const { address } of emailAddresses(withoutInvisible(value))) {
      if (seen.has(address)) continue;
      seen.add(address);
      findings.push({ code: 'INC042', path, message: `${formatDataPath(path)} contains an e-mail address once YAML escapes and line breaks are read; contact addresses belong in the private directory only` });
    }
  }
  return findings;
};

/** Every string in parsed front-matter with its path (the guard bounds the size of `data`). */
function stringLeaves(data: unknown, path: (string | number)[] = []): { path: DataPath; value: string }[] {
  if (typeof data === 'string') return [{ path, value: data }];
  if (Array.isArray(data)) return data.flatMap((v, i) => stringLeaves(v, [...path, i]));
  if (data && typeof data === 'object') return Object.entries(data).flatMap(([k, v]) => stringLeaves(v, [...path, k]));
  return [];
}
