import { describe, expect, it } from 'vitest';
import { findAddresses, type ScanWork } from './addresses.ts';
import { findPersonalData, redactPersonalData } from './personal-data.ts';

const work = (): ScanWork => ({ markers: 0, execs: 0, scanned: 0 });
/** What the checker's INC042 reports: plain "@" addresses that name a mailbox. */
const mailboxes = (s: string) => findAddresses(s).filter((a) => a.form === 'plain' && !a.notMailbox);

describe('the one address matcher, located', () => {
  it('locates an address at the start, in the middle and at the end of a line', () => {
    expect(findAddresses('taro@example.jp wrote')).toMatchObject([
      { text: 'taro@example.jp', index: 0, end: 15, form: 'plain' },
    ]);
    expect(findAddresses('ask taro@example.jp')).toMatchObject([{ text: 'taro@example.jp', index: 4, end: 19 }]);
    expect(findAddresses('a@b.example and c@d.example').map((a) => a.index)).toEqual([0, 16]);
  });

  it('finds an address in a URL query and names its place', () => {
    const line = 'see https://status.example.jp/form?email=taro%40x&to=taro@example.jp&lang=ja';
    const [a] = mailboxes(line);
    expect(a?.text).toBe('taro@example.jp');
    expect(line.slice(a?.index, a?.end)).toBe('taro@example.jp');
    expect(redactPersonalData(line)).toBe(
      'see https://status.example.jp/form?email=taro%40x&to=[address removed]&lang=ja',
    );
  });

  it('an IDN domain is a mailbox for the checker and is redacted', () => {
    expect(mailboxes('連絡は taro@例え.jp まで')).toHaveLength(1);
    expect(redactPersonalData('連絡は taro@例え.jp まで')).toBe('連絡は [address removed] まで');
  });

  it('Japanese prose run into the address: the checker points at the address, redaction also removes the run', () => {
    const [a] = findAddresses('担当taro@example.jp');
    expect(a).toMatchObject({ index: 2, start: 0 });
    expect(redactPersonalData('担当taro@example.jp')).toBe('[address removed]');
  });

  it('an internationalised local part, even with letters outside the BMP, is found and redacted whole', () => {
    expect(mailboxes('宛先 太郎@example.jp')).toMatchObject([{ index: 3, text: '太郎@example.jp' }]);
    expect(redactPersonalData('宛先 𠮷野@example.jp')).toBe('宛先 [address removed]');
  });

  it('full-width and small at signs are obfuscated forms (INC123) and are redacted', () => {
    for (const s of ['taro＠example.co.jp', 'ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ', 'taro﹫example.jp']) {
      expect(findAddresses(s), s).toMatchObject([{ form: 'obfuscated', index: 0 }]);
      expect(redactPersonalData(`mail ${s} now`), s).toBe('mail [address removed] now');
    }
  });

  it('HTML entities and spelled-out at/dot are addresses too: flagged and now redacted', () => {
    for (const s of [
      'taro&#64;example.jp',
      'taro&#x40;example.jp',
      'taro&commat;example.jp',
      'taro [at] example [dot] jp',
      'taro (at) example.jp',
      'taro@example [dot] jp',
    ]) {
      expect(findAddresses(s), s).toMatchObject([{ form: 'obfuscated' }]);
      expect(findPersonalData(s), s).toEqual(['e-mail address']);
      expect(redactPersonalData(`x ${s} y`), s).toBe('x [address removed] y');
    }
  });

  it('git remotes and image names are not mailboxes for the checker, but redaction still removes them', () => {
    for (const s of [
      'git@github.com:org/repo.git',
      'ssh://git@git.example.com/org/repo',
      'icon queue@2x.png',
      'logo@3x.webp',
    ]) {
      expect(mailboxes(s), s).toEqual([]);
      expect(findAddresses(s).length, s).toBe(1);
      expect(redactPersonalData(s), s).toContain('[address removed]');
    }
    expect(findAddresses('git@github.com:org/repo.git')[0]?.notMailbox).toBe('git remote');
    expect(findAddresses('queue@2x.png')[0]?.notMailbox).toBe('file name');
    expect(findAddresses('node@24.11.0')[0]?.notMailbox).toBe('no top-level domain');
  });

  it('mentions, scoped packages, host:port and bare at signs are not addresses', () => {
    for (const s of ['@org/team', 'user@host:22', 'a@', '@b.example', '@@@', 'CCは@taro', '[at] example.jp']) {
      expect(findAddresses(s), s).toEqual([]);
      expect(redactPersonalData(s), s).toBe(s);
    }
  });
});

describe('bounded work on hostile lines (counted, never timed)', () => {
  const MB = 1 << 20;

  it('a 1 MB line of "@" costs one bounded look per marker', () => {
    const w = work();
    expect(findAddresses('@'.repeat(MB), w)).toEqual([]);
    expect(w.markers).toBe(MB);
    // No local part before any "@": the domain regex never runs, and each backward scan stops at once.
    expect(w.execs).toBe(0);
    expect(w.scanned).toBeLessThanOrEqual(2 * MB);
  });

  it('a 1 MB line of "a@" repeats: at most one domain match and 64 characters scanned back per marker', () => {
    const line = 'a@'.repeat(MB / 2);
    const w = work();
    expect(findAddresses(line, w)).toEqual([]);
    expect(w.markers).toBe(MB / 2);
    expect(w.execs).toBeLessThanOrEqual(w.markers);
    expect(w.scanned).toBeLessThanOrEqual((3 + 1 + 2 * (64 + 1)) * w.markers);
    expect(redactPersonalData(line)).toBe(line);
  });

  it('a 1 MB run of address characters around many markers stays bounded per marker', () => {
    const line = `${'x'.repeat(MB / 2)}${'@b.c'.repeat(MB / 8)}`;
    const w = work();
    const found = findAddresses(line, w);
    expect(found.length).toBeGreaterThan(0);
    expect(w.execs).toBeLessThanOrEqual(w.markers);
    expect(w.scanned).toBeLessThanOrEqual((3 + 1 + 2 * (64 + 1)) * w.markers);
    // Each local part is at most 64 characters (RFC 5321), however long the run before it.
    expect(found.every((a) => a.text.indexOf('@') <= 64)).toBe(true);
  });

  it('1 MB of obfuscated markers and of digits completes and finds nothing spurious', () => {
    expect(findAddresses('[at]'.repeat(MB / 4))).toEqual([]);
    expect(findAddresses('&#64;'.repeat(MB / 5))).toEqual([]);
    expect(findPersonalData('0'.repeat(MB))).toEqual([]);
    expect(findPersonalData('0-'.repeat(MB / 2))).toEqual([]);
    // Separators the phone pattern lets repeat: spaces after ten digits, "0 - ", "(0) ", "+1 ", full-width hyphens.
    for (const s of [
      `0123456789${' '.repeat(MB)}`,
      '0 - '.repeat(MB / 4),
      '(0) '.repeat(MB / 4),
      '+1 '.repeat(MB / 3),
      '０－'.repeat(MB / 2),
    ]) {
      expect(redactPersonalData(s).length).toBeGreaterThan(0);
    }
  });
});
