import { describe, expect, it } from 'vitest';
import { baseText, catalog } from '../../../test/builders.ts';
import { ledgerOf, type LedgerEntry } from '../ledger/ledger.ts';
import { standingApprovals } from '../review/approval.ts';
import { auditManifest } from './manifest.ts';
import { notificationsTable } from './package.ts';
import { readRecords } from './records.ts';
import { layoutProblems, ledgerFromRows, manifestFieldProblems, tableRows } from './verify.ts';

const AS_OF = Date.parse('2026-11-30T12:00:00+09:00');
const ID = '2026-11-20-kcps-block-storage-latency';
const calendar = { source: '@holiday-jp/holiday_jp', version: '1.0.0', covers: '2020–2030' };
const manifest = () =>
  structuredClone(
    auditManifest({
      from: '2026-11-01',
      to: '2026-11-30',
      format: 'json',
      commit: { sha: 'a'.repeat(40), committedAt: '2026-11-30T12:00:00+09:00' },
      repository: 'local',
      generatorVersion: '1.0.0',
      catalog: { path: 'config/catalog.yaml', text: '' },
      calendar,
      population: [],
      files: new Map(),
      sha256: () => 'x',
    }),
  ) as Record<string, any>;
const expected = { calendar, catalogPath: 'config/catalog.yaml' };

describe('the package format, as verify sees it', () => {
  it('accepts exactly the defined files and names each addition or orphan', () => {
    const ids = new Set([ID]);
    const good = [
      'population.json',
      'notifications.json',
      'deliveries.json',
      'transitions.json',
      'approvals.json',
      'prevention.json',
      'exceptions.json',
      'report.html',
      'catalog.yaml',
      `incidents/${ID}/record.md`,
      `incidents/${ID}/history.json`,
      `incidents/${ID}/emails/initial-1.txt`,
    ];
    expect(layoutProblems(good, ids, 'json')).toEqual([]);
    const bad = layoutProblems(
      [
        ...good.filter((p) => p !== 'transitions.json'),
        'sign-off.txt',
        'population.csv',
        'incidents/ghost/history.json',
        `incidents/${ID}/emails/deep/x.txt`,
      ],
      ids,
      'json',
    );
    expect(bad.join('\n')).toMatch(/sign-off\.txt: not a file/);
    expect(bad.join('\n')).toMatch(/population\.csv: not a file/);
    expect(bad.join('\n')).toMatch(/incidents\/ghost\/history\.json: belongs to no incident/);
    expect(bad.join('\n')).toMatch(/emails\/deep\/x\.txt: not a file/);
    expect(bad.join('\n')).toMatch(/transitions\.json: missing/);
  });

  it('checks every manifest field: no extra key anywhere, zone, rule, generator name, calendar', () => {
    expect(manifestFieldProblems(manifest() as never, expected)).toEqual([]);
    const edits: [string, (m: Record<string, any>) => void][] = [
      [
        'signed_off_by',
        (m) => {
          m.signed_off_by = 'CFO';
        },
      ],
      [
        'counts',
        (m) => {
          m.counts.approved_by_auditor = 1;
        },
      ],
      [
        'time_zone',
        (m) => {
          m.period.time_zone = 'UTC';
        },
      ],
      [
        'rule',
        (m) => {
          m.period.rule = 'whatever';
        },
      ],
      [
        'generator',
        (m) => {
          m.generator.name = 'hand-made';
        },
      ],
      [
        'calendar',
        (m) => {
          m.calendar.version = '0.0.1';
        },
      ],
      [
        'repository',
        (m) => {
          m.repository = '';
        },
      ],
      [
        'catalog',
        (m) => {
          delete m.catalog.path;
        },
      ],
    ];
    for (const [what, edit] of edits) {
      const m = manifest();
      edit(m);
      expect(manifestFieldProblems(m as never, expected).length, what).toBeGreaterThan(0);
    }
  });

  it('round-trips notification details, a value with spaces included, byte for byte', () => {
    const entries: LedgerEntry[] = [
      {
        key: `${ID}/warning/1`,
        kind: 'warning',
        incident: ID,
        at: '2026-11-20T10:10:00+09:00',
        detail: { reason: 'desk closed early', minutes: 12 },
      },
      {
        key: `${ID}/page-live`,
        kind: 'page-live',
        incident: ID,
        at: '2026-11-20T10:05:00+09:00',
        detail: { updates: 1 },
      },
    ];
    for (const format of ['json', 'csv'] as const) {
      const text = notificationsTable(ledgerOf(entries), new Set([ID]), format);
      expect(notificationsTable(ledgerOf(ledgerFromRows(tableRows(text, format))), new Set([ID]), format)).toBe(text);
    }
  });
});

describe('records that share a file name', () => {
  it("a broken file in another year folder never takes the valid record's id, whatever the order", () => {
    const sources = [
      { file: `incidents/2025/${ID}.md`, bytes: new TextEncoder().encode('---\nid: broken\n---\n') },
      { file: `incidents/2026/${ID}.md`, bytes: new TextEncoder().encode(baseText) },
    ];
    for (const order of [sources, [...sources].reverse()]) {
      const set = readRecords(order, catalog, AS_OF);
      expect(set.paths.get(ID)).toBe(`incidents/2026/${ID}.md`);
      expect(set.invalid.map((r) => [r.id, r.file])).toEqual([[`2025--${ID}`, `incidents/2025/${ID}.md`]]);
    }
  });
});

describe('standing approvals', () => {
  it('none stands while a commit author is unknown', () => {
    const reviews = [{ user: 't-sato', state: 'APPROVED' as const, submittedAt: '2026-11-20T02:44:00Z' }];
    expect(standingApprovals(reviews, [], []).standing).toEqual(['t-sato']);
    const withUnknown = standingApprovals(reviews, [], ['0000000 (Unlinked Person)']);
    expect(withUnknown.standing).toEqual([]);
    expect(withUnknown.notCounted).toEqual([
      { user: 't-sato', reason: 'commit author unknown, not linked to a GitHub account' },
    ]);
  });
});
