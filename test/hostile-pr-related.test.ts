/**
 * An outside tester's attacks on the PR-sized check (`npm run check -- --base`)
 * and on related incidents in the public JSON. Each PR is a real branch in a
 * real temporary git repository built from this repository's sample data;
 * every case compares `--base main` with `--base main --full` on the same PR.
 *
 * Bugs found here and fixed: a postmortem document not named after its
 * incident escaped the PR check; a ledger file the PR added never re-checked
 * the incidents it is about; `--base ''` (an unset CI variable) silently
 * dropped every lifecycle rule.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCatalog } from '../src/adapters/catalog-store.ts';
import { incidentOrUndefined } from '../src/core/check/parse-incident.ts';
import { ledgerOf, type LedgerEntry } from '../src/core/ledger/ledger.ts';
import { publicIncidents } from '../src/core/incident/public-incident.ts';
import { embedJson } from '../src/core/views/embed.ts';
import { relatedJson } from '../src/core/views/related.ts';
import { REPO_ROOT } from './builders.ts';
import { runScript } from './helpers/run-script.ts';

const NOW = '2026-11-28T09:00:00+09:00';
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@invalid',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@invalid',
  GIT_AUTHOR_DATE: '2026-11-27T12:00:00+09:00',
  GIT_COMMITTER_DATE: '2026-11-27T12:00:00+09:00',
};
const LATENCY = 'incidents/2026/2026-11-20-kcps-block-storage-latency.md';
const LOGIN = 'incidents/2025/2025-07-08-kbi-login-outage.md';
/** Closed, sev3, no postmortem: valid only while nothing says a target was missed. */
const CLOSED = '2025-06-12-kcps-object-storage-errors';

const repos: string[] = [];
afterEach(() => {
  for (const dir of repos.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** main = the sample data, committed; HEAD = branch `pr` cut from it. */
function sampleRepo() {
  const dir = mkdtempSync(join(tmpdir(), 'hostile-pr-'));
  repos.push(dir);
  for (const d of ['incidents', 'config', 'ledger', 'postmortems'])
    cpSync(join(REPO_ROOT, d), join(dir, d), { recursive: true });
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, env: GIT_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q', '-b', 'main');
  git('config', 'commit.gpgsign', 'false');
  const repo = {
    dir,
    git,
    read: (p: string) => readFileSync(join(dir, p), 'utf8'),
    write(p: string, text: string) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), text);
    },
    commit(message: string) {
      git('add', '-A');
      git('commit', '-q', '--allow-empty', '-m', message);
      return git('rev-parse', 'HEAD').trim();
    },
    /** The same PR judged both ways; codes of every finding, sorted. */
    both(base = 'main') {
      const pr = check(dir, ['--base', base]);
      const full = check(dir, ['--base', base, '--full']);
      return { pr, full };
    },
  };
  repo.commit('sample data');
  git('checkout', '-q', '-b', 'pr');
  return repo;
}

function check(dir: string, args: string[]) {
  const r = runScript('check.ts', [...args, '--now', NOW, '--format', 'json'], { cwd: dir });
  let codes: string[] = [];
  try {
    codes = (JSON.parse(r.stdout) as { code: string; severity: string }[])
      .filter((f) => f.severity === 'error')
      .map((f) => f.code)
      .sort();
  } catch {
    // Not JSON: a usage error or a crash; the exit code and stderr tell.
  }
  return { ...r, codes };
}

