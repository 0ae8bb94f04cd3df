import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.ts';
import { RefError } from '../../src/adapters/git.ts';
import { countFlag, namingRefs, oneOf, readArgs, resolveNow, timeFlag } from './args.ts';

describe('readArgs', () => {
  const options = {
    base: { type: 'string' },
    full: { type: 'boolean' },
    tag: { type: 'string', multiple: true },
  } as const;

  it('refuses a flag given twice (exit 2), whether the values differ or not', () => {
    for (const argv of [
      ['--base', 'a', '--base', 'b'],
      ['--base=a', '--base', 'a'],
      ['--full', '--full'],
    ]) {
      let err: unknown;
      try {
        readArgs(options, 'usage: x', argv);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).message).toMatch(/given more than once/);
    }
  });

  it('lets a flag declared multiple repeat, and reads single flags as given', () => {
    const { values } = readArgs(options, 'usage: x', ['--tag', 'a', '--tag', 'b', '--base', 'main']);
    expect(values.tag).toEqual(['a', 'b']);
    expect(values.base).toBe('main');
  });

  it('refuses an empty value for a flag that takes one (exit 2, one line), in every spelling, unless the caller allows it', () => {
    for (const argv of [['--base', ''], ['--base='], ['--full', '--base', ''], ['--tag', 'a', '--tag', '']]) {
      let err: unknown;
      try {
        readArgs(options, 'usage: x', argv);
      } catch (e) {
        err = e;
      }
      expect(err, argv.join(' ')).toBeInstanceOf(UserError);
      expect((err as UserError).exitCode).toBe(2);
      expect((err as UserError).message).toMatch(/^--(base|tag) is empty; give it a value/);
      expect((err as UserError).message).not.toContain('\n');
    }
    expect(readArgs(options, 'usage: x', ['--base='], { allowEmpty: true }).values.base).toBe('');
    // A value that is only blank is a value (a path or message may be odd); only nothing is refused.
    expect(readArgs(options, 'usage: x', ['--base', ' ']).values.base).toBe(' ');
  });
});

describe('timeFlag and resolveNow (one check, one wording for every time flag)', () => {
  const refusal = (f: () => unknown): UserError => {
    try {
      f();
    } catch (err) {
      if (err instanceof UserError) return err;
      throw err;
    }
    throw new Error('expected a refusal');
  };

  it('refuses what is not an RFC 3339 time with an offset, in the same words for --now and any other flag', () => {
    for (const value of [
      'yesterday',
      '2026',
      '2026-11-27',
      '2026-11-27T10:00:00',
      '2026-02-30T10:00:00+09:00',
      '10:00',
    ]) {
      const now = refusal(() => resolveNow(value));
      const at = refusal(() => timeFlag('at', value));
      expect(now.exitCode).toBe(2);
      expect(now.message).toBe(
        `--now ${JSON.stringify(value)}: not a time; write RFC 3339 with an offset, e.g. 2026-11-27T10:00:00+09:00`,
      );
      expect(at.message).toBe(now.message.replace('--now', '--at'));
    }
  });

  it('reads a valid time; without the flag resolveNow is the clock', () => {
    expect(resolveNow('2026-11-27T10:00:00+09:00')).toBe(Date.parse('2026-11-27T01:00:00Z'));
    expect(timeFlag('at', '2026-11-27T10:00:00Z')).toBe('2026-11-27T10:00:00Z');
    expect(timeFlag('at', undefined)).toBeUndefined();
    const before = Date.now();
    const now = resolveNow(undefined);
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('an empty time is refused (one line, exit 2) unless the caller reads it as "not given" (a prompted flag)', () => {
    expect(refusal(() => timeFlag('at', '')).message).toBe('--at is empty; give it a value (an unset variable?)');
    expect(refusal(() => resolveNow('')).message).toMatch(/^--now is empty/);
    expect(timeFlag('detected-at', '', { allowEmpty: true })).toBeUndefined();
  });
});

describe('oneOf', () => {
  it('returns the value as its type, refuses anything else naming the flag and the choices', () => {
    expect(oneOf('format', 'json', ['text', 'json'] as const)).toBe('json');
    expect(oneOf('format', undefined, ['text', 'json'] as const)).toBeUndefined();
    for (const value of ['JSON', '', 'text ']) {
      expect(() => oneOf('format', value, ['text', 'json'] as const)).toThrow(
        `--format ${value}: expected one of text, json`,
      );
    }
  });
});

describe('namingRefs', () => {
  it("words an adapter's RefError with the flag that carried the ref; other errors pass through unchanged", async () => {
    const refused = (ref: string) => () => {
      throw new RefError(ref, 'not a commit in this repository');
    };
    await expect(namingRefs({ before: 'a', after: 'nope' }, refused('nope'))).rejects.toThrow(
      /^--after nope: not a commit in this repository$/,
    );
    await expect(namingRefs({ base: 'main' }, refused('main'))).rejects.toMatchObject({
      message: '--base main: not a commit in this repository',
      exitCode: 2,
    });
    // A ref no flag gave (e.g. derived by the script) keeps the adapter's words, which name no flag.
    await expect(namingRefs({ base: 'main' }, refused('HEAD~3'))).rejects.toThrow(/^HEAD~3: not a commit/);
    const bug = new TypeError('a bug');
    await expect(namingRefs({ base: 'main' }, () => Promise.reject(bug))).rejects.toBe(bug);
    expect(await namingRefs({ base: 'main' }, () => 7)).toBe(7);
  });
});

describe('countFlag', () => {
  it('reads digits within the range; refuses signs, fractions, words, spaces and what is out of range, in one line', () => {
    expect(countFlag('attempts', '3', { min: 1 })).toBe(3);
    expect(countFlag('interval', '0')).toBe(0);
    expect(countFlag('port', '65535', { max: 65535 })).toBe(65535);
    expect(countFlag('port', undefined)).toBeUndefined();
    for (const [value, options] of [
      ['0', { min: 1 }],
      ['-1', {}],
      ['1.5', {}],
      ['abc', {}],
      [' 3', {}],
      ['1e3', {}],
      ['65536', { max: 65535 }],
      ['9999999999', {}],
    ] as const) {
      expect(() => countFlag('n', value, options), value).toThrow(
        /^--n ".*": expected a whole number from \d+ to \d+$/,
      );
    }
  });
});
