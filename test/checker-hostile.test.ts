/**
 * Hostile attacks on `npm run check` and `npm run incident` by an outside tester.
 * Each test asserts the CORRECT behaviour: the ones marked "finding" fail
 * until the product is fixed; the others pin attacks that are handled today.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { BASE_FILE, baseText } from './builders.ts';
import { runScript } from './helpers/run-script.ts';
import { createTempRepo, type TempRepo } from './helpers/temp-repo.ts';

const CHECK_NOW = ['--now', '2026-11-28T09:00:00+09:00'];
const FIRST_EN = '      en: Some block storage volumes show elevated write latency. We are investigating.';
const ID = '2026-11-20-kcps-block-storage-latency';

let repo: TempRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

/** A repository holding the base incident, committed on main. */
function baseRepo(): TempRepo {
  repo = createTempRepo();
  repo.write(BASE_FILE, baseText);
  repo.commit('base incident');
  return repo;
}

/** The base incident with its first public English message replaced by `line`. */
function withFirstMessage(line: string): string {
  expect(baseText).toContain(FIRST_EN);
  return baseText.replace(FIRST_EN, line);
}

function check(r: TempRepo, args: string[] = []) {
  return runScript('check.ts', [...CHECK_NOW, ...args], { cwd: r.dir });
}

function noStackTrace(out: string): void {
  expect(out).not.toMatch(/Internal error|^\s+at .*\.ts:\d+/m);
}

describe('privacy guard: what gets published', () => {
  it('handled: a YAML \\x40 escape in a public message is an address (INC042)', () => {
    const r = baseRepo();
    r.write(BASE_FILE, withFirstMessage('      en: "Mail ops\\x40example.com now"'));
    const out = check(r);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('INC042');
  });

  it('finding: a zero-width space inside the domain still publishes a readable address', () => {
    // Before the "@" the same trick is INC042 (an error); after it, only an invisible-character warning and exit 0.
    const r = baseRepo();
    r.write(BASE_FILE, withFirstMessage('      en: "Mail ops@exam\\u200Bple.com now"'));
    const out = check(r);
    expect(out.stdout).toContain('INC042');
    expect(out.code).toBe(1);
  });

  it.each([
    ['small commercial at U+FE6B', 'Mail ops\uFE6Bexample.com now'],
    ['HTML entity &#64;', 'Mail ops&#64;example.com now'],
    ['HTML entity &commat;', 'Mail ops&commat;example.com now'],
    ['full-width phone digits', 'Call ０９０－１２３４－５６７８ now'],
    ['HTML entity &#x40;', 'Mail ops&#x40;example.com now'],
    ['unseparated phone (shared detector)', 'Call 09012345678 now'],
  ])('finding: an obfuscated address or phone (%s) warns (INC123)', (_name, text) => {
    const r = baseRepo();
    r.write(BASE_FILE, withFirstMessage(`      en: "${text}"`));
    const out = check(r);
    expect(out.stdout).toContain('INC123');
  });

  it('finding: a postmortem document with an e-mail address and a phone number is not checked', () => {
    // No staff e-mail address may be committed; the guard reads incident files only.
    const r = baseRepo();
    r.git('checkout', '-q', '-b', 'pr');
    r.write(`postmortems/${ID}.md`, '# Postmortem\n\nCall ops@example.com or +81 90-1234-5678.\n');
    r.commit('postmortem draft', '2026-11-21T12:00:00+09:00');
    const full = check(r);
    const pr = check(r, ['--base', 'main']);
    expect(full.stdout).toMatch(/INC042/);
    expect(pr.stdout).toMatch(/INC042/);
  });

  it('finding: a lone surrogate escape (\\ud800) in a public message passes', () => {
    // The published text is not valid Unicode: pages and e-mail bodies get U+FFFD or fail to encode.
    const r = baseRepo();
    r.write(BASE_FILE, withFirstMessage('      en: "Some \\ud800 block"'));
    const out = check(r);
    expect(out.code).toBe(1);
  });
});

describe('messages for people', () => {
  it('finding: a flow-mapping key is named as typed, not "[object Object]"', () => {
    const r = baseRepo();
    r.write(BASE_FILE, baseText.replace('severity: sev2', '{severity: sev2}: x\nseverity: sev2'));
    const out = check(r);
    expect(out.code).toBe(1);
    expect(out.stdout).not.toContain('[object Object]');
  });
});