function expectNoStackTrace(r: { stderr: string; stdout: string }) {
  expect(`${r.stdout}\n${r.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

describe('PR check: a postmortem document not named after its incident', () => {
  /** Base: the approved postmortem of the login outage lives at postmortems/kbi-login-review.md (any path is allowed). */
  function renamedDocumentRepo() {
    const repo = sampleRepo();
    repo.git('checkout', '-q', 'main');
    repo.git('mv', 'postmortems/2025-07-08-kbi-login-outage.md', 'postmortems/kbi-login-review.md');
    repo.write(
      LOGIN,
      repo
        .read(LOGIN)
        .replace('document: postmortems/2025-07-08-kbi-login-outage.md', 'document: postmortems/kbi-login-review.md'),
    );
    repo.commit('postmortem document under another name');
    // The base itself is clean: the name is accepted.
    expect(check(repo.dir, []).code).toBe(0);
    repo.git('checkout', '-q', 'pr');
    repo.git('reset', '-q', '--hard', 'main');
    return repo;
  }

  it('rewriting the approved document is INC111 with --base as with --full (the incident naming it is re-checked)', () => {
    const repo = renamedDocumentRepo();
    repo.write(
      'postmortems/kbi-login-review.md',
      repo.read('postmortems/kbi-login-review.md').replace('exhausted', 'did not exhaust'),
    );
    repo.commit('soften the approved postmortem');
    const { pr, full } = repo.both();
    expect(full.codes).toEqual(['INC111']);
    expect(pr.codes).toEqual(full.codes);
    expect(pr.code).toBe(1);
  });

  it('deleting the approved document is INC100 and INC111 with --base as with --full', () => {
    const repo = renamedDocumentRepo();
    repo.git('rm', '-q', 'postmortems/kbi-login-review.md');
    repo.commit('drop the postmortem');
    const { pr, full } = repo.both();
    expect(full.codes).toEqual(['INC100', 'INC111']);
    expect(pr.codes).toEqual(full.codes);
    expect(pr.code).toBe(1);
  });

  it('two incidents sharing one document: rewriting it re-checks both (INC111 twice) with --base as with --full', () => {
    const repo = renamedDocumentRepo();
    const PACKET = 'incidents/2025/2025-08-19-kcps-network-packet-loss.md';
    repo.git('checkout', '-q', 'main');
    repo.write(
      PACKET,
      repo
        .read(PACKET)
        .replace(
          'document: postmortems/2025-08-19-kcps-network-packet-loss.md',
          'document: postmortems/kbi-login-review.md',
        ),
    );
    repo.commit('the packet-loss incident points at the login review too');
    repo.git('checkout', '-q', 'pr');
    repo.git('reset', '-q', '--hard', 'main');
    repo.write(
      'postmortems/kbi-login-review.md',
      repo.read('postmortems/kbi-login-review.md').replace('exhausted', 'did not exhaust'),
    );
    repo.commit('soften the shared postmortem');
    const { pr, full } = repo.both();
    // Both incidents are judged against it: INC111 for each, and INC103 for the packet loss (whose recovery target was missed).
    expect(full.codes).toEqual(['INC103', 'INC111', 'INC111']);
    expect(pr.codes).toEqual(full.codes);
  });

  it('a document named with YAML escapes and quotes (not spelled out in the file) is still found', () => {
    const repo = sampleRepo();
    repo.git('checkout', '-q', 'main');
    repo.git('mv', 'postmortems/2025-07-08-kbi-login-outage.md', "postmortems/kbi login's review.md");
    // Double-quoted with an escape: the path never appears as written in the incident file.
    repo.write(
      LOGIN,
      repo
        .read(LOGIN)
        .replace(
          'document: postmortems/2025-07-08-kbi-login-outage.md',
          'document: "\\x70ostmortems/kbi login\\x27s review.md"',
        ),
    );
    repo.commit('an oddly written document path');
    expect(check(repo.dir, []).code).toBe(0);
    repo.git('checkout', '-q', 'pr');
    repo.git('reset', '-q', '--hard', 'main');
    repo.write(
      "postmortems/kbi login's review.md",
      repo.read("postmortems/kbi login's review.md").replace('exhausted', 'did not exhaust'),
    );
    repo.commit('soften');
    const { pr, full } = repo.both();
    expect(full.codes).toEqual(['INC111']);
    expect(pr.codes).toEqual(full.codes);
  });

  it('a single-quoted path folded over two lines (the path is never on one line) is still found', () => {
    const repo = sampleRepo();
    repo.git('checkout', '-q', 'main');
    repo.git('mv', 'postmortems/2025-07-08-kbi-login-outage.md', 'postmortems/kbi login review.md');
    repo.write(
      LOGIN,
      repo
        .read(LOGIN)
        .replace(
          'document: postmortems/2025-07-08-kbi-login-outage.md',
          "document: 'postmortems/kbi login\n    review.md'",
        ),
    );
    repo.commit('a folded document path');
    expect(check(repo.dir, []).code).toBe(0);
    repo.git('checkout', '-q', 'pr');
    repo.git('reset', '-q', '--hard', 'main');
    repo.git('rm', '-q', 'postmortems/kbi login review.md');
    repo.commit('drop it');
    const { pr, full } = repo.both();
    expect(full.codes).toEqual(['INC100', 'INC111']);
    expect(pr.codes).toEqual(full.codes);
  });

  it('regression (passes): with the standard name, an edit without touching the incident is still INC111', () => {
    const repo = sampleRepo();
    const doc = 'postmortems/2025-07-08-kbi-login-outage.md';
    repo.write(doc, repo.read(doc).replace('exhausted', 'did not exhaust'));
    repo.commit('soften');
    const { pr, full } = repo.both();
    expect(pr.codes).toEqual(['INC111']);
    expect(full.codes).toEqual(['INC111']);
  });
});

describe('PR check: the ledger', () => {
  it('a ledger file the PR adds re-checks the incidents it names (a breach makes a closed incident need a postmortem)', () => {
    const repo = sampleRepo();
    const entry: LedgerEntry = {
      key: `${CLOSED}/breach/recover`,
      kind: 'breach',
      incident: CLOSED,
      at: '2025-06-12T16:40:00+09:00',
      detail: {},
    };
    repo.write('ledger/2026/2026-11-28T00-00-00-000Z-pr.jsonl', `${JSON.stringify(entry)}\n`);
    repo.commit('a breach, recorded late');
    const { pr, full } = repo.both();
    expect(full.codes).toEqual(['INC060']);
    expect(pr.codes).toEqual(full.codes);
    expect(pr.code).toBe(1);
  });

  it('a committed ledger line rewritten to name another incident re-checks that incident (INC096 and INC060 in both modes)', () => {
    const repo = sampleRepo();
    const file = 'ledger/2026/2026-11-27T23-05-00-000Z-sample.jsonl';
    const lines = repo.read(file).split('\n');
    const entry: LedgerEntry = {
      key: `${CLOSED}/breach/recover`,
      kind: 'breach',
      incident: CLOSED,
      at: '2025-06-12T16:40:00+09:00',
      detail: {},
    };
    const at = lines.findIndex((l) => !l.includes(CLOSED) && l.includes('"kind":"tracking-comment"'));
    expect(at).toBeGreaterThanOrEqual(0);
    lines[at] = JSON.stringify(entry);
    repo.write(file, lines.join('\n'));
    repo.commit('rewrite a line');
    const { pr, full } = repo.both();
    expect(full.codes).toEqual(['INC060', 'INC096']);
    expect(pr.codes).toEqual(full.codes);
  });

  it('a ledger file the PR deletes, or renames while editing it, re-checks the incidents its lost lines named', () => {
    const file = 'ledger/2026/2026-11-27T23-05-00-000Z-sample.jsonl';
    const deleted = sampleRepo();
    deleted.git('rm', '-q', file);
    deleted.commit('drop the ledger');
    const gone = deleted.both();
    // Without its customer e-mails and pages, closed incidents now miss targets (INC060) their documents deny (INC103).
    expect(gone.full.codes).toEqual([
      'INC060',
      'INC060',
      'INC060',
      'INC060',
      'INC096',
      'INC103',
      'INC103',
      'INC103',
      'INC103',
      'INC103',
    ]);
    expect(gone.pr.codes).toEqual(gone.full.codes);

    const renamed = sampleRepo();
    const text = renamed.read(file);
    // Lose every customer e-mail (the notification clock) while moving the file.
    const kept = text
      .split('\n')
      .filter((l) => !l.includes('"kind":"customer-email"'))
      .join('\n');
    renamed.git('mv', file, 'ledger/2026/2026-11-27T23-05-00-000Z-moved.jsonl');
    renamed.write('ledger/2026/2026-11-27T23-05-00-000Z-moved.jsonl', kept);
    renamed.commit('move and trim');
    const moved = renamed.both();
    expect(moved.full.codes).toEqual(['INC060', 'INC096', 'INC103']);
    expect(moved.pr.codes).toEqual(moved.full.codes);
  });

  it('regression (passes): editing a committed ledger line (no id in the edit) is INC096 in both modes', () => {
    const repo = sampleRepo();
    const file = 'ledger/2026/2026-11-27T23-05-00-000Z-sample.jsonl';
    const lines = repo.read(file).split('\n');
    lines[2] = lines[2]!.replace('"update":1', '"update":2');
    repo.write(file, lines.join('\n'));
    repo.commit('edit');
    const { pr, full } = repo.both();
    expect(pr.codes).toEqual(['INC096']);
    expect(full.codes).toEqual(['INC096']);
  });
});

describe('PR check: --base itself', () => {
  it('--base "" (an unset variable in CI) is a usage error, not a check without the lifecycle rules', () => {
    const repo = sampleRepo();
    repo.git('rm', '-q', LATENCY);
    repo.commit('delete a merged incident');
    expect(check(repo.dir, ['--base', 'main']).codes).toEqual(['INC090']);
    const empty = check(repo.dir, ['--base', '']);
    expectNoStackTrace(empty);
    expect(empty.code).toBe(2);
    // Every spelling, and with --full too: one line naming the flag, nothing checked.
    for (const args of [['--base', ''], ['--base='], ['--base', '', '--full'], ['--full', '--base=']]) {
      const r = check(repo.dir, args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toEqual([
        expect.stringMatching(/^--base is empty; give it a value/),
      ]);
      expect(r.stdout).toBe('');
      expectNoStackTrace(r);
    }
  });

  it('regression (passes): a tag, a full SHA and a short SHA as --base judge the PR alike', () => {
    const repo = sampleRepo();
    repo.git('tag', 'v1', 'main');
    const sha = repo.git('rev-parse', 'main').trim();
    repo.write(LATENCY, repo.read(LATENCY).replace('severity: sev2', 'severity: sev9'));
    repo.commit('bad severity');
    for (const base of ['v1', sha, sha.slice(0, 10)])
      expect(check(repo.dir, ['--base', base]).codes, base).toEqual(['INC005']);
  });

  it('regression (passes): an unknown ref and a base sharing no history are exit 2, one line, no stack trace', () => {
    const repo = sampleRepo();
    repo.git('checkout', '-q', '--orphan', 'other');
    repo.commit('unrelated');
    repo.git('checkout', '-q', 'pr');
    for (const base of ['nope', 'other']) {
      const r = check(repo.dir, ['--base', base]);
      expect(r.code, base).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expectNoStackTrace(r);
    }
  });

  it('regression (passes): a catalog change falls back to the full check and says so', () => {
    const repo = sampleRepo();
    repo.write('config/catalog.yaml', `${repo.read('config/catalog.yaml')}# touched\n`);
    repo.write(LATENCY, repo.read(LATENCY).replace('severity: sev2', 'severity: sev9'));
    repo.commit('catalog');
    const r = runScript('check.ts', ['--base', 'main', '--now', NOW], { cwd: repo.dir });
    expect(r.stdout).toMatch(/^Full check: config\/catalog\.yaml changed since the merge-base/m);
    expect(r.stdout).toMatch(/18 incident files checked/);
    expect(r.code).toBe(1);
  });
});

