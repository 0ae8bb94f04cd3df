import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempRepo, type TempRepo } from '../test/helpers/temp-repo.ts';
import { runScript } from '../test/helpers/run-script.ts';

let repo: TempRepo;
beforeEach(() => {
  repo = createTempRepo();
});
afterEach(() => repo.cleanup());

const ID = '2026-11-27-kcps-block-storage-latency';
const FILE = `incidents/2026/${ID}.md`;
const incident = (args: string[], input?: string) => runScript('incident.ts', args, { cwd: repo.dir, input });
const check = () =>
  runScript('check.ts', ['--now', '2026-11-27T12:00:00+09:00', '--format', 'json'], { cwd: repo.dir });
const declare = () =>
  incident([
    'new',
    '--now',
    '2026-11-27T10:20:00+09:00',
    '--service',
    'kcps',
    '--severity',
    'sev3',
    '--components',
    'block-storage:partial_outage,virtual-servers',
    '--title-ja',
    'ブロックストレージの遅延',
    '--title-en',
    'Block storage latency',
    '--source',
    'monitoring',
    '--detected-at',
    '2026-11-27T10:02:00+09:00',
    '--department',
    'cloud-infra-ops',
    '--responder',
    'k-tanaka',
    '--ref',
    'ALM-1',
  ]);

