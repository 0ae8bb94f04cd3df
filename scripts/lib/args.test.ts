import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.ts';
import { readArgs } from './args.ts';

describe('readArgs', () => {
  const options = { base: { type: 'string' }, full: { type: 'boolean' }, tag: { type: 'string', multiple: true } } as const;

  it('refuses a flag given twice (exit 2), whether the values differ or not', () => {
    for (const argv of [['--base', 'a', '--base', 'b'], ['--base=a', '--base', 'a'], ['--full', '--full']]) {
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