describe('PR check: renames, odd names, links (regressions, all pass)', () => {
  const cases: [string, (repo: ReturnType<typeof sampleRepo>) => void, string[]][] = [
    ['case-only rename', (r) => r.git('mv', LATENCY, LATENCY.replace('kcps', 'KCPS')), ['INC008', 'INC091']],
    [
      'move to another year folder',
      (r) => (mkdirSync(join(r.dir, 'incidents/2027')), r.git('mv', LATENCY, 'incidents/2027/')),
      ['INC009', 'INC091'],
    ],
    [
      'rename with modifications',
      (r) => {
        const to = 'incidents/2026/2026-11-20-kcps-block-storage-slow.md';
        r.git('mv', LATENCY, to);
        r.write(
          to,
          r
            .read(to)
            .replace(/^id: .*/m, 'id: 2026-11-20-kcps-block-storage-slow')
            .replace('severity: sev2', 'severity: sev1'),
        );
      },
      ['INC091', 'INC092', 'INC126'],
    ],
    [
      'id differs from the file name',
      (r) => r.write(LATENCY, r.read(LATENCY).replace(/^id: .*/m, 'id: 2026-11-26-kbi-mfa-sms-delay')),
      ['INC008', 'INC080', 'INC080', 'INC092'],
    ],
    [
      'a line break in a file name',
      (r) => r.write('incidents/2026/2026-11-20-kcps-x\nevil.md', r.read(LATENCY)),
      ['INC008', 'INC080', 'INC080'],
    ],
    [
      'a full-width letter in a file name',
      (r) => r.write('incidents/2026/2026-11-20-kcps-ｘ.md', r.read(LATENCY)),
      ['INC008', 'INC080', 'INC080'],
    ],
    [
      'a symbolic link replacing a merged incident',
      (r) => (rmSync(join(r.dir, LATENCY)), symlinkSync('../../config/catalog.yaml', join(r.dir, LATENCY))),
      ['INC122'],
    ],
    [
      '.gitattributes marking incidents binary',
      (r) => (
        r.write('.gitattributes', 'incidents/** -diff binary\n'),
        r.write(LATENCY, r.read(LATENCY).replace('severity: sev2', 'severity: sev9'))
      ),
      ['INC005'],
    ],
  ];
  for (const [name, change, codes] of cases) {
    it(`${name}: --base finds what --full finds`, () => {
      const repo = sampleRepo();
      change(repo);
      repo.commit(name);
      const { pr, full } = repo.both();
      expect(full.codes).toEqual(codes);
      expect(pr.codes).toEqual(full.codes);
      expectNoStackTrace(pr);
    });
  }

  it('an untracked copy of an incident is judged with --base', () => {
    const repo = sampleRepo();
    repo.write('incidents/2026/2026-11-21-kcps-dup.md', repo.read(LATENCY));
    expect(check(repo.dir, ['--base', 'main']).codes).toEqual(['INC008', 'INC080', 'INC080']);
  });
});

