/**
 * The hostile corpus: one or more inputs per way an author, tired or
 * malicious, has got a bad fact past the checker or crashed a reader. Each
 * names the code, line and words of the FIRST finding the author reads;
 * the whole corpus then goes through the real command, which must end with
 * exit 0, 1 or 2 and never a stack trace.
 */
import { describe, expect, it } from 'vitest';
import { checkFile } from '../src/core/check/check-incidents.ts';
import { BASE_FILE, baseText, catalog, NOW } from './builders.ts';
import { createTempRepo } from './helpers/temp-repo.ts';
import { runScript } from './helpers/run-script.ts';
import { BASE_CASES, FILE_CASES, LAUGHS, replaceNth } from './rule-cases.ts';

interface Expect {
  case: string;
  code: string;
  line: number;
  message: string;
}

/** By the rule corpus's case names (their full text output is pinned by golden files). */
const CORPUS: Expect[] = [
  // 1. bounded work
  { case: 'alias-bomb', code: 'INC120', line: 59, message: 'YAML anchor "&a" is not allowed in an incident file' },
  { case: 'merge-key', code: 'INC120', line: 19, message: 'YAML merge key "<<" is not allowed' },
  { case: 'custom-tag', code: 'INC120', line: 8, message: 'YAML tag "!!python/object" is not allowed' },
  { case: 'too-deep', code: 'INC120', line: 56, message: 'the front-matter nests deeper than 24 levels' },
  // 4. privacy
  {
    case: 'email-hex-escape',
    code: 'INC042',
    line: 30,
    message: 'updates[0].message.en contains an e-mail address once YAML escapes and line breaks are read',
  },
  {
    case: 'email-unicode-escape',
    code: 'INC042',
    line: 30,
    message: 'updates[0].message.en contains an e-mail address',
  },
  {
    case: 'email-line-continuation',
    code: 'INC042',
    line: 30,
    message: 'updates[0].message.en contains an e-mail address',
  },
  {
    case: 'obfuscated-address',
    code: 'INC123',
    line: 58,
    message: '"storage-lead [at] example [dot] co [dot] jp" reads as an e-mail address',
  },
  { case: 'phone-number', code: 'INC123', line: 58, message: '"090-1234-5678" looks like a phone number' },
  // 5. lifecycle
  {
    case: 'maintenance-started-days-early',
    code: 'INC124',
    line: 28,
    message: 'update 2: "in_progress" at 2026-02-10T01:00:00+09:00 is before the maintenance window opens',
  },
  { case: 'severity-on-maintenance', code: 'INC125', line: 8, message: 'a maintenance has no severity' },
  {
    case: 'resolved-then-resolved',
    code: 'INC031',
    line: 47,
    message: 'update 5: "resolved" → "resolved" is not allowed',
  },
  {
    case: 'reopen-reason-without-reopen',
    code: 'INC127',
    line: 33,
    message: 'update 2 (identified) does not reopen the incident',
  },
  {
    case: 'comment-cuts-message',
    code: 'INC128',
    line: 30,
    message: '"#4410 for the list." is a YAML comment, not part of the value',
  },
  {
    case: 'recovered-at-moved-earlier',
    code: 'INC126',
    line: 46,
    message:
      'recovered_at changed from "2026-11-20T11:04:00+09:00" to "2026-11-20T10:20:00+09:00" on a resolved incident',
  },
  {
    case: 'severity-lowered-after-resolution',
    code: 'INC126',
    line: 8,
    message: 'severity changed from sev2 to sev3 on a resolved incident',
  },
  // 7. messages for people
  {
    case: 'typo-key-says-did-you-mean-first',
    code: 'INC006',
    line: 32,
    message: 'unknown field "staus" in updates[1]; did you mean "status"? (status is missing)',
  },
  {
    case: 'invisible-character',
    code: 'INC129',
    line: 5,
    message: 'title.en contains an invisible character: "Write latency on block<U+200B> storage',
  },
  { case: 'invisible-character-made-visible', code: 'INC005', line: 8, message: 'severity is "sev2<U+200B>"' },
];

