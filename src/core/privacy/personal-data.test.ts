import { describe, expect, it } from 'vitest';
import { EmailAddressSchema, findPersonalData, redactPersonalData } from './personal-data.ts';

describe('personal data in free text', () => {
  it('finds addresses and Japanese telephone numbers in every common form', () => {
    const emails = ['taro@example.co.jp', 'taro＠example.co.jp', 'taro@例え.jp', 'ｔａｒｏ＠example．jp'];
    const phones = [
      '03-1234-5678',
      '090-1234-5678',
      '09012345678',
      '03 1234 5678',
      '(03)1234-5678',
      '０３－１２３４－５６７８',
      '０９０１２３４５６７８',
      '+81312345678',
      '+81 3 1234 5678',
      '+81-90-1234-5678',
      '＋８１ ９０ １２３４ ５６７８',
      '0120-123-456',
      '03ー1234ー5678',
    ];
    for (const e of emails) {
      expect(findPersonalData(`mail ${e} now`), e).toEqual(['e-mail address']);
      expect(redactPersonalData(`mail ${e} now`), e).toBe('mail [address removed] now');
    }
    for (const p of phones) {
      expect(findPersonalData(`call ${p} now`), p).toEqual(['telephone number']);
      expect(redactPersonalData(`call ${p} now`), p).toBe('call [phone removed] now');
    }
  });

  it('redacts the separated numbers the checker flags, even with fewer digits than the broad pattern wants', () => {
    for (const p of ['0120-12-345', '03-12-3456', '+1 212 555 1234']) {
      expect(findPersonalData(`call ${p} now`), p).toEqual(['telephone number']);
      expect(redactPersonalData(`call ${p} now`), p).toBe('call [phone removed] now');
    }
  });

  it('a number inside an address is removed with the address, once', () => {
    expect(redactPersonalData('mail 0312345678@example.jp now')).toBe('mail [address removed] now');
  });

  it('leaves times, case numbers, fingerprints, metrics, mentions and addresses of hosts alone', () => {
    for (const s of [
      'CASE-20261128-0042',
      '2026-11-28T09:05:00+09:00',
      '0001-01-01T00:00:00Z',
      'latency 0.123 0.456 0.789 s',
      '3f2a9c01b7d4e865',
      '1764288000000',
      '10.0.12.345',
      '@org/team',
      'user@host:22',
      '0123-456',
    ]) {
      expect(findPersonalData(s), s).toEqual([]);
      expect(redactPersonalData(s), s).toBe(s);
    }
  });
});

describe('validating one address (the directory) is a different question from finding one in text', () => {
  const valid = (s: string) => EmailAddressSchema.safeParse(s).success;

  it('a whole, deliverable address validates and is also detected', () => {
    for (const a of ['taro@example.co.jp', 'ops+status@alpha.example', 'first.last@sub.example.com']) {
      expect(valid(a), a).toBe(true);
      expect(findPersonalData(a), a).toEqual(['e-mail address']);
    }
  });

  it('text that merely holds an address, or an IME-typed one, is detected but is not a valid directory entry', () => {
    for (const a of [
      'mail taro@example.co.jp now',
      ' taro@example.co.jp',
      'taro@example.co.jp\n',
      'ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ',
      'taro＠example.co.jp',
      'a@b.example, c@d.example',
    ]) {
      expect(valid(a), a).toBe(false);
      expect(findPersonalData(a), a).toContain('e-mail address');
    }
  });

  it('hostile values are not valid: empty, header injection, no domain, doubled @, control characters', () => {
    for (const a of [
      '',
      '@',
      'a@',
      '@b.example',
      'a@b',
      'a@@b.example',
      'a@b.example\r\nBcc: x@y.example',
      'a\u0000@b.example',
    ]) {
      expect(valid(a), JSON.stringify(a.slice(0, 40))).toBe(false);
    }
  });
});
