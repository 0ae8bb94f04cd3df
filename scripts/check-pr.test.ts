/**
 * A PR check (`--base` without `--full`) parses only what changed since the
 * merge-base, yet the rules that span files still see the whole repository:
 * each case here is a cross-file problem a PR can cause, on a real temporary
 * git repository, checked in PR mode (and, where it matters, against --full).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BASE_FILE, baseText } from '../test/builders.ts';
import { createTempRepo, type TempRepo } from '../test/helpers/temp-repo.ts';
import { runScript } from '../test/helpers/run-script.ts';
import { formatLedgerLine, keys } from '../src/core/ledger/ledger.ts';

const NOW = ['--now', '2026-11-27T12:00:00+09:00'];
const ID = '2026-11-20-kcps-block-storage-latency';
const OTHER = 'incidents/2026/2026-11-22-kcps-other.md';
const otherText = baseText
  .replace(/2026-11-20-kcps-block-storage-latency/g, '2026-11-22-kcps-other')
  .replace(/2026-11-20T/g, '2026-11-22T');
let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

/** main with two incidents, and a branch `feature` cut from it (checked out). */
function branch(extra: (r: TempRepo) => void = () => {}): TempRepo {
  repo = createTempRepo();
  repo.write(BASE_FILE, baseText);
  repo.write(OTHER, otherText);
  extra(repo);
  repo.commit('main');
  repo.git('checkout', '-q', '-b', 'feature');
  return repo;
}

type Found = { code: string; file: string; message: string; severity: string };
const pr = (r: TempRepo, ...more: string[]) =>
  runScript('check.ts', [...NOW, '--base', 'main', '--format', 'json', ...more], { cwd: r.dir });
const found = (out: string) => (JSON.parse(out) as Found[]).map((f) => `${f.code} ${f.file}`).sort();
/** An edit that changes the file and nothing any rule reads: a line appended to the narrative. */
const touch = (r: TempRepo, file: string) =>
  r.write(file, `${readFileSync(join(r.dir, file), 'utf8')}\nA note added in review.\n`);

describe('a PR check still sees problems across files', () => {
  it("a new file whose id (not its name) repeats an unchanged file's id: INC008 on it and INC080 on both", () => {
    const r0 = branch();
    r0.write('incidents/2026/2026-11-25-kcps-copy.md', baseText);
    const r = pr(r0);
    expect(r.code).toBe(1);
    expect(found(r.stdout)).toEqual([
      'INC008 incidents/2026/2026-11-25-kcps-copy.md',
      `INC080 ${BASE_FILE}`,
      'INC080 incidents/2026/2026-11-25-kcps-copy.md',
    ]);
  });

  it('a file deleted and one moved to another year folder in the same PR: INC090, INC091 (and INC009 for the wrong folder)', () => {
    const r0 = branch();
    r0.remove(OTHER);
    r0.remove(BASE_FILE);
    r0.write(`incidents/2025/${ID}.md`, baseText);
    r0.commit('branch');
    const r = pr(r0);
    expect(found(r.stdout)).toEqual([
      `INC009 incidents/2025/${ID}.md`,
      `INC090 ${OTHER}`,
      `INC091 incidents/2025/${ID}.md`,
    ]);
    // The moved file is still parsed and judged against its old self: dropping an update is INC093 too.
    r0.write(
      `incidents/2025/${ID}.md`,
      baseText.replace(/ {2}- at: "2026-11-20T11:35:00\+09:00"[\s\S]*?(?=recovered_at:)/, ''),
    );
    expect(found(pr(r0).stdout)).toContain(`INC093 incidents/2025/${ID}.md`);
  });

  it('a line removed from a ledger file and another file renamed: INC096 for each, however little the PR touches', () => {
    const line = (id: string) =>
      formatLedgerLine({
        key: keys.pageLive(id, 1),
        kind: 'page-live',
        incident: id,
        at: '2026-11-20T10:16:00+09:00',
        detail: { updates: 1 },
      });
    const r0 = branch((r) => {
      r.write('ledger/2026/a.jsonl', line('x') + line('y'));
      r.write('ledger/2026/b.jsonl', line('z'));
    });
    r0.write('ledger/2026/a.jsonl', line('x'));
    r0.git('mv', 'ledger/2026/b.jsonl', 'ledger/2026/c.jsonl');
    const r = pr(r0);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as Found[]).map((f) => `${f.code} ${f.message}`)).toEqual([
      'INC096 ledger file ledger/2026/a.jsonl was modified; ledger files are only ever added',
      'INC096 ledger file ledger/2026/c.jsonl was renamed; ledger files are only ever added',
    ]);
  });

  // sev3 without a postmortem: the notification target is judged from the ledger (page-live at 10:16 meets 10:32).
  const sev3 = baseText.replace('severity: sev2', 'severity: sev3').replace('postmortem:\n  status: draft\n', '');
  const noise = Array.from({ length: 200 }, (_, n) =>
    formatLedgerLine({
      key: keys.pageLive(`2026-01-01-kcps-noise-${n}`, 1),
      kind: 'page-live',
      incident: `2026-01-01-kcps-noise-${n}`,
      at: '2026-01-01T10:00:00+09:00',
      detail: { updates: 1 },
    }),
  ).join('');
  const live = formatLedgerLine({
    key: keys.pageLive(ID, 1),
    kind: 'page-live',
    incident: ID,
    at: '2026-11-20T10:16:00+09:00',
    detail: { updates: 1 },
  });
  it.each([
    ['plain', live, []],
    ['escaped (the id spelt with \\u006b)', live.replaceAll(ID, ID.replace('kcps', '\\u006bcps')), []],
    ['absent', '', [`INC064 ${BASE_FILE}`]],
  ])(
    'the ledger is read for the changed incident only, yet every line about it counts: entry %s',
    (_, entry, expected) => {
      const r0 = branch((r) => {
        r.write(BASE_FILE, sev3);
        r.write('ledger/2026/run.jsonl', noise + entry + noise);
      });
      touch(r0, BASE_FILE);
      const prCodes = found(pr(r0).stdout);
      expect(prCodes).toEqual(found(pr(r0, '--full').stdout));
      expect(prCodes).toEqual(expected);
    },
  );

  it("only changed postmortem documents are scanned again; the changed incident's own document is read and judged", () => {
    const doc = `postmortems/${ID}.md`;
    const r0 = branch((r) =>
      r.write('postmortems/2026-11-22-kcps-other.md', '# Old notes\n\nAsk storage-lead@example.co.jp.\n'),
    );
    // The PR puts the postmortem in review with a document that lacks every section but one.
    r0.write(
      BASE_FILE,
      baseText.replace('postmortem:\n  status: draft', `postmortem:\n  status: in_review\n  document: ${doc}`),
    );
    r0.write(doc, '# Postmortem\n\n## Summary\n\nWritten. Questions to ops-lead@example.co.jp.\n');
    const prFound = found(pr(r0).stdout);
    expect(prFound).toContain(`INC042 ${doc}`);
    expect(prFound).toContain(`INC101 ${doc}`);
    // The old document's address was there before the branch: a PR check leaves it to the full check.
    expect(prFound).not.toContain('INC042 postmortems/2026-11-22-kcps-other.md');
    expect(found(pr(r0, '--full').stdout)).toContain('INC042 postmortems/2026-11-22-kcps-other.md');
  });
});

