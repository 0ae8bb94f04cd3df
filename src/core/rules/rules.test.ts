import { describe, expect, it } from 'vitest';
import { BASE_CASES, BASE_FILE, FILE_CASES, GOOD_BASE_CASES, GOOD_CASES, GOOD_DOCUMENT_CASES, LIVE_IN_TIME } from '../../../test/rule-cases.ts';
import { ledgerOf } from '../engine/ledger.ts';
import { baseText, catalog, NOW } from '../../../test/builders.ts';
import { checkFile, checkIncidents } from '../check/check-incidents.ts';
import { formatText } from '../report/format-text.ts';
import { ALL_RULES } from './index.ts';
import { RULES } from './registry.ts';

const options = { catalog, now: NOW };

describe('every rule trips on its bad case (golden text)', () => {
  it.each(FILE_CASES.map((c) => [`${c.code} ${c.name}`, c] as const))('%s', async (_label, c) => {
    const { findings } = checkFile({ file: c.file ?? BASE_FILE, content: c.content }, { ...options, documents: c.documents, ledger: c.ledger });
    expect(findings.map((f) => f.code)).toContain(c.code);
    await expect(formatText(findings, 1)).toMatchFileSnapshot(`./__golden__/${c.code}-${c.name}.txt`);
  });
});

describe('lifecycle rules against the base version (golden text)', () => {
  it.each(BASE_CASES.map((c) => [`${c.code} ${c.name}`, c] as const))('%s', async (_label, c) => {
    const { findings } = checkFile({ file: BASE_FILE, content: c.head }, options, c.base);
    expect(findings.map((f) => f.code)).toContain(c.code);
    await expect(formatText(findings, 1)).toMatchFileSnapshot(`./__golden__/${c.code}-${c.name}.txt`);
  });
});

describe('allowed variants pass', () => {
  it.each(GOOD_CASES.map((c) => [c.name, c] as const))('%s', (_label, c) => {
    expect(checkFile({ file: BASE_FILE, content: c.content }, options).findings).toEqual([]);
  });
  it.each(GOOD_DOCUMENT_CASES.map((c) => [c.name, c] as const))('%s', (_label, c) => {
    expect(checkFile({ file: BASE_FILE, content: c.content }, { ...options, documents: c.documents }).findings).toEqual([]);
  });
  it('a sev3 incident verified live in time needs no postmortem; without the ledger the notification target is not judged', () => {
    const sev3 = FILE_CASES.find((c) => c.name === 'notification-missed-postmortem-missing')!.content;
    expect(checkFile({ file: BASE_FILE, content: sev3 }, { ...options, ledger: LIVE_IN_TIME }).findings).toEqual([]);
    expect(checkFile({ file: BASE_FILE, content: sev3 }, options).findings).toEqual([]);
    expect(checkFile({ file: BASE_FILE, content: sev3 }, { ...options, ledger: ledgerOf([]) }).findings.map((f) => f.message)).toEqual([
      'a postmortem is required because the customer-notification target was missed; none is recorded yet',
    ]);
  });
  it.each(GOOD_BASE_CASES.map((c) => [c.name, c] as const))('base → head: %s', (_label, c) => {
    expect(checkFile({ file: BASE_FILE, content: c.head }, options, c.base).findings).toEqual([]);
  });
});

describe('across files', () => {
  it('INC080: one id in two files is reported on both, and both files are still checked', () => {
    const text = FILE_CASES.find((c) => c.name === 'wrong-year-folder')!.content as string;
    const { findings } = checkIncidents(
      [
        { file: BASE_FILE, content: text },
        { file: 'incidents/2025/2026-11-20-kcps-block-storage-latency.md', content: text },
      ],
      options,
    );
    expect(findings.filter((f) => f.code === 'INC080').map((f) => f.file)).toHaveLength(2);
    expect(findings.some((f) => f.code === 'INC009')).toBe(true);
  });

  it('INC140: a related id that is no incident is reported on its line; an existing one, even outside the checked files, passes', () => {
    const text = baseText.replace('department: cloud-infra-ops', 'related:\n  - 2025-06-12-kcps-object-storage-errors\ndepartment: cloud-infra-ops');
    const lineOf = text.split('\n').indexOf('related:') + 1;
    const alone = checkIncidents([{ file: BASE_FILE, content: text }], options).findings.filter((f) => f.code === 'INC140');
    expect(alone.map((f) => [f.line, f.message])).toEqual([[lineOf, 'related names 2025-06-12-kcps-object-storage-errors, which is no incident in this repository']]);
    const known = checkIncidents([{ file: BASE_FILE, content: text }], { ...options, knownIds: new Set(['2025-06-12-kcps-object-storage-errors']) }).findings;
    expect(known.filter((f) => f.code === 'INC140')).toEqual([]);
  });

  it('INC090/INC091: deleted and renamed files are reported from the base snapshot', () => {
    const { findings } = checkIncidents([], {
      ...options,
      base: { files: new Map(), deleted: ['incidents/2025/2025-06-12-kcps-object-storage-errors.md'], renamed: [{ from: 'incidents/2026/a.md', to: 'incidents/2026/b.md' }] },
    });
    expect(findings.map((f) => [f.code, f.file])).toEqual([
      ['INC090', 'incidents/2025/2025-06-12-kcps-object-storage-errors.md'],
      ['INC091', 'incidents/2026/b.md'],
    ]);
  });

  it('broken files do not hide the findings of other files in the same run', () => {
    const { findings } = checkIncidents(
      FILE_CASES.filter((c) => ['INC001', 'INC003', 'INC021'].includes(c.code)).map((c, i) => ({ file: `incidents/2026/2026-11-20-case-${i}.md`, content: c.content })),
      options,
    );
    for (const code of ['INC001', 'INC003', 'INC021']) expect(findings.some((f) => f.code === code)).toBe(true);
  });
});

it('every rule in the catalog has at least one bad case (rules that only see the whole run have theirs under "across files" and in the checker\'s tests)', () => {
  const acrossFilesOnly = ALL_RULES.filter((r) => Object.keys(r.check).join() === 'run').map((r) => r.code);
  const covered = new Set([...FILE_CASES, ...BASE_CASES].map((c) => c.code).concat(acrossFilesOnly));
  expect(RULES.map((r) => r.code).filter((code) => !covered.has(code))).toEqual([]);
});

it('findings point at the offending line', () => {
  const c = FILE_CASES.find((x) => x.name === 'unknown-component')!;
  const [f] = checkFile({ file: BASE_FILE, content: c.content }, options).findings;
  const lines = (c.content as string).split('\n');
  expect(lines[f!.line - 1]).toContain('blockstorage');
  expect(f!.column).toBe(lines[f!.line - 1]!.indexOf('id:') + 1);
});

it('YAML syntax errors point at the offending line', () => {
  const c = FILE_CASES.find((x) => x.name === 'duplicate-key')!;
  const [f] = checkFile({ file: BASE_FILE, content: c.content }, options).findings;
  expect((c.content as string).split('\n')[f!.line - 1]).toBe('severity: sev3');
});
