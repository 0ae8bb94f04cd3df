/** INC123: no obfuscated e-mail address or phone number in an incident file or a postmortem document. */
import { findAddresses } from '../privacy/addresses.ts';
import { mayHoldContacts } from '../privacy/personal-data.ts';
import { FULL_WIDTH, phoneNumbers, SEPARATED_PHONE } from '../privacy/phones.ts';
import { inDocuments } from './in-documents.ts';
import { defineRule, type Report } from './rule.ts';

/** Runs on every parsed file, valid or not, line by line: what is written here is published. */
function contactsIn(text: string): Report[] {
  const findings: Report[] = [];
  if (!mayHoldContacts(text)) return findings;
  text.split(/\r?\n/).forEach((line, i) => {
    for (const o of findAddresses(line).filter((a) => a.form === 'obfuscated')) {
      findings.push({
        path: [],
        position: { line: i + 1, column: o.index + 1 },
        message: `"${o.text}" reads as an e-mail address once published; refer to people by GitHub login`,
      });
    }
    // Full-width digits and hyphens (an IME's "０９０－１２３４") read as the ASCII number once published.
    let phones = 0;
    for (const m of (FULL_WIDTH.test(line) ? line.normalize('NFKC') : line).matchAll(SEPARATED_PHONE)) {
      phones++;
      findings.push({
        path: [],
        position: { line: i + 1, column: (m.index ?? 0) + 1 },
        message: `"${m[0].trim()}" looks like a phone number; personal numbers never go in an incident file`,
      });
    }
    // The shared detector (the one intake redacts with) also knows unseparated and IME-typed forms; what it sees here is published too.
    if (!phones && phoneNumbers(line).length > 0) {
      findings.push({
        path: [],
        position: { line: i + 1, column: 1 },
        message:
          'this line holds a phone number (as the intake redaction reads it); personal numbers never go in an incident file',
      });
    }
  });
  return findings;
}

export const INC123 = defineRule({
  code: 'INC123',
  severity: 'warning',
  docs: {
    en: {
      title: 'Obfuscated address or phone number',
      why: 'A "name [at] example [dot] com" or a phone number is still personal data once published.',
      right:
        'Refer to people by GitHub login and to customers by opaque id; ' +
        "give the desk's public channel instead of a personal number.",
    },
    ja: {
      title: '崩して書いたメールアドレスや電話番号',
      why: '「name [at] example [dot] com」のような書き方や電話番号も、公開されれば個人情報です。',
      right:
        '人は GitHub のログイン名で、お客さまは匿名の ID で示します。' +
        '個人の番号ではなく窓口の公開の連絡先を案内します。',
    },
  },
  check: {
    source: (src) => contactsIn(src.text),
    run: ({ documents }) => inDocuments(documents, contactsIn),
  },
});
