/** INC042: no e-mail address in an incident file or a postmortem document. */
import { formatDataPath } from '../findings.ts';
import { withoutInvisible } from '../text/visible.ts';
import { findAddresses } from '../privacy/addresses.ts';
import { inDocuments } from './in-documents.ts';
import { textValues } from './text-values.ts';
import { defineRule, type Report } from './rule.ts';

/**
 * Runs on every parsed file, valid or not: a leak is a leak. The raw text
 * finds addresses as written; the parsed values find those YAML assembles
 * from escapes (\x40, \u0040) or line continuations, which is what gets published.
 */
function emailAddressesIn(text: string, data?: unknown): Report[] {
  const findings: Report[] = [];
  const seen = new Set<string>();
  // A mailbox needs an "@" on its line: the whole-text look keeps the per-line scan off ordinary files.
  if (text.includes('@'))
    text.split(/\r?\n/).forEach((line, i) => {
      for (const { address, index } of emailAddresses(line)) {
        seen.add(address);
        findings.push({
          path: [],
          position: { line: i + 1, column: index + 1 },
          message: 'an e-mail address is written in the file; contact addresses belong in the private directory only',
        });
      }
    });
  // Only "@" itself or a YAML escape (\x40, \u0040, \U00000040) can put "@" into a parsed value.
  if (data !== undefined && (text.includes('@') || /\\[xuU]/.test(text)))
    for (const { path, value } of textValues(data)) {
      // Invisible characters vanish on the page: "ops@exam<U+200B>ple.com" publishes a readable address.
      for (const { address } of emailAddresses(withoutInvisible(value))) {
        if (seen.has(address)) continue;
        seen.add(address);
        findings.push({
          path,
          message: `${formatDataPath(path)} contains an e-mail address once YAML escapes and line breaks are read; contact addresses belong in the private directory only`,
        });
      }
    }
  return findings;
}

/** Addresses written with "@" that name a mailbox: not a git remote, not an image name (obfuscated forms are INC123's). */
function emailAddresses(text: string): { address: string; index: number }[] {
  return findAddresses(text)
    .filter((a) => a.form === 'plain' && !a.notMailbox)
    .map((a) => ({ address: a.text, index: a.index }));
}

export const INC042 = defineRule({
  code: 'INC042',
  severity: 'error',
  docs: {
    en: {
      title: 'E-mail address in an incident file',
      why: 'Contact addresses live only in the private directory; the repository is not a customer directory.',
      right: 'Refer to people by GitHub login and to customers by opaque id.',
    },
    ja: {
      title: 'インシデントファイル内のメールアドレス',
      why: '連絡先は非公開の名簿だけに置きます。リポジトリは顧客名簿ではありません。',
      right: '担当者は GitHub のログイン名で、お客さまは識別子で示します。',
    },
  },
  check: {
    source: (src) => emailAddressesIn(src.text, src.data),
    run: ({ documents }) => inDocuments(documents, (text) => emailAddressesIn(text)),
  },
});