describe('npm run incident', () => {
  it('new: fills id, timestamps and catalog defaults, writes the standard layout, prints the path and next step', async () => {
    const r = declare();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Wrote ${FILE}\nNext: git add ${FILE}`));
    await expect(readFileSync(join(repo.dir, FILE), 'utf8')).toMatchFileSnapshot('./__golden__/incident-new.md');
    expect(JSON.parse(check().stdout)).toEqual([]);
  });

  it('update → resolve → close walks the lifecycle; every step passes the checker', () => {
    declare();
    // The deploy verified the page live at 10:22, within the 30 minutes: no breach, so sev3 needs no postmortem.
    repo.write(
      'ledger/2026/live.jsonl',
      `${JSON.stringify({ key: `${ID}/page-live/1`, kind: 'page-live', incident: ID, at: '2026-11-27T10:22:00+09:00', detail: { updates: 1 } })}\n`,
    );
    expect(
      incident([
        'update',
        ID,
        '--now',
        '2026-11-27T10:40:00+09:00',
        '--status',
        'identified',
        '--message-ja',
        '原因を特定しました。',
        '--message-en',
        'We found the cause.',
      ]).code,
    ).toBe(0);
    expect(
      incident(['resolve', ID, '--now', '2026-11-27T11:10:00+09:00', '--recovered-at', '2026-11-27T11:05:00+09:00'])
        .code,
    ).toBe(0);
    const text = readFileSync(join(repo.dir, FILE), 'utf8');
    expect(text).toContain('recovered_at: "2026-11-27T11:05:00+09:00"');
    expect(text.match(/status: (investigating|identified|resolved)\n/g)).toEqual([
      'status: investigating\n',
      'status: identified\n',
      'status: resolved\n',
    ]);
    // Closed by hand (closing through the CLI needs the ledger's evidence; the refusal comes before any of that).
    writeFileSync(
      join(repo.dir, FILE),
      readFileSync(join(repo.dir, FILE), 'utf8').replace(/\n---\n/, '\nclosed_at: "2026-11-27T11:30:00+09:00"\n---\n'),
    );
    expect(JSON.parse(check().stdout)).toEqual([]);
  });

  it('a missed notification target forces a postmortem: close is refused until it is approved', () => {
    declare();
    repo.write(
      'ledger/2026/live.jsonl',
      `${JSON.stringify({ key: `${ID}/page-live/1`, kind: 'page-live', incident: ID, at: '2026-11-27T10:35:00+09:00', detail: { updates: 1 } })}\n`,
    );
    expect(
      incident(['resolve', ID, '--now', '2026-11-27T11:10:00+09:00', '--recovered-at', '2026-11-27T11:05:00+09:00'])
        .code,
    ).toBe(0);
    const r = incident(['close', ID, '--now', '2026-11-27T11:30:00+09:00']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'INC060  closed before its postmortem was approved; a postmortem is required because the customer-notification target was missed',
    );
    const pm = incident(['postmortem', ID, '--now', '2026-11-27T11:40:00+09:00']);
    expect(pm.code).toBe(0);
    const doc = readFileSync(join(repo.dir, `postmortems/${ID}.md`), 'utf8');
    expect(doc).toContain(
      '- Customer notification: **missed**, 33 min against a deadline of 2026-11-27 10:32 JST; notified 2026-11-27 10:35 JST, page verified live (ledger page-live)',
    );
    expect(doc).toContain('TODO: why the notification target was missed.');
  });

  it('refuses an invalid transition with the message CI gives, and writes nothing', async () => {
    declare();
    incident(['resolve', ID, '--now', '2026-11-27T11:10:00+09:00']);
    const before = readFileSync(join(repo.dir, FILE), 'utf8');
    const r = incident([
      'update',
      ID,
      '--now',
      '2026-11-27T11:30:00+09:00',
      '--status',
      'monitoring',
      '--message-ja',
      '再発',
      '--message-en',
      'Again',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Not written: CI would reject this update\./);
    expect(r.stderr).toContain(`${FILE}:34:5  INC031  update 3: "resolved" → "monitoring" is not allowed`);
    expect(readFileSync(join(repo.dir, FILE), 'utf8')).toBe(before);
  });

  it('a reopen needs a reason and clears the old recovery time', () => {
    declare();
    incident(['resolve', ID, '--now', '2026-11-27T11:10:00+09:00']);
    const reopen = [
      'update',
      ID,
      '--now',
      '2026-11-27T11:30:00+09:00',
      '--status',
      'investigating',
      '--message-ja',
      '再発しました。',
      '--message-en',
      'It is back.',
    ];
    expect(incident(reopen).code).toBe(2);
    expect(incident([...reopen, '--reopen-reason', 'Latency returned']).code).toBe(0);
    expect(readFileSync(join(repo.dir, FILE), 'utf8')).not.toContain('recovered_at');
  });

  it('correct: changes a published fact and records old, new, reason and who', () => {
    declare();
    repo.commit('declare');
    const r = incident([
      'correct',
      ID,
      '--now',
      '2026-11-27T12:00:00+09:00',
      '--field',
      'detection.at',
      '--value',
      '"2026-11-27T09:58:00+09:00"',
      '--reason',
      'The alarm log shows an earlier alert',
      '--by',
      't-sato',
    ]);
    expect(r.code).toBe(0);
    const text = readFileSync(join(repo.dir, FILE), 'utf8');
    expect(text).toContain(
      'field: detection.at\n    old: "2026-11-27T10:02:00+09:00"\n    new: "2026-11-27T09:58:00+09:00"',
    );
    const againstBase = runScript('check.ts', ['--now', '2026-11-27T12:05:00+09:00', '--base', 'HEAD'], {
      cwd: repo.dir,
    });
    expect(againstBase.code).toBe(0);
  });

  it('maintenance: schedules a window with maintenance statuses', () => {
    const r = incident([
      'maintenance',
      '--now',
      '2026-11-27T10:00:00+09:00',
      '--service',
      'kbi',
      '--components',
      'login,id-admin-console',
      '--title-ja',
      'KBI 基盤メンテナンス',
      '--title-en',
      'KBI platform maintenance',
      '--start',
      '2026-12-09T01:00:00+09:00',
      '--end',
      '2026-12-09T04:00:00+09:00',
      '--department',
      'id-service-ops',
      '--responder',
      'n-suzuki',
    ]);
    expect(r.code).toBe(0);
    const text = readFileSync(join(repo.dir, 'incidents/2026/2026-12-09-kbi-platform-maintenance.md'), 'utf8');
    expect(text).toContain('status: scheduled');
    expect(text).toContain('status: under_maintenance');
    expect(text).toContain('manager: r-yamamoto');
  });

  it('asks for what is missing when interactive, with defaults and choices', () => {
    const answers = [
      'kcps',
      'dns:major_outage',
      '',
      '',
      'sev2',
      'DNS 障害',
      'DNS outage',
      '',
      '',
      '',
      '',
      '',
      'network-ops',
      '',
      'd-ito',
      '',
      '',
      '',
    ].join('\n');
    const r = incident(['new', '--interactive', '--now', '2026-11-27T10:20:00+09:00'], `${answers}\n`);
    expect(r.stderr).toContain('? Service [kcps/kbi]: ');
    expect(r.code).toBe(0);
    const text = readFileSync(join(repo.dir, 'incidents/2026/2026-11-27-kcps-dns-outage.md'), 'utf8');
    expect(text).toContain('manager: k-nakamura');
    expect(text).toContain('at: "2026-11-27T10:20:00+09:00"');
  });

  it('postmortem: writes the blameless template with the facts filled in and links it; review needs it written', () => {
    declare();
    incident(['resolve', ID, '--now', '2026-11-27T11:10:00+09:00', '--recovered-at', '2026-11-27T11:05:00+09:00']);
    const r = incident(['postmortem', ID, '--now', '2026-11-27T12:00:00+09:00']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Wrote postmortems/${ID}.md: replace every TODO`);
    const doc = readFileSync(join(repo.dir, `postmortems/${ID}.md`), 'utf8');
    expect(doc).toContain('- Recovery: **met**, 1 h 3 min against a deadline of 2026-11-27 12:02 JST');
    expect(doc).toContain('| 2026-11-27 10:02 JST | 2026-11-27 01:02 UTC | Detected by monitoring (ALM-1) |');
    expect(readFileSync(join(repo.dir, FILE), 'utf8')).toContain(
      `postmortem:\n  status: draft\n  document: postmortems/${ID}.md`,
    );
    const check = runScript('check.ts', ['--now', '2026-11-27T12:05:00+09:00'], { cwd: repo.dir });
    expect(check.code).toBe(0);
    const text = readFileSync(join(repo.dir, FILE), 'utf8').replace('status: draft', 'status: in_review');
    writeFileSync(join(repo.dir, FILE), text);
    const inReview = runScript('check.ts', ['--now', '2026-11-27T12:05:00+09:00', '--format', 'json'], {
      cwd: repo.dir,
    });
    expect(inReview.code).toBe(1);
    expect(
      new Set(JSON.parse(inReview.stdout).map((f: { code: string; file: string }) => `${f.code} ${f.file}`)),
    ).toEqual(new Set([`INC102 postmortems/${ID}.md`]));
  });

  it('without a TTY, a missing flag is a usage error naming the flag', () => {
    const r = incident(['new', '--service', 'kcps']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^missing --components/);
  });

  it('an unknown id or command is a usage error', () => {
    expect(incident(['update', 'nope']).code).toBe(2);
    expect(incident(['frobnicate']).code).toBe(2);
  });
});