describe('paths on the command line', () => {
  it('finding: the same path given twice is one file, not a duplicate id (INC080)', () => {
    const r = baseRepo();
    const out = check(r, [BASE_FILE, BASE_FILE]);
    expect(out.stdout).not.toContain('INC080');
    expect(out.code).toBe(0);
  });

  it('handled: a path outside the repository is a usage error', () => {
    const out = check(baseRepo(), ['../']);
    expect(out.code).toBe(2);
    noStackTrace(out.stdout + out.stderr);
  });
});

describe('PR mode (--base)', () => {
  it('handled: moving recovered_at earlier without a correction is caught in PR mode (INC126)', () => {
    const r = baseRepo();
    r.git('checkout', '-q', '-b', 'pr');
    r.write(
      BASE_FILE,
      baseText.replace('recovered_at: "2026-11-20T11:04:00+09:00"', 'recovered_at: "2026-11-20T10:30:00+09:00"'),
    );
    r.commit('earlier recovery', '2026-11-21T12:00:00+09:00');
    const out = check(r, ['--base', 'main']);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('INC126');
  });

  it('handled: a case-colliding copy of an unchanged file is a duplicate id in PR mode (INC008)', () => {
    const r = baseRepo();
    r.git('checkout', '-q', '-b', 'pr');
    r.write(BASE_FILE.replace('kcps', 'KCPS'), baseText);
    r.commit('case copy', '2026-11-21T12:00:00+09:00');
    const out = check(r, ['--base', 'main']);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('INC008');
  });

  it('handled: an unrelated base is a usage error, not a crash', () => {
    const r = baseRepo();
    r.git('checkout', '-q', '--orphan', 'other');
    r.commit('orphan');
    r.git('checkout', '-q', 'main');
    const out = check(r, ['--base', 'other']);
    expect(out.code).toBe(2);
    noStackTrace(out.stdout + out.stderr);
  });

  it('handled: a dangling symlink under incidents/ is a finding (INC122), not an abort', () => {
    const r = baseRepo();
    symlinkSync('../nowhere/missing.md', join(r.dir, 'incidents/2026/2026-11-21-kcps-link.md'));
    const out = check(r);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('INC122');
    noStackTrace(out.stdout + out.stderr);
  });
});

describe('incident CLI', () => {
  const NOW = ['--now', '2026-11-21T05:00:00+09:00'];
  const correct = (r: TempRepo, field: string, value: string) =>
    runScript(
      'incident.ts',
      ['correct', ID, '--field', field, '--value', value, '--reason', 'r', '--by', 't-sato', '--dry-run', ...NOW],
      { cwd: r.dir },
    );

  it('finding: correct --value with a self-referencing alias is a one-line refusal, not a stack overflow', () => {
    const out = correct(baseRepo(), 'recovered_at', '&a [*a, *a]');
    expect(out.code).toBe(2);
    noStackTrace(out.stdout + out.stderr);
  });

  it('finding: correct --value with a custom tag is a one-line refusal, not an internal error', () => {
    const out = correct(baseRepo(), 'recovered_at', '!!js/function x');
    expect(out.code).toBe(2);
    noStackTrace(out.stdout + out.stderr);
  });

  it('finding: correct --value with nested aliases is refused before it expands', () => {
    // Eight levels of ten expand to 10^8 strings: over 60 s and 3 GB today. Four levels keep this test fast.
    let v = '&a0 [x,x,x,x,x,x,x,x,x,x]';
    for (let i = 1; i < 4; i++)
      v += `, &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(',')}]`;
    const out = correct(baseRepo(), 'updates[0].message.en', `[${v}]`);
    expect(out.code).toBe(2);
    expect(out.stdout + out.stderr).toMatch(/alias|anchor/i);
  });

  it('handled: correct --field __proto__ is refused without a crash', () => {
    const out = correct(baseRepo(), '__proto__', '{"scope":"customer"}');
    expect([1, 2]).toContain(out.code);
    noStackTrace(out.stdout + out.stderr);
  });

  it('finding: a flag given twice with different values is refused, not last-wins', () => {
    const r = baseRepo();
    const out = runScript(
      'incident.ts',
      [
        'update',
        ID,
        '--status',
        'investigating',
        '--reopen-reason',
        'x',
        '--message-ja',
        'あ',
        '--message-en',
        'first',
        '--message-en',
        'second',
        '--dry-run',
        ...NOW,
      ],
      { cwd: r.dir },
    );
    expect(out.code).toBe(2);
  });
});
