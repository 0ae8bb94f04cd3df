import { describe, expect, it } from 'vitest';
import {
  BASE_CASES,
  BASE_FILE,
  FILE_CASES,
  GOOD_BASE_CASES,
  GOOD_CASES,
  GOOD_DOCUMENT_CASES,
  LIVE_IN_TIME,
} from '../../../test/rule-cases.ts';
import { ledgerOf } from '../ledger/ledger.ts';
import { baseText, catalog, NOW } from '../../../test/builders.ts';
import { checkFile, checkIncidents, type BaseSnapshot, type CheckOptions } from '../check/check-incidents.ts';
import { formatText } from '../report/format-text.ts';
import { RULES } from './registry.ts';

const options = { catalog, now: NOW };

describe('every rule trips on its bad case (golden text)', () => {
  it.each(FILE_CASES.map((c) => [`${c.code} ${c.name}`, c] as const))('%s', async (_label, c) => {
    const { findings } = checkFile(
      { file: c.file ?? BASE_FILE, content: c.content },
      { ...options, documents: c.documents, ledger: c.ledger },
    );
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
    expect(checkFile({ file: BASE_FILE, content: c.content }, { ...options, documents: c.documents }).findings).toEqual(
      [],
    );
  });
  it('a sev3 incident verified live in time needs no postmortem; without the ledger the notification target is not judged', () => {
    const sev3 = FILE_CASES.find((c) => c.name === 'notification-missed-postmortem-missing')!.content;
    expect(checkFile({ file: BASE_FILE, content: sev3 }, { ...options, ledger: LIVE_IN_TIME }).findings).toEqual([]);
    expect(checkFile({ file: BASE_FILE, content: sev3 }, options).findings).toEqual([]);
    expect(
      checkFile({ file: BASE_FILE, content: sev3 }, { ...options, ledger: ledgerOf([]) }).findings.map(
        (f) => f.message,
      ),
    ).toEqual(['a postmortem is required because the customer-notification target was missed; none is recorded yet']);
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
    const text = baseText.replace(
      'department: cloud-infra-ops',
      'related:\n  - 2025-06-12-kcps-object-storage-errors\ndepartment: cloud-infra-ops',
    );
    const lineOf = text.split('\n').indexOf('related:') + 1;
    const alone = checkIncidents([{ file: BASE_FILE, content: text }], options).findings.filter(
      (f) => f.code === 'INC140',
    );
    expect(alone.map((f) => [f.line, f.message])).toEqual([
      [lineOf, 'related names 2025-06-12-kcps-object-storage-errors, which is no incident in this repository'],
    ]);
    const known = checkIncidents([{ file: BASE_FILE, content: text }], {
      ...options,
      knownIds: new Set(['2025-06-12-kcps-object-storage-errors']),
    }).findings;
    expect(known.filter((f) => f.code === 'INC140')).toEqual([]);
  });

  it('broken files do not hide the findings of other files in the same run', () => {
    const { findings } = checkIncidents(
      FILE_CASES.filter((c) => ['INC001', 'INC003', 'INC021'].includes(c.code)).map((c, i) => ({
        file: `incidents/2026/2026-11-20-case-${i}.md`,
        content: c.content,
      })),
      options,
    );
    for (const code of ['INC001', 'INC003', 'INC021']) expect(findings.some((f) => f.code === code)).toBe(true);
  });
});

