/**
 * The CLI in-process, with a prompter that fails the test if it is asked
 * anything: every refusal that needs no answer (--push off the fast lane,
 * a bad or missing --remote/--branch, a remote that cannot be fetched, a
 * closed incident) comes before the first question. The control case shows
 * the prompter is reached when nothing is refused, so the guard can fail.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.ts';
import { BASE_FILE, baseText } from '../../test/builders.ts';
import { runScript } from '../../test/helpers/run-script.ts';
import { createTempRepo, type TempRepo } from '../../test/helpers/temp-repo.ts';
import type { Prompter } from '../lib/prompter.ts';
import { COMMON_FLAGS, STRING_FLAGS, SWITCHES } from './command.ts';
import { COMMANDS } from './commands/index.ts';
import { runIncident } from './run.ts';

const ID = '2026-11-20-kcps-block-storage-latency';
const NOW = ['--now', '2026-11-27T12:00:00+09:00'];

let repo: TempRepo;
let asked: string[];
beforeEach(() => {
  repo = createTempRepo();
  repo.write(BASE_FILE, baseText);
  repo.commit('base');
  asked = [];
});
afterEach(() => repo.cleanup());

/** A terminal user who must never be asked: the first question fails the run (not as a UserError, so it cannot pass for a refusal). */
const neverAsk: Prompter = {
  async value(flag) {
    asked.push(flag);
    throw new Error(`asked for --${flag}`);
  },
  close() {},
};
const run = (args: string[]) =>
  runIncident([...NOW, ...args], { root: repo.dir, terminal: true, prompter: () => neverAsk });

async function refusedBeforeAsking(args: string[], message: string | RegExp, exitCode = 2): Promise<void> {
  const err = await run(args).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `${args.join(' ')} was not refused`).toBeInstanceOf(UserError);
  if (!(err instanceof UserError)) return;
  if (typeof message === 'string') expect(err.message).toContain(message);
  else expect(err.message).toMatch(message);
  expect(err.message.split('\n')).toHaveLength(1);
  expect(err.exitCode).toBe(exitCode);
  expect(asked).toEqual([]);
  expect(repo.git('status', '--porcelain', '--untracked-files=all')).toBe('');
}

