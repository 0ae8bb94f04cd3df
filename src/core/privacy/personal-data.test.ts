import { describe, expect, it } from 'vitest';
import { findPersonalData, redactPersonalData } from './personal-data.ts';

describe('personal data in free text', () => {
  it('finds addresses and Japanese telephone numbers in every common form', () => {
    const emails = ['taro@example.co.jp', 'taro＠example.co.jp', 'taro@例え.jp', 'ｔａｒｏ＠example．jp'];
    const phones = ['03-1234-5678', '090-1234-5678', '09012345678', '03 1234 5678', '(03)1234-5678', '０３－１２３４－５６７８', '０９０１２３４５６７８', '+81312345678', '+81 3 1234 5678', '+81-90-1234-5678', '＋８１ ９０ １２３４ ５６７８', '0120-123-456', '03ー1234ー5678'];
    for (const e of emails) {
      expect(findPersonalData(`mail ${e} now`), e).toEqual(['e-mail address']);
      expect(redactPersonalData(`mail ${e} now`), e).toBe('mail [address removed] now');
    }
    for (const p of phones) {
      expect(findPersonalData(`call ${p} now`), p).toEqual(['telephone number']);
      expect(redactPersonalData(`call ${p} now`), p).toBe('call [phone removed] now');
    }
  });

  it('leaves times, case numbers, fingerprints, metrics, mentions and addresses of hosts alone', () => {
    for (const s of ['CASE-20261128-0042', '2026-11-28T09:05:00+09:00', '0001-01-01T00:00:00Z', 'latency 0.123 0.456 0.789 s', '3f2a9c01b7d4e865', '1764288000000', '10.0.12.345', '@org/team', 'user@host:22', '0123-456']) {
      expect(findPersonalData(s), s).toEqual([]);
      expect(redactPersonalData(s), s).toBe(s);
    }
  });
});
