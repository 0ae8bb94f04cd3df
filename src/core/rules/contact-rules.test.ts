import { describe, expect, it } from 'vitest';
import { BASE_FILE, baseText, catalog, NOW } from '../../../test/builders.ts';
import { checkFile } from '../check/check-incidents.ts';

/** The contact rules over a body line, through the real checker: which of INC042 (error) / INC123 (warning) fire, with columns. */
function contacts(line: string): string[] {
  const { findings } = checkFile({ file: BASE_FILE, content: `${baseText}${line}\n` }, { catalog, now: NOW });
  return findings.filter((f) => f.code === 'INC042' || f.code === 'INC123').map((f) => `${f.code}:${f.column}`);
}

describe('INC042 and INC123 read addresses with the privacy module’s one matcher', () => {
  it('a git remote and an image name are not e-mail addresses', () => {
    expect(contacts('Mirror: git@github.com:org/repo.git and ssh://git@git.example.com/org/repo')).toEqual([]);
    expect(contacts('The banner is queue@2x.png, the icon logo@3x.webp.')).toEqual([]);
  });

  it('an address at the start or the end of a line, or in a URL query, is an error at its column', () => {
    expect(contacts('ops@example.jp wrote this')).toEqual(['INC042:1']);
    expect(contacts('Write to ops@example.jp')).toEqual(['INC042:10']);
    expect(contacts('See https://x.example/form?to=ops@example.jp&lang=ja')).toEqual(['INC042:31']);
  });

  it('an IDN domain, a full-width dot and a Japanese local part are addresses too (new: the redaction always read them so)', () => {
    expect(contacts('連絡は ops@例え.jp まで')).toEqual(['INC042:5']);
    expect(contacts('ops@example．jp')).toEqual(['INC042:1']);
    expect(contacts('宛先 太郎@example.jp')).toEqual(['INC042:4']);
  });

  it('a full-width at sign is an obfuscated address, also when the whole address is typed full-width', () => {
    expect(contacts('連絡 ops＠example.jp')).toEqual(['INC123:4']);
    expect(contacts('ｏｐｓ＠ｅｘａｍｐｌｅ．ｊｐ')).toEqual(['INC123:1']);
  });
});