/** Our own: inputs that broke parsers elsewhere. */
const OWN: { name: string; content: string | Uint8Array; code: string; line: number; message: string }[] = [
  {
    name: 'an alias inside a flow mapping in a message',
    content: replaceNth(baseText, 'en: We identified', 'en: &m We identified'),
    code: 'INC120',
    line: 35,
    message: 'YAML anchor "&m"',
  },
  {
    name: 'a %YAML directive smuggled before the fields',
    content: baseText.replace('---\n', '---\n%TAG ! tag:evil.example,2026:\n'),
    code: 'INC120',
    line: 2,
    message: 'YAML directive "%TAG ! tag:evil.example,2026:" is not allowed',
  },
  {
    name: '__proto__ as a key',
    content: replaceNth(baseText, 'severity: sev2', 'severity: sev2\n__proto__: { polluted: 1 }'),
    code: 'INC006',
    line: 9,
    message: 'unknown field "__proto__"',
  },
  {
    name: 'a bidirectional override in a title',
    content: replaceNth(baseText, 'en: Write latency', 'en: Write \u202Elatency'),
    code: 'INC129',
    line: 5,
    message: '<U+202E>',
  },
  { name: 'a NUL byte in the body', content: `${baseText}\u0000`, code: 'INC001', line: 1, message: 'file is binary' },
  {
    name: 'one value of 900 KB',
    content: replaceNth(baseText, 'ref: ALM-88123', `ref: ${'A'.repeat(900_000)}`),
    code: '',
    line: 0,
    message: '',
  },
  {
    name: 'a thousand-item flow list of aliases after one anchor',
    content: `${baseText.slice(0, 4)}x: &a [1]\ny: [${Array(1000).fill('*a').join(',')}]\n${baseText.slice(4)}`,
    code: 'INC120',
    line: 2,
    message: 'YAML anchor "&a"',
  },
];

const first = (content: string | Uint8Array, file = BASE_FILE, base?: string) =>
  checkFile({ file, content }, { catalog, now: NOW }, base).findings[0];

describe('hostile corpus: the first finding says what is wrong, where', () => {
  it.each(CORPUS.map((c) => [c.case, c] as const))('%s', (_name, c) => {
    const fileCase = FILE_CASES.find((x) => x.name === c.case);
    const baseCase = BASE_CASES.find((x) => x.name === c.case);
    const f = fileCase ? first(fileCase.content, fileCase.file) : first(baseCase!.head, BASE_FILE, baseCase!.base);
    expect(f, c.case).toBeDefined();
    expect([f!.code, f!.line]).toEqual([c.code, c.line]);
    expect(f!.message).toContain(c.message);
  });

  it.each(OWN.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const f = first(c.content);
    if (!c.code) {
      expect(f).toBeUndefined();
      return;
    }
    expect([f?.code, f?.line]).toEqual([c.code, c.line]);
    expect(f!.message).toContain(c.message);
  });
});

describe('the real commands on the whole corpus: exit 0, 1 or 2, never a stack trace', () => {
  it('check over every hostile file at once, and the CLI on a hostile file', () => {
    const repo = createTempRepo();
    try {
      const all = [...FILE_CASES.map((c) => c.content), ...BASE_CASES.map((c) => c.head), ...OWN.map((c) => c.content)];
      all.forEach((content, i) =>
        repo.write(`incidents/2026/2026-11-20-kcps-case-${String(i).padStart(3, '0')}.md`, content),
      );
      const check = runScript('check.ts', ['--now', '2026-11-27T12:00:00+09:00', '--format', 'json'], {
        cwd: repo.dir,
      });
      expect(check.stderr).toBe('');
      expect(check.code).toBe(1);
      expect((JSON.parse(check.stdout) as unknown[]).length).toBeGreaterThan(all.length);

      // The CLI reads through the same guarded reader: a bomb is refused, not expanded.
      repo.write(BASE_FILE, replaceNth(baseText, 'postmortem:', `${LAUGHS}\npostmortem:`));
      const update = runScript(
        'incident.ts',
        [
          'update',
          '2026-11-20-kcps-block-storage-latency',
          '--now',
          '2026-11-27T12:00:00+09:00',
          '--status',
          'resolved',
          '--message-ja',
          'あ',
          '--message-en',
          'Done',
        ],
        { cwd: repo.dir },
      );
      expect(update.code).toBe(1);
      expect(update.stderr).toBe(`${BASE_FILE} is not valid; fix it first (npm run check -- ${BASE_FILE})\n`);
      for (const r of [check, update]) expect(`${r.stdout}${r.stderr}`).not.toMatch(/Internal error|\n\s+at \S+ \(/);
    } finally {
      repo.cleanup();
    }
  });
});