describe('related incidents in the public JSON (core views on hostile data; a real build of the same data showed the same)', () => {
  const C = '2026-11-27-kcps-zzcustmarker-secret';
  const C2 = '2026-11-27-kcps-zzcustmarker-two';
  const P1 = '2026-11-27-kcps-relp1-alpha';
  const P2 = '2026-11-27-kcps-relp2-beta';
  const P3 = '2026-11-27-kcps-relp3-gamma';
  const M = '2026-11-28-kcps-network-upgrade-maintenance';

  function text(
    id: string,
    title: string,
    scope: 'public' | 'customer',
    related: string[],
    detected: string,
    updates: [string, string][],
    extra = '',
  ): string {
    return [
      '---',
      `id: ${id}`,
      `title: { ja: ${JSON.stringify(title)}, en: ${JSON.stringify(title)} }`,
      'service: kcps',
      'type: failure',
      'severity: sev3',
      `scope: ${scope}`,
      ...(scope === 'customer' ? ['customers: [cust-4f2a91]'] : []),
      'components: [{ id: object-storage, status: partial_outage }]',
      `detection: { source: monitoring, at: "${detected}" }`,
      `related: [${related.join(', ')}]`,
      'department: cloud-infra-ops',
      'manager: y-watanabe',
      'responder: h-ogawa',
      'updates:',
      ...updates.map(([at, status]) => `  - { at: "${at}", status: ${status}, message: { ja: 更新, en: update } }`),
      extra,
      '---',
      '',
    ].join('\n');
  }

  function data() {
    const files = new Map<string, string>([
      [
        C,
        text(C, 'ZZCUSTTITLE secret', 'customer', [P1], '2026-11-27T21:00:00+09:00', [
          ['2026-11-27T21:10:00+09:00', 'investigating'],
        ]),
      ],
      [
        C2,
        text(C2, 'ZZCUSTTITLE two', 'customer', [P3], '2026-11-27T21:00:00+09:00', [
          ['2026-11-27T21:10:00+09:00', 'investigating'],
        ]),
      ],
      // Links: a customer incident, another public one (twice), itself, a typo, a maintenance.
      [
        P1,
        text(
          P1,
          '<script>alert("x")</script> & "q"',
          'public',
          [C, P2, P2, P1, '2026-11-27-kcps-typo-nonexist', M],
          '2026-11-27T22:00:00+09:00',
          [['2026-11-27T22:05:00+09:00', 'investigating']],
        ),
      ],
      [
        P2,
        text(
          P2,
          '</script><img src=x onerror=alert(1)>',
          'public',
          [P1],
          '2026-11-27T23:30:00+09:00',
          [
            ['2026-11-27T23:40:00+09:00', 'investigating'],
            ['2026-11-28T00:20:00+09:00', 'resolved'],
          ],
          'recovered_at: "2026-11-28T00:10:00+09:00"',
        ),
      ],
      // Linked only to customer incidents, either way.
      [
        P3,
        text(P3, 'gamma', 'public', [C], '2026-11-27T20:00:00+09:00', [['2026-11-27T20:05:00+09:00', 'investigating']]),
      ],
    ]);
    const parsed = [...files].map(([id, t]) => incidentOrUndefined(`incidents/2026/${id}.md`, t));
    expect(parsed.every(Boolean)).toBe(true);
    const maintenance = incidentOrUndefined(
      `incidents/2026/${M}.md`,
      readFileSync(join(REPO_ROOT, `incidents/2026/${M}.md`)),
    )!;
    const ledger: LedgerEntry[] = [
      {
        key: `${P1}/page-live/1`,
        kind: 'page-live',
        incident: P1,
        at: '2026-11-27T22:10:00+09:00',
        detail: { updates: 1 },
      },
    ];
    return {
      incidents: publicIncidents([...parsed.map((i) => i!), maintenance]),
      catalog: readCatalog(REPO_ROOT),
      now: Date.parse(NOW),
      ledger: ledgerOf(ledger),
    };
  }

  it('never names a customer-scope incident, itself, a missing id or one id twice; each keeps its own clocks', () => {
    const d = data();
    const json = relatedJson(d, 'https://status.example');
    const out = JSON.stringify(json) + JSON.stringify(embedJson(d, 'https://status.example'));
    expect(out).not.toMatch(/zzcustmarker|ZZCUSTTITLE|typo-nonexist|cust-4f2a91/);
    const byId = new Map(json.incidents.map((i) => [i.id, i]));
    expect([...byId.keys()].sort()).toEqual([P1, P2, M].sort());
    expect(byId.get(P1)!.related).toEqual([P2, M]);
    expect(byId.get(P2)!.related).toEqual([P1]);
    expect(byId.get(P1)!.clocks).toMatchObject({
      started_at: '2026-11-27T22:00:00+09:00',
      notify: { state: 'met', at: '2026-11-27T22:10:00+09:00' },
      recover: { state: 'missed', at: null },
    });
    expect(byId.get(P2)!.clocks).toMatchObject({
      started_at: '2026-11-27T23:30:00+09:00',
      notify: { state: 'missed', at: null },
      recover: { state: 'met', at: '2026-11-28T00:10:00+09:00' },
    });
    expect(byId.get(M)!.clocks).toBeNull();
    // Titles are data in JSON: JSON.stringify escapes the quotes; the text stays as written.
    expect(byId.get(P1)!.name.en).toBe('<script>alert("x")</script> & "q"');
  });
});
