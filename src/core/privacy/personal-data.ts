/**
 * Personal data in free text: e-mail addresses and telephone numbers as
 * people in Japan actually type them. Untrusted text (alert labels, form
 * fields) passes through `redactPersonalData` before it is written anywhere;
 * `findPersonalData` says what a value holds, for refusing it outright. Both
 * are built on the located scanners the checker rules report from
 * (`findAddresses`, `phoneNumbers`), so the three agree on what an address is.
 * Redaction removes every match, even a git remote or an image name the
 * checker lets pass: false positives are cheap ("[phone removed]"), a leak is not.
 *
 * Two questions, two exports, one module: *detecting* an address somewhere in
 * text (broad, as above) and *validating* that a whole value is one deliverable
 * address (`EmailAddressSchema`, strict: the private directory's contacts and
 * staff). A value can fail validation and still be detected as personal data.
 */
import { z } from 'zod';
import { findAddresses, mayHoldAddress } from './addresses.ts';
import { mayHoldPhone, phoneNumbers, separatedPhoneNumbers } from './phones.ts';

/** A whole value that is one deliverable e-mail address (the directory's entries); not for finding addresses in text. */
export const EmailAddressSchema = z.email();

export type PersonalDataKind = 'e-mail address' | 'telephone number';

/** The kinds of personal data in `text` (empty when none). */
export function findPersonalData(text: string): PersonalDataKind[] {
  const kinds: PersonalDataKind[] = [];
  if (findAddresses(text).length > 0) kinds.push('e-mail address');
  if (phoneNumbers(text).length > 0 || separatedPhoneNumbers(text).length > 0) kinds.push('telephone number');
  return kinds;
}

const REMOVED = { address: '[address removed]', phone: '[phone removed]' } as const;

/** `text` with e-mail addresses and telephone numbers replaced by placeholders (overlapping matches merge into one). */
export function redactPersonalData(text: string): string {
  const spans = [
    ...findAddresses(text).map((a) => ({ start: a.start, end: a.end, with: REMOVED.address })),
    ...[...phoneNumbers(text), ...separatedPhoneNumbers(text)].map((p) => ({
      start: p.index,
      end: p.end,
      with: REMOVED.phone,
    })),
  ].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const span of spans) {
    if (span.end <= at) continue;
    // An overlapping span (a number inside an address) extends the removal already written.
    if (span.start < at) {
      at = span.end;
      continue;
    }
    out += text.slice(at, span.start) + span.with;
    at = span.end;
  }
  return out + text.slice(at);
}

/** Whole-text pre-check (linear, no allocation): keeps the per-line scans off ordinary files. */
export function mayHoldContacts(text: string): boolean {
  return mayHoldAddress(text) || mayHoldPhone(text);
}
