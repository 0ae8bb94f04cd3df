/**
 * The one e-mail address matcher: every address in a line, located, however it
 * is written — "@", an IME's full-width "＠" or small "﹫", "[at]"/"(at)",
 * HTML entities (&#64;, &#x40;, &commat;), "[dot]", IDN and full-width labels.
 * The checker rules report from it and the redaction replaces its spans.
 *
 * Found from each "at" marker outwards: the local part by a backward scan of at
 * most 64 characters (RFC 5321's limit), the domain by one sticky match of at
 * most 8 labels of 63 characters. A 1 MB line costs one bounded look per
 * marker, never a quadratic scan.
 */

/** The "at" markers; one linear pass over the line finds them all. */
const AT_MARKER = /@|[＠﹫]|[[({<]\s{0,3}at\s{0,3}[\])}>]|&#0{0,6}64;|&#x0{0,6}40;|&commat;/gi;
const LABEL = '[\\p{L}\\p{N}\\-－]{1,63}';
const DOT = '(?:[.．。｡]|\\s{0,3}[[({<]\\s{0,3}dot\\s{0,3}[\\])}>]\\s{0,3})';
const DOMAIN = new RegExp(`(?:${LABEL}${DOT}){1,8}${LABEL}`, 'iuy');
/** After an obfuscated "at", people leave spaces: "name [at] example [dot] com". */
const SPACED_DOMAIN = new RegExp(`\\s{0,3}(?:${LABEL}${DOT}){1,8}${LABEL}`, 'iuy');
const MAX_LOCAL = 64;
/** A local part as people type it on any keyboard: ASCII or its full-width twin. */
const LOCAL_CHAR = /[A-Za-z0-9._%+\-Ａ-Ｚａ-ｚ０-９＿．－]/;
/** The widest local part (an internationalised one, or letters run together with it): what redaction removes. */
const WIDE_LOCAL_CHAR = /[\p{L}\p{N}._%+\-＿．－]/u;
/** "queue@2x.png" is an image name, not a mailbox: the last label is a file extension. */
const FILE_EXTENSION =
  /\.(?:png|jpe?g|gif|svg|webp|avif|ico|bmp|tiff?|pdf|md|txt|log|json|ya?ml|zip|gz|tgz|tar|csv|html?)$/i;
/** A mail domain has a label after the first that starts with letters (a top-level domain); "node@24.11" does not. */
const HAS_TLD = /[.][A-Za-z]{2}/;

export interface FoundAddress {
  /** The address as written, from its local part to the end of its domain. */
  text: string;
  /** Where the address starts (the local part as typed on a keyboard). */
  index: number;
  /** Where a redaction starts: also any letters run together with the local part (never after `index`). */
  start: number;
  /** Just past the end of the domain. */
  end: number;
  /** `plain`: written with "@" (any dots); `obfuscated`: any other "at", or a spelled-out "dot" (reads as an address once published). */
  form: 'plain' | 'obfuscated';
  /** Why a plain match names no person's mailbox (the checker skips these; the redaction still removes them). */
  notMailbox?: 'git remote' | 'file name' | 'no top-level domain';
}

/** Bounded-work accounting, for tests: markers looked at, regex executions, characters scanned backwards. */
export interface ScanWork {
  markers: number;
  execs: number;
  scanned: number;
}

/** Length in code units of the run of `char` characters ending just before `end`, at most `max` code units long. */
function runBefore(text: string, end: number, char: RegExp, max: number, work?: ScanWork): number {
  let n = 0;
  while (n < max && end - n > 0) {
    // A letter outside the BMP (an ideograph in an internationalised local part) is two code units.
    const low = text.charCodeAt(end - n - 1);
    const width = low >= 0xdc00 && low <= 0xdfff && end - n >= 2 && n + 2 <= max ? 2 : 1;
    if (!char.test(text.slice(end - n - width, end - n))) break;
    n += width;
  }
  if (work) work.scanned += n + 1;
  return n;
}

/** Every address in `text`, in order, located; `work` counts the bounded looks (tests pass one). */
export function findAddresses(text: string, work?: ScanWork): FoundAddress[] {
  const out: FoundAddress[] = [];
  if (!mayHoldAddress(text)) return out;
  for (const m of text.matchAll(AT_MARKER)) {
    const at = m.index ?? 0;
    if (work) work.markers++;
    const plainAt = m[0] === '@';
    const spaces = plainAt ? 0 : runBefore(text, at, /\s/, 3, work);
    const localEnd = at - spaces;
    const local = runBefore(text, localEnd, LOCAL_CHAR, MAX_LOCAL, work);
    const wide = runBefore(text, localEnd, WIDE_LOCAL_CHAR, MAX_LOCAL, work);
    if (wide === 0) continue;
    const domainRe = plainAt ? DOMAIN : SPACED_DOMAIN;
    domainRe.lastIndex = at + m[0].length;
    if (work) work.execs++;
    const domain = domainRe.exec(text);
    if (!domain) continue;
    const index = localEnd - (local || wide);
    const end = at + m[0].length + domain[0].length;
    const spelledDot = /[[({<]/.test(domain[0]);
    const found: FoundAddress = {
      text: text.slice(index, end),
      index,
      start: localEnd - wide,
      end,
      form: plainAt && !spelledDot ? 'plain' : 'obfuscated',
    };
    if (found.form === 'plain') {
      const why = notMailbox(text, index, domain[0], end);
      if (why) found.notMailbox = why;
    }
    out.push(found);
  }
  return out;
}

function notMailbox(text: string, index: number, domain: string, end: number): FoundAddress['notMailbox'] {
  // Full-width letters and dots read as ASCII ("example．jp"); letters run together after the address ("example.jpまで") are prose.
  const host = domain.normalize('NFKC').replace(/[^A-Za-z0-9.-]+$/, '');
  const after = /[^A-Za-z0-9.-]$/.test(domain.normalize('NFKC')) ? undefined : text[end];
  // git@github.com:org/repo.git and ssh://git@host/... name a server login, not a person.
  if (after === ':' || text.slice(Math.max(0, index - 3), index) === '://') return 'git remote';
  if (FILE_EXTENSION.test(host)) return 'file name';
  if (!HAS_TLD.test(host)) return 'no top-level domain';
  return undefined;
}

const ANY_MARKER = new RegExp(AT_MARKER.source, 'i');

/** Exact shortcut (linear, no allocation): no address without some "at" marker. */
export function mayHoldAddress(text: string): boolean {
  return ANY_MARKER.test(text);
}
