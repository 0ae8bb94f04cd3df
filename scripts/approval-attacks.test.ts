/**
 * "Approvals are facts, not fields": each attack from the issue on a real
 * repository, through the real CLIs. Each must fail with a message that says
 * what right looks like; the legitimate path still passes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE_FILE, baseText, REPO_ROOT } from '../test/builders.ts';
import { runScript } from '../test/helpers/run-script.ts';
import { createTempRepo, type TempRepo } from '../test/helpers/temp-repo.ts';
import { postmortemDoc } from '../test/rule-cases.ts';

const ID = '2026-11-20-kcps-block-storage-latency';
const DOC = `postmortems/${ID}.md`;
const NOW = '2026-11-27T12:00:00+09:00';
const approved = (approvers: string, at = '2026-11-25T10:00:00+09:00') =>
  baseText
    .replace(
      'postmortem:\n  status: draft',
      `postmortem:\n  status: approved\n  approvers: [${approvers}]\n  approved_at: "${at}"\n  document: ${DOC}\n  summary:\n    ja: 要約\n    en: Summary`,
    )
    .replace('status: open', 'status: done');
const closed = (text: string) =>
  text.replace('\n---\nStorage node', '\nclosed_at: "2026-11-26T10:00:00+09:00"\n---\nStorage node');

let repo: TempRepo;
beforeEach(() => {
  repo = createTempRepo();
  repo.write(DOC, postmortemDoc());
  // The page went live within the notification target, so the postmortem need explain no breach.
  repo.write(
    'ledger/2026/live.jsonl',
    `${JSON.stringify({ key: `${ID}/page-live/1`, kind: 'page-live', incident: ID, at: '2026-11-20T10:17:00+09:00', detail: { updates: 1 } })}\n`,
  );
});
afterEach(() => repo.cleanup());

const check = (base?: string) =>
  runScript('check.ts', ['--now', NOW, ...(base ? ['--base', base] : [])], { cwd: repo.dir });

describe('approvals are facts, not fields', () => {
  it('a legitimate approval (manager and service owner, after resolution) passes', () => {
    repo.write(
      BASE_FILE,
      baseText.replace('postmortem:\n  status: draft', `postmortem:\n  status: in_review\n  document: ${DOC}`),
    );
    repo.commit('in review');
    repo.write(BASE_FILE, approved('t-sato, h-kimura'));
    const r = check('HEAD');
    expect(r.stdout).toContain('no problems');
    expect(r.code).toBe(0);
  });

  it('correction of approvers on a closed incident: refused by the CLI and by the checker (INC110)', () => {
    repo.write(BASE_FILE, closed(approved('t-sato, h-kimura')));
    repo.commit('closed');
    const r = runScript(
      'incident.ts',
      [
        'correct',
        ID,
        '--now',
        NOW,
        '--field',
        'postmortem.approvers',
        '--value',
        '[t-sato, k-tanaka]',
        '--reason',
        'typo',
        '--by',
        'k-tanaka',
      ],
      { cwd: repo.dir },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Not written: CI would reject this correct\./);
    expect(r.stderr).toContain(
      'INC110  correction 1 changes postmortem.approvers; an approval is proven by reviews on a pull request and is never corrected',
    );
    expect(r.stderr).toContain('hint: Never correct postmortem.status, approvers, approved_at or document.');
    expect(check('HEAD').code).toBe(0);
  });

  it('an approved document rewritten with a trivial correction riding along fails against the base (INC111)', () => {
    repo.write(BASE_FILE, closed(approved('t-sato, h-kimura')));
    repo.commit('closed');
    repo.write(
      DOC,
      postmortemDoc((s) =>
        s.map((x) =>
          x.startsWith('## Root causes') ? '## Root causes and contributing factors\n\nNobody could have known.\n' : x,
        ),
      ),
    );
    const trivial = runScript(
      'incident.ts',
      [
        'correct',
        ID,
        '--now',
        NOW,
        '--field',
        'updates[0].message.en',
        '--value',
        '"Some block-storage volumes show elevated write latency. We are investigating."',
        '--reason',
        'hyphen',
        '--by',
        'k-tanaka',
      ],
      { cwd: repo.dir },
    );
    expect(trivial.code).toBe(0);
    const r = check('HEAD');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${DOC}:1:1  INC111  ${DOC} was changed after its approval on 2026-11-25T10:00:00+09:00; an approved postmortem is frozen until it is approved again`,
    );
    // Checked in a worker thread too (the file split across threads), the document is still frozen.
    const other = 'incidents/2025/2025-10-15-kcps-hypervisor-vulnerability.md';
    repo.write(other, readFileSync(join(REPO_ROOT, other)));
    repo.write(
      'postmortems/2025-10-15-kcps-hypervisor-vulnerability.md',
      readFileSync(join(REPO_ROOT, 'postmortems/2025-10-15-kcps-hypervisor-vulnerability.md')),
    );
    const threaded = runScript('check.ts', ['--now', NOW, '--base', 'HEAD'], {
      cwd: repo.dir,
      env: { TEST_CHECK_PER_THREAD: '1' },
    });
    expect(threaded.stdout).toContain(`${DOC}:1:1  INC111`);
    repo.remove(other);
    // Removing it is no better.
    repo.remove(DOC);
    expect(check('HEAD').stdout).toContain(`${DOC} was removed after its approval`);
  });

  it('fabricated approvers pushed directly fail the recheck on main (INC112), whatever the base', () => {
    repo.write(
      BASE_FILE,
      baseText.replace('postmortem:\n  status: draft', `postmortem:\n  status: in_review\n  document: ${DOC}`),
    );
    repo.commit('in review');
    repo.write(BASE_FILE, approved('nobody-1, nobody-2', '2020-01-01T00:00:00+09:00'));
    const r = check('HEAD');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'INC112  approver nobody-1 is not a manager of cloud-infra-ops or a service owner of kcps in config/catalog.yaml',
    );
    expect(r.stdout).toContain('INC113  approved_at 2020-01-01T00:00:00+09:00 is before the incident was resolved');
    expect(r.stdout).toContain('hint: postmortem.approvers names one distinct person per required role');
  });

  it('a rewritten approval (same time, other approvers) fails even where each approver holds a role (INC111)', () => {
    repo.write(BASE_FILE, approved('t-sato, h-kimura'));
    repo.commit('approved');
    repo.write(BASE_FILE, approved('y-watanabe, h-kimura'));
    const r = check('HEAD');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('INC111  the approval of this postmortem (2026-11-25T10:00:00+09:00) was rewritten');
  });
});