/** A bad case for each rule that sees only the whole run: what the listing of the tree and the base snapshot tell the checker. */
const RUN_CASES: {
  code: string;
  name: string;
  base?: BaseSnapshot;
  strays?: CheckOptions['strays'];
  unchecked?: string[];
  expected: [string, string][];
}[] = [
  {
    // Files not re-checked in a PR-sized run are known by name: their ids still collide.
    code: 'INC080',
    name: 'one id in two unchecked files',
    unchecked: [
      'incidents/2025/2026-11-20-kcps-block-storage-latency.md',
      'incidents/2026/2026-11-20-kcps-block-storage-latency.md',
    ],
    expected: [
      [
        'incidents/2025/2026-11-20-kcps-block-storage-latency.md',
        'id "2026-11-20-kcps-block-storage-latency" is used by 2 files: incidents/2025/2026-11-20-kcps-block-storage-latency.md, incidents/2026/2026-11-20-kcps-block-storage-latency.md',
      ],
      [
        'incidents/2026/2026-11-20-kcps-block-storage-latency.md',
        'id "2026-11-20-kcps-block-storage-latency" is used by 2 files: incidents/2025/2026-11-20-kcps-block-storage-latency.md, incidents/2026/2026-11-20-kcps-block-storage-latency.md',
      ],
    ],
  },
  {
    code: 'INC090',
    name: 'deleted',
    base: { files: new Map(), deleted: ['incidents/2025/2025-06-12-kcps-object-storage-errors.md'], renamed: [] },
    expected: [
      [
        'incidents/2025/2025-06-12-kcps-object-storage-errors.md',
        'incident file incidents/2025/2025-06-12-kcps-object-storage-errors.md was deleted; incident files are never deleted',
      ],
    ],
  },
  {
    code: 'INC091',
    name: 'renamed',
    base: { files: new Map(), deleted: [], renamed: [{ from: 'incidents/2026/a.md', to: 'incidents/2026/b.md' }] },
    expected: [
      [
        'incidents/2026/b.md',
        'incident file was renamed from incidents/2026/a.md to incidents/2026/b.md; the id and file name never change',
      ],
    ],
  },
  {
    code: 'INC096',
    name: 'ledger rewritten, junk added',
    base: {
      files: new Map(),
      deleted: [],
      renamed: [],
      ledgerChanged: [{ file: 'ledger/2026/run-1.jsonl', change: 'modified' }],
      ledgerAdded: [{ file: 'ledger/2026/notes.txt', text: 'hello' }],
    },
    expected: [
      [
        'ledger/2026/notes.txt',
        'ledger/2026/notes.txt was added under ledger/ but is not a ledger file the SLA engine writes (not a ledger file: ledger files are ledger/<YYYY>/<run>.jsonl); only ledger/<YYYY>/<run>.jsonl files of ledger entries are added there',
      ],
      ['ledger/2026/run-1.jsonl', 'ledger file ledger/2026/run-1.jsonl was modified; ledger files are only ever added'],
    ],
  },
  {
    code: 'INC121',
    name: 'misplaced',
    strays: [
      { file: 'incidents/notes.txt', code: 'INC121', message: 'incidents/notes.txt is not read as an incident' },
    ],
    expected: [['incidents/notes.txt', 'incidents/notes.txt is not read as an incident']],
  },
  {
    code: 'INC122',
    name: 'link',
    strays: [{ file: 'incidents/2026/x.md', code: 'INC122', message: 'incidents/2026/x.md is a symbolic link' }],
    expected: [['incidents/2026/x.md', 'incidents/2026/x.md is a symbolic link']],
  },
  {
    // A stray added since the base is INC096's already: one finding per file, never both.
    code: 'INC131',
    name: 'misplaced, once',
    strays: [
      { file: 'ledger/old.txt', code: 'INC131', message: 'ledger/old.txt is not read as a ledger file' },
      { file: 'ledger/new.txt', code: 'INC131', message: 'ledger/new.txt is not read as a ledger file' },
    ],
    base: { files: new Map(), deleted: [], renamed: [], ledgerAdded: [{ file: 'ledger/new.txt', text: '' }] },
    expected: [['ledger/old.txt', 'ledger/old.txt is not read as a ledger file']],
  },
];

describe('rules across the whole run', () => {
  it.each(RUN_CASES.map((c) => [`${c.code} ${c.name}`, c] as const))('%s', (_label, c) => {
    const { findings } = checkIncidents([], { ...options, base: c.base, strays: c.strays, unchecked: c.unchecked });
    expect(findings.filter((f) => f.code === c.code).map((f) => [f.file, f.message])).toEqual(c.expected);
    for (const f of findings)
      expect([f.line, f.column, f.hint]).toEqual([
        1,
        1,
        `${RULES.find((r) => r.code === f.code)!.right} See ${catalog.catalog.site.url}/en/kb/rules/${f.code.toLowerCase()}/`,
      ]);
  });
});

it('every rule in the catalog has at least one bad case', () => {
  const covered = new Set([...FILE_CASES, ...BASE_CASES, ...RUN_CASES].map((c) => c.code));
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