describe('refuses what nobody can have meant: one line, exit 2, nothing written', () => {
  const NO_TRACE = /\n\s+at |Internal error/;
  const refused = (args: string[], firstLine: RegExp | string) => {
    const before = listing();
    const r = incident(args);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(NO_TRACE);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    if (typeof firstLine === 'string') expect(r.stderr).toContain(firstLine);
    else expect(r.stderr).toMatch(firstLine);
    expect(listing()).toEqual(before);
    return r;
  };
  const listing = () =>
    repo.git('status', '--porcelain', '--untracked-files=all') +
    (() => {
      try {
        return readFileSync(join(repo.dir, FILE), 'utf8');
      } catch {
        return '';
      }
    })();
  const MAINT = 'incidents/2026/2026-12-09-kbi-platform-maintenance.md';
  const schedule = () =>
    incident([
      'maintenance',
      '--now',
      '2026-11-27T10:00:00+09:00',
      '--service',
      'kbi',
      '--components',
      'login',
      '--title-ja',
      'KBI 基盤メンテナンス',
      '--title-en',
      'KBI platform maintenance',
      '--start',
      '2026-12-09T01:00:00+09:00',
      '--end',
      '2026-12-09T04:00:00+09:00',
      '--department',
      'id-service-ops',
      '--responder',
      'n-suzuki',
    ]);

  it('customers without customer scope', () => {
    refused(
      [
        'new',
        '--now',
        '2026-11-27T10:20:00+09:00',
        '--service',
        'kcps',
        '--customers',
        'cust-4f2a91',
        '--severity',
        'sev3',
      ],
      /^--customers names customers, but the scope is public \(the default\)/,
    );
  });

  it('an unparseable time (--detected-at yesterday)', () => {
    refused(
      [
        'new',
        '--now',
        '2026-11-27T10:20:00+09:00',
        '--service',
        'kcps',
        '--severity',
        'sev3',
        '--components',
        'dns',
        '--title-ja',
        'あ',
        '--title-en',
        'DNS',
        '--detected-at',
        'yesterday',
        '--department',
        'network-ops',
        '--responder',
        'd-ito',
      ],
      '--detected-at "yesterday": not a time',
    );
    declare();
    refused(
      ['resolve', ID, '--now', '2026-11-27T11:10:00+09:00', '--recovered-at', '11:05'],
      '--recovered-at "11:05": not a time',
    );
  });

  it('resolving what is resolved', () => {
    declare();
    expect(
      incident(['resolve', ID, '--now', '2026-11-27T11:10:00+09:00', '--recovered-at', '2026-11-27T11:05:00+09:00'])
        .code,
    ).toBe(0);
    refused(
      ['resolve', ID, '--now', '2026-11-27T11:20:00+09:00', '--recovered-at', '2026-11-27T10:50:00+09:00'],
      `Not written: ${ID} is already resolved (recovered_at 2026-11-27T11:05:00+09:00)`,
    );
    refused(
      [
        'update',
        ID,
        '--now',
        '2026-11-27T11:20:00+09:00',
        '--status',
        'resolved',
        '--message-ja',
        'あ',
        '--message-en',
        'Done',
      ],
      `Not written: ${ID} is already resolved`,
    );
  });

  it('resolving a maintenance, and maintenance statuses before the window', () => {
    expect(schedule().code).toBe(0);
    const id = '2026-12-09-kbi-platform-maintenance';
    refused(
      ['resolve', id, '--now', '2026-11-27T11:00:00+09:00'],
      `Not written: ${id} is a maintenance: it is not resolved but completed`,
    );
    refused(
      [
        'update',
        id,
        '--now',
        '2026-11-27T11:00:00+09:00',
        '--status',
        'in_progress',
        '--message-ja',
        '開始',
        '--message-en',
        'Started',
      ],
      /^Not written: "in_progress" at 2026-11-27T11:00:00\+09:00 is before the maintenance window opens \(2026-12-09T01:00:00\+09:00/,
    );
    // Within the stated tolerance (60 minutes early) it is accepted.
    expect(
      incident([
        'update',
        id,
        '--now',
        '2026-12-09T00:10:00+09:00',
        '--status',
        'in_progress',
        '--message-ja',
        '開始',
        '--message-en',
        'Started',
      ]).code,
    ).toBe(0);
    expect(readFileSync(join(repo.dir, MAINT), 'utf8')).toContain('status: in_progress');
  });

  it('an update of a closed incident says first that it is closed', () => {
    declare();
    incident(['resolve', ID, '--now', '2026-11-27T11:10:00+09:00', '--recovered-at', '2026-11-27T11:05:00+09:00']);
    // Closed by hand (closing through the CLI needs the ledger's evidence; the refusal comes before any of that).
    writeFileSync(
      join(repo.dir, FILE),
      readFileSync(join(repo.dir, FILE), 'utf8').replace(/\n---\n/, '\nclosed_at: "2026-11-27T11:30:00+09:00"\n---\n'),
    );
    refused(
      [
        'update',
        ID,
        '--now',
        '2026-11-27T12:00:00+09:00',
        '--status',
        'investigating',
        '--reopen-reason',
        'x',
        '--message-ja',
        'あ',
        '--message-en',
        'Again',
      ],
      /^Not written: this incident is closed \(closed_at 2026-11-27T11:30:00\+09:00\)/,
    );
  });

  it('a flag the command does not take', () => {
    refused(
      ['maintenance', '--severity', 'sev1'],
      /^--severity does not apply to maintenance \(usage: npm run incident -- maintenance/,
    );
  });

  it('--help of every command lists its required flags, the catalog choices and the component-impact syntax', () => {
    const help = incident(['new', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(
      'required: --service VALUE --severity VALUE --components LIST --title-ja TEXT --title-en TEXT --department VALUE --responder LOGIN',
    );
    expect(help.stdout).toContain('--department: cloud-infra-ops (kcps), network-ops (kcps)');
    expect(help.stdout).toContain('--service: kcps, kbi');
    expect(help.stdout).toContain('component impact: id[:status], comma-separated');
    for (const command of ['update', 'resolve', 'maintenance', 'correct', 'close', 'postmortem']) {
      const r = incident([command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^usage: npm run incident -- ${command}`));
      expect(r.stdout).toContain('required: ');
    }
    expect(incident(['update', '--help']).stdout).toContain(
      'required: --status VALUE --message-ja TEXT --message-en TEXT',
    );
    expect(incident(['maintenance', '--help']).stdout).toContain('kbi: login, mfa');
    // Ten separate processes: on a loaded machine they need more than the default 30 s.
  }, 120_000);
});

describe('the fast lane', () => {
  it('update --push validates, commits and pushes straight to the default branch of a bare remote', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const bare = mkdtempSync(join(tmpdir(), 'fast-lane-remote-'));
    execFileSync('git', ['init', '-q', '--bare', '-b', 'main', bare]);
    repo.git('config', 'user.name', 'k-tanaka');
    repo.git('config', 'user.email', 'k-tanaka@invalid');
    declare();
    repo.commit('declare');
    repo.git('remote', 'add', 'origin', bare);
    repo.git('push', '-q', 'origin', 'main');
    const r = incident([
      'update',
      ID,
      '--push',
      '--now',
      '2026-11-27T10:40:00+09:00',
      '--status',
      'identified',
      '--message-ja',
      '原因を特定しました。',
      '--message-en',
      'We found the cause.',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Pushed [0-9a-f]{12} to origin\/main: only /);
    const pushed = execFileSync('git', ['show', `main:${FILE}`], { cwd: bare, encoding: 'utf8' });
    expect(pushed).toContain('status: identified');
    expect(execFileSync('git', ['log', '-1', '--format=%s', 'main'], { cwd: bare, encoding: 'utf8' }).trim()).toBe(
      `${ID}: update (identified)`,
    );
    // An invalid update is refused before anything is committed or pushed.
    const bad = incident([
      'update',
      ID,
      '--push',
      '--now',
      '2026-11-27T10:45:00+09:00',
      '--status',
      'investigating',
      '--message-ja',
      'x',
      '--message-en',
      'y',
      '--at',
      '2026-11-27T10:00:00+09:00',
    ]);
    expect(bad.code).toBe(1);
    expect(execFileSync('git', ['rev-list', '--count', 'main'], { cwd: bare, encoding: 'utf8' }).trim()).toBe('2');
  });

  it('closure never takes the fast lane', () => {
    declare();
    const r = incident(['close', ID, '--push', '--now', '2026-11-27T11:30:00+09:00']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '--push is for live updates (update, resolve); close goes through a reviewed pull request',
    );
  });
});