describe('what judges every file changed: the PR check falls back to the full check and says so', () => {
  it('a catalog change: every file is checked, and the output names the file that made it so', () => {
    const r0 = branch();
    // An old problem the PR did not cause: only a full check reports it.
    r0.git('checkout', '-q', 'main');
    r0.write(OTHER, otherText.replace('id: block-storage', 'id: blockstorage'));
    r0.commit('main: an old problem');
    r0.git('checkout', '-q', '-b', 'catalog-pr');
    r0.write('config/catalog.yaml', `${readFileSync(join(r0.dir, 'config/catalog.yaml'), 'utf8')}\n`);
    const json = pr(r0);
    expect(found(json.stdout)).toEqual([`INC021 ${OTHER}`]);
    expect(json.stderr).toBe(
      'Full check: config/catalog.yaml changed since the merge-base, and the catalog and the checker judge every incident file.\n',
    );
    const text = runScript('check.ts', [...NOW, '--base', 'main'], { cwd: r0.dir });
    expect(text.stdout.split('\n')[0]).toBe(
      'Full check: config/catalog.yaml changed since the merge-base, and the catalog and the checker judge every incident file.',
    );
    expect(text.stdout).toMatch(/2 incident files checked/);
  });

  it("a change to the checker's own code (a rule added, not yet committed) re-checks every file; an unrelated change does not", () => {
    const r0 = branch();
    r0.write('src/site/page.ts', 'export const x = 1;\n');
    touch(r0, BASE_FILE);
    const site = runScript('check.ts', [...NOW, '--base', 'main'], { cwd: r0.dir });
    expect(site.stdout).toBe('✔ 1 incident file checked, no problems\n');
    r0.write('src/core/rules/new-rule.ts', 'export const rule = 1;\n');
    const rules = runScript('check.ts', [...NOW, '--base', 'main'], { cwd: r0.dir });
    expect(rules.stdout).toBe(
      'Full check: src/core/rules/new-rule.ts changed since the merge-base, and the catalog and the checker judge every incident file.\n✔ 2 incident files checked, no problems\n',
    );
  });
});
