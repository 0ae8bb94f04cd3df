/**
 * The Actions report at its boundary: what @actions/core writes to stdout
 * (workflow commands), to the GITHUB_OUTPUT file and to the job summary file,
 * in a temporary folder. A finding's text is untrusted (it quotes incident
 * files): it must not be able to issue a workflow command of its own.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Finding } from '../core/findings.ts';
import { reportToActions } from './actions-report.ts';

// @actions/core's summary keeps the first file path it is given for the life of the process: one folder for the whole file, emptied per test.
const dir = mkdtempSync(join(tmpdir(), 'actions-report-'));
let stdout: string;
const saved = { output: process.env.GITHUB_OUTPUT, summary: process.env.GITHUB_STEP_SUMMARY };
beforeEach(() => {
  writeFileSync(join(dir, 'output'), '');
  writeFileSync(join(dir, 'summary'), '');
  process.env.GITHUB_OUTPUT = join(dir, 'output');
  process.env.GITHUB_STEP_SUMMARY = join(dir, 'summary');
  stdout = '';
  vi.spyOn(process.stdout, 'write').mockImplementation(
    (chunk: string | Uint8Array) => ((stdout += String(chunk)), true),
  );
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const [key, value] of [
    ['GITHUB_OUTPUT', saved.output],
    ['GITHUB_STEP_SUMMARY', saved.summary],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

const finding = (over: Partial<Finding>): Finding => ({
  file: 'incidents/2026/2026-11-20-kcps-a.md',
  line: 3,
  column: 1,
  code: 'INC001' as Finding['code'],
  severity: 'error',
  message: 'm',
  hint: 'h',
  ...over,
});

describe('annotations and outputs', () => {
  it('errors before warnings, each with file, line, column and the rule as title; counts as step outputs', async () => {
    await reportToActions(
      [finding({ severity: 'warning', message: 'late', line: 9 }), finding({ message: 'broken', line: 4, column: 7 })],
      2,
    );
    const lines = stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(lines[0]).toMatch(
      /^::error title=INC001,file=incidents\/2026\/2026-11-20-kcps-a\.md,line=4,col=7::broken%0Ah$/,
    );
    expect(lines[1]).toMatch(/^::warning .*line=9.*::late%0Ah$/);
    const output = readFileSync(join(dir, 'output'), 'utf8');
    expect(output).toMatch(/errors<<.*\n1\n/);
    expect(output).toMatch(/warnings<<.*\n1\n/);
  });

  it('a hostile message cannot start a workflow command: line breaks, "::" and "%" are escaped', async () => {
    await reportToActions(
      [finding({ message: 'x\n::add-mask::secret\r\n::error::forged 100%', hint: '%0A', file: 'incidents/a,b:c.md' })],
      1,
    );
    const commands = stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(commands).toHaveLength(1); // the single annotation; nothing forged
    expect(commands[0]).toContain('file=incidents/a%2Cb%3Ac.md');
    expect(commands[0]).toContain('x%0A::add-mask::secret%0D%0A::error::forged 100%25%0A%250A');
  });

  it('more than 10 findings: a line says the summary has them all', async () => {
    await reportToActions(
      Array.from({ length: 11 }, (_, i) => finding({ line: i + 1 })),
      1,
    );
    expect(stdout).toContain(
      'GitHub shows only the first 10 annotations of each kind; the job summary lists every finding.',
    );
  });
});

describe('the job summary', () => {
  it('every finding in a table, HTML in messages escaped', async () => {
    await reportToActions([finding({ message: '<script>alert(1)</script> & more', hint: '<b>' })], 1);
    const summary = readFileSync(join(dir, 'summary'), 'utf8');
    expect(summary).toContain('<h2>Incident check</h2>');
    expect(summary).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(summary).not.toContain('<script>');
    expect(summary).toContain('incidents/2026/2026-11-20-kcps-a.md:3:1');
  });

  it('no findings: the summary line only, no table', async () => {
    await reportToActions([], 3);
    const summary = readFileSync(join(dir, 'summary'), 'utf8');
    expect(summary).toContain('3 incident files checked, no problems');
    expect(summary).not.toContain('<table>');
  });

  it('outside Actions (no GITHUB_STEP_SUMMARY): annotations only, no summary written, no failure', async () => {
    delete process.env.GITHUB_STEP_SUMMARY;
    await reportToActions([finding({})], 1);
    expect(readFileSync(join(dir, 'summary'), 'utf8')).toBe('');
    expect(stdout).toContain('::error ');
  });
});