describe('refused before any prompt', () => {
  it('control: without a refusal the terminal user is asked (the guard below can fail)', async () => {
    await expect(run(['update', ID])).rejects.toThrow('asked for --status');
    expect(asked).toEqual(['status']);
  });

  it.each([
    ['new', ['new', '--push']],
    ['maintenance', ['maintenance', '--push', '--service', 'kcps']],
    ['correct', ['correct', ID, '--push']],
    ['close', ['close', ID, '--push']],
    ['postmortem', ['postmortem', ID, '--push']],
  ])('--push on %s: it goes through a reviewed pull request', async (name, args) => {
    await refusedBeforeAsking(
      args,
      `--push is for live updates (update, resolve); ${name} goes through a reviewed pull request`,
    );
  });

  it.each([
    ['an empty --remote', ['--remote', ''], '--remote "": not a remote name or URL'],
    [
      'an option as --remote',
      ['--remote=--upload-pack=evil'],
      '--remote "--upload-pack=evil": not a remote name or URL',
    ],
    ['an empty --branch', ['--branch', ''], '--branch "": not a plain branch name'],
    [
      'a refspec as --branch',
      ['--branch', 'main:refs/heads/evil'],
      '--branch "main:refs/heads/evil": not a plain branch name',
    ],
    ['a force refspec as --branch', ['--branch', '+main'], '--branch "+main": not a plain branch name'],
    ['a range as --branch', ['--branch', 'main..evil'], '--branch "main..evil": not a plain branch name'],
  ])('update --push with %s', async (_label, extra, message) => {
    await refusedBeforeAsking(['update', ID, '--push', ...extra], message);
  });

  it('--push with --remote or --branch missing its value is a usage error', async () => {
    await refusedBeforeAsking(
      ['update', ID, '--push', '--remote'],
      /^Option '--remote <value>' argument missing \(usage: npm run incident/,
    );
    await refusedBeforeAsking(
      ['resolve', ID, '--push', '--branch'],
      /^Option '--branch <value>' argument missing \(usage: npm run incident/,
    );
  });

  it('--push without an id, with a time that is not one, or with a flag the command does not take', async () => {
    await refusedBeforeAsking(
      ['update', '--push'],
      'update needs an incident id (usage: npm run incident -- update <id>: post a status update; --help for more)',
    );
    await refusedBeforeAsking(
      ['resolve', ID, '--push', '--recovered-at', '11:05'],
      '--recovered-at "11:05": not a time',
    );
    await refusedBeforeAsking(
      ['update', ID, '--push', '--customers', 'cust-4f2a91'],
      '--customers does not apply to update',
    );
  });

  it.each([
    ['update', ['update', ID, '--at', '']],
    ['update', ['update', ID, '--next-update', '']],
    ['close', ['close', ID, '--closed-at', '']],
    ['new', ['new', '--at', '']],
  ])(
    'an empty time flag that is never asked for is refused on %s before any question (it would reach the file as a time)',
    async (_name, args) => {
      const flag = args[args.indexOf('') - 1]!;
      await refusedBeforeAsking(args, `${flag} is empty; give it a value (an unset variable?)`);
    },
  );

  it('an empty time flag that is asked for (--detected-at: "empty for now") is "not given": not refused up front, the questions go on', async () => {
    await expect(run(['new', '--detected-at', ''])).rejects.toThrow('asked for --service');
    expect(asked).toEqual(['service']);
  });

  it('--push to a remote that does not exist: fetched (and refused) before the questions', async () => {
    await refusedBeforeAsking(
      ['update', ID, '--push'],
      /^--push: cannot fetch origin\/main \(.*\); check --remote and --branch/,
      1,
    );
  });

  it('without --push, a refusal that needs only the file (a closed incident) comes before the questions too', async () => {
    repo.write(BASE_FILE, baseText.replace(/\n---\n/, '\nclosed_at: "2026-11-27T11:30:00+09:00"\n---\n'));
    repo.commit('closed');
    await refusedBeforeAsking(
      ['update', ID],
      /^Not written: this incident is closed \(closed_at 2026-11-27T11:30:00\+09:00\)/,
    );
    await refusedBeforeAsking(['resolve', ID], /^Not written: this incident is closed/);
  });

  it('an id given to a command that makes a new incident is a usage error, not a file to overwrite', async () => {
    await refusedBeforeAsking(['new', ID], `unexpected argument "${ID}"`);
  });
});

describe('through the entry point', () => {
  it('an interactive --push off the lane prints no question, even with answers waiting on stdin', () => {
    const r = runScript('incident.ts', ['close', ID, '--push', '--interactive', ...NOW], {
      cwd: repo.dir,
      input: 'yes\nyes\n',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('--push is for live updates (update, resolve); close goes through a reviewed pull request\n');
  });

  it('postmortem writes its document beside the incident once; a second run re-links it and keeps the edited document', () => {
    const doc = `postmortems/${ID}.md`;
    const first = runScript('incident.ts', ['postmortem', ID, ...NOW], { cwd: repo.dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Wrote ${doc}: replace every TODO`);
    repo.write(doc, `${readFileSync(join(repo.dir, doc), 'utf8')}\nEdited by the responder.\n`);
    const edited = readFileSync(join(repo.dir, doc), 'utf8');
    const second = runScript('incident.ts', ['postmortem', ID, ...NOW], { cwd: repo.dir });
    expect(second.code).toBe(0);
    expect(second.stdout).not.toContain(`Wrote ${doc}`);
    expect(readFileSync(join(repo.dir, doc), 'utf8')).toBe(edited);
  });
});

describe('the command list and the parser agree', () => {
  it('every flag a command lists is one the parser reads, and every flag the parser reads is taken by some command', () => {
    const parsed = new Set<string>([...STRING_FLAGS, ...SWITCHES]);
    const listed = Object.values(COMMANDS).flatMap((c) =>
      [...c.required, ...c.optional].map((f) => `${c.name} --${f}`),
    );
    expect(listed.filter((l) => !parsed.has(l.split(' --')[1]!))).toEqual([]);
    const taken = new Set([...Object.values(COMMANDS).flatMap((c) => [...c.required, ...c.optional]), ...COMMON_FLAGS]);
    expect([...parsed].filter((f) => !taken.has(f))).toEqual([]);
  });
});
