/**
 * The rule corpus: each case breaks the valid base fixture in one way and
 * names the rule it must trip. Golden files pin the full text output.
 */
import { readFileSync } from 'node:fs';
import { BASE_FILE, baseText } from './builders.ts';
import { keys, ledgerOf, type Ledger, type LedgerEntry } from '../src/core/ledger/ledger.ts';

export interface FileCase {
  code: string;
  name: string;
  file?: string;
  content: string | Uint8Array;
  /** Postmortem documents the case runs with (document rules are skipped without them). */
  documents?: ReadonlyMap<string, string>;
  /** The SLA engine's ledger the case runs with (notification breaches are judged only with it). */
  ledger?: Ledger;
}

export interface BaseCase {
  code: string;
  name: string;
  base: string;
  head: string;
}

/** Replaces the n-th (0-based) occurrence of `find`; throws if absent so a case cannot silently stop breaking anything. */
export function replaceNth(text: string, find: string, replacement: string, n = 0): string {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(find, at + 1);
    if (at < 0) throw new Error(`case setup: "${find}" occurrence ${n} not found`);
  }
  return text.slice(0, at) + replacement + text.slice(at + find.length);
}

const edit = (find: string, replacement: string, n = 0) => replaceNth(baseText, find, replacement, n);
const appendField = (yaml: string, text = baseText) => {
  const end = text.indexOf('\n---\n', 4);
  return text.slice(0, end) + `\n${yaml}` + text.slice(end);
};
const appendUpdate = (yaml: string) => edit('recovered_at:', `${yaml}\nrecovered_at:`);

export const FILE_CASES: FileCase[] = [
  { code: 'INC001', name: 'empty', content: '' },
  { code: 'INC001', name: 'binary', content: new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01]) },
  {
    code: 'INC001',
    name: 'not-utf8',
    content: new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0x69, 0x64, 0x3a, 0x20, 0xff, 0xfe, 0x0a]),
  },
  { code: 'INC001', name: 'too-large', content: new Uint8Array(1024 * 1024 + 1).fill(0x61) },
  { code: 'INC002', name: 'no-front-matter', content: 'Storage was slow this morning.\n' },
  { code: 'INC002', name: 'unclosed', content: baseText.replace(/\n---\n[\s\S]*$/, '\n') },
  { code: 'INC003', name: 'yaml-syntax', content: edit('severity: sev2', 'severity: [sev2') },
  { code: 'INC003', name: 'duplicate-key', content: edit('severity: sev2', 'severity: sev2\nseverity: sev3') },
  { code: 'INC004', name: 'missing-field', content: edit('manager: t-sato\n', '') },
  { code: 'INC005', name: 'wrong-enum', content: edit('severity: sev2', 'severity: critical') },
  { code: 'INC005', name: 'wrong-type', content: edit('scope: public', 'scope: 1') },
  { code: 'INC006', name: 'unknown-field', content: edit('severity: sev2', 'severty: sev2') },
  { code: 'INC007', name: 'naive-datetime', content: edit('"2026-11-20T10:41:00+09:00"', '"2026-11-20T10:41:00"') },
  {
    code: 'INC007',
    name: 'date-only',
    content: edit('recovered_at: "2026-11-20T11:04:00+09:00"', 'recovered_at: 2026-11-20'),
  },
  { code: 'INC008', name: 'id-not-file-stem', file: 'incidents/2026/2026-11-20-kcps-storage.md', content: baseText },
  {
    code: 'INC009',
    name: 'wrong-year-folder',
    file: 'incidents/2025/2026-11-20-kcps-block-storage-latency.md',
    content: baseText,
  },
  {
    code: 'INC010',
    name: 'id-date-not-start-date',
    file: 'incidents/2026/2026-11-21-kcps-block-storage-latency.md',
    content: edit('id: 2026-11-20-kcps-block-storage-latency', 'id: 2026-11-21-kcps-block-storage-latency'),
  },
  { code: 'INC020', name: 'unknown-service', content: edit('service: kcps', 'service: kcpz') },
  {
    code: 'INC140',
    name: 'related-to-itself',
    content: edit(
      'department: cloud-infra-ops',
      'related: [2026-11-20-kcps-block-storage-latency]\ndepartment: cloud-infra-ops',
    ),
  },
  { code: 'INC021', name: 'unknown-component', content: edit('id: block-storage', 'id: blockstorage') },
  { code: 'INC021', name: 'component-twice', content: edit('id: virtual-servers', 'id: block-storage') },
  {
    code: 'INC022',
    name: 'unknown-department',
    content: edit('department: cloud-infra-ops', 'department: storage-ops'),
  },
  { code: 'INC023', name: 'manager-of-other-department', content: edit('manager: t-sato', 'manager: k-nakamura') },
  {
    code: 'INC030',
    name: 'updates-out-of-order',
    content: edit('"2026-11-20T11:05:00+09:00"', '"2026-11-20T10:30:00+09:00"'),
  },
  {
    code: 'INC031',
    name: 'resolved-then-monitoring',
    content: replaceNth(edit('status: monitoring', 'status: resolved'), 'status: resolved', 'status: monitoring', 1),
  },
  {
    code: 'INC032',
    name: 'reopen-without-reason',
    content: appendUpdate(
      '  - at: "2026-11-20T11:50:00+09:00"\n    status: investigating\n    message:\n      ja: 再発しました。\n      en: It is back.',
    ),
  },
  {
    code: 'INC033',
    name: 'detection-after-first-update',
    content: edit('at: "2026-11-20T10:02:00+09:00"', 'at: "2026-11-20T10:20:00+09:00"'),
  },
  {
    code: 'INC034',
    name: 'future-timestamp',
    content: edit('"2026-11-20T11:35:00+09:00"', '"2026-11-30T11:35:00+09:00"'),
  },
  {
    code: 'INC035',
    name: 'resolved-without-recovery',
    content: edit('recovered_at: "2026-11-20T11:04:00+09:00"\n', ''),
  },
  {
    code: 'INC035',
    name: 'recovered-after-resolved',
    content: edit('recovered_at: "2026-11-20T11:04:00+09:00"', 'recovered_at: "2026-11-20T11:40:00+09:00"'),
  },
  {
    code: 'INC036',
    name: 'closed-before-last-update',
    content: appendField(
      'closed_at: "2026-11-20T11:30:00+09:00"',
      edit(
        'status: draft',
        'status: approved\n  approvers: [t-sato, h-kimura]\n  approved_at: "2026-11-20T11:20:00+09:00"\n  summary:\n    ja: 要約\n    en: Summary',
      ).replace('status: open', 'status: done'),
    ),
  },
  { code: 'INC040', name: 'customer-scope-without-customers', content: edit('scope: public', 'scope: customer') },
  {
    code: 'INC041',
    name: 'public-scope-names-customers',
    content: edit('scope: public', 'scope: public\ncustomers: [cust-4f2a91]'),
  },
  { code: 'INC042', name: 'email-address', content: `${baseText}Escalated to storage-lead@example.co.jp by phone.\n` },
  { code: 'INC050', name: 'maintenance-without-window', content: edit('type: failure', 'type: maintenance') },
  {
    code: 'INC051',
    name: 'incident-under-maintenance',
    content: edit('status: degraded_performance', 'status: under_maintenance'),
  },
  { code: 'INC060', name: 'closed-before-postmortem', content: appendField('closed_at: "2026-11-21T10:00:00+09:00"') },
  { code: 'INC061', name: 'approved-without-approvers', content: edit('status: draft', 'status: approved') },
  { code: 'INC062', name: 'prevention-overdue', content: edit('due: "2026-12-18"', 'due: "2026-11-01"') },
  { code: 'INC063', name: 'risk-accepted-without-owner', content: edit('status: open', 'status: risk_accepted') },
  {
    code: 'INC104',
    name: 'next-update-before-update',
    content: edit(
      '    status: investigating\n',
      '    status: investigating\n    next_update_at: "2026-11-20T10:00:00+09:00"\n',
    ),
  },
  { code: 'INC064', name: 'postmortem-missing', content: edit('postmortem:\n  status: draft\n', '') },
  {
    code: 'INC070',
    name: 'correction-unknown-field',
    content: appendField(
      'corrections:\n  - at: "2026-11-21T09:00:00+09:00"\n    field: detection.time\n    old: "2026-11-20T10:12:00+09:00"\n    new: "2026-11-20T10:02:00+09:00"\n    reason: Alarm log shows an earlier alert\n    by: t-sato',
    ),
  },
];

/** A few nested aliases in a correction: 3 KB of text that expands to gigabytes in any reader that walks it. */
export const LAUGHS = `corrections:\n  - at: "2026-11-21T09:00:00+09:00"\n    field: impact.en\n    old: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n${Array.from(
  { length: 8 },
  (_, i) =>
    `    x${i}: &${String.fromCharCode(98 + i)} [${Array(9)
      .fill(`*${String.fromCharCode(97 + i)}`)
      .join(', ')}]`,
).join('\n')}\n    new: *i\n    reason: r\n    by: t-sato`;

FILE_CASES.push(
  { code: 'INC120', name: 'alias-bomb', content: appendField(LAUGHS) },
  { code: 'INC120', name: 'merge-key', content: edit('detection:\n', 'detection:\n  <<: { source: monitoring }\n') },
  { code: 'INC120', name: 'custom-tag', content: edit('severity: sev2', 'severity: !!python/object sev2') },
  { code: 'INC120', name: 'too-deep', content: appendField(`notes: ${'['.repeat(5000)}${']'.repeat(5000)}`) },
);

const EN_MESSAGE = 'en: Some block storage volumes show elevated write latency. We are investigating.';
FILE_CASES.push(
  {
    code: 'INC042',
    name: 'email-hex-escape',
    content: edit(EN_MESSAGE, 'en: "Write to storage-lead\\x40example.co.jp for details."'),
  },
  {
    code: 'INC042',
    name: 'email-unicode-escape',
    content: edit(EN_MESSAGE, 'en: "Write to storage-lead\\u0040example.co.jp for details."'),
  },
  {
    code: 'INC042',
    name: 'email-line-continuation',
    content: edit(EN_MESSAGE, 'en: "Write to storage-lead@\\\n        example.co.jp for details."'),
  },
  {
    code: 'INC123',
    name: 'obfuscated-address',
    content: `${baseText}Escalated to storage-lead [at] example [dot] co [dot] jp.\n`,
  },
  { code: 'INC123', name: 'phone-number', content: `${baseText}Called the on-call lead on 090-1234-5678.\n` },
);

const MAINT_FILE = 'incidents/2026/2026-02-14-kcps-storage-firmware-maintenance.md';
export const maintenanceText = readFileSync(new URL(`../${MAINT_FILE}`, import.meta.url), 'utf8');
const mEdit = (find: string, replacement: string) => replaceNth(maintenanceText, find, replacement);
FILE_CASES.push(
  {
    code: 'INC124',
    name: 'maintenance-started-days-early',
    file: MAINT_FILE,
    content: mEdit(
      '- at: "2026-02-14T01:00:00+09:00"\n    status: in_progress',
      '- at: "2026-02-10T01:00:00+09:00"\n    status: in_progress',
    ),
  },
  {
    code: 'INC125',
    name: 'severity-on-maintenance',
    file: MAINT_FILE,
    content: mEdit('type: maintenance', 'type: maintenance\nseverity: sev2'),
  },
  {
    code: 'INC031',
    name: 'resolved-then-resolved',
    content: appendUpdate(
      '  - at: "2026-11-20T11:50:00+09:00"\n    status: resolved\n    message:\n      ja: 追記です。\n      en: A follow-up note.',
    ),
  },
  {
    code: 'INC127',
    name: 'reopen-reason-without-reopen',
    content: edit('    status: identified', '    status: identified\n    reopen_reason: Latency returned'),
  },
  {
    code: 'INC128',
    name: 'comment-cuts-message',
    content: edit(EN_MESSAGE, 'en: Some volumes are slow, see ticket #4410 for the list.'),
  },
  {
    code: 'INC129',
    name: 'invisible-character',
    content: edit(
      'en: Write latency on block storage in the East Japan region',
      'en: "Write latency on block\u200b storage in the East Japan region"',
    ),
  },
  {
    code: 'INC130',
    name: 'lone-surrogate',
    content: edit(
      'en: Write latency on block storage in the East Japan region',
      'en: "Write latency on block \\ud800 storage in the East Japan region"',
    ),
  },
  {
    code: 'INC006',
    name: 'typo-key-says-did-you-mean-first',
    content: edit('    status: identified', '    staus: identified'),
  },
  {
    code: 'INC005',
    name: 'invisible-character-made-visible',
    content: edit('severity: sev2', 'severity: "sev2\u200b"'),
  },
);

const DOC = 'postmortems/2026-11-20-kcps-block-storage-latency.md';
const inReview = (text: string) =>
  text.replace('postmortem:\n  status: draft', `postmortem:\n  status: in_review\n  document: ${DOC}`);
const sections = [
  'Summary',
  'Impact',
  'Detection',
  'Timeline',
  'Root causes and contributing factors',
  'Resolution and recovery',
  'Shared-responsibility note',
  'Communication review',
  'Lessons learned',
  'Action items',
  'SLA breach reason',
  'Public summary',
  'Reviewer checklist',
];
/** A complete postmortem document, with `edit` applied. */
export const postmortemDoc = (edit: (s: string[]) => string[] = (x) => x) =>
  `# Postmortem\n\n${edit(sections.map((name) => `## ${name}\n\n${name === 'SLA breach reason' ? 'No target was missed.' : `What we found about ${name.toLowerCase()}.`}\n`)).join('\n')}`;
const docs = (text: string) => new Map([[DOC, text]]);

FILE_CASES.push(
  {
    code: 'INC100',
    name: 'in-review-without-document',
    content: edit('status: draft', 'status: in_review'),
    documents: new Map(),
  },
  {
    code: 'INC101',
    name: 'postmortem-section-missing',
    content: inReview(baseText),
    documents: docs(postmortemDoc((s) => s.filter((x) => !x.startsWith('## Detection')))),
  },
  {
    code: 'INC102',
    name: 'postmortem-section-todo',
    content: inReview(baseText),
    documents: docs(
      postmortemDoc((s) =>
        s.map((x) =>
          x.startsWith('## Root causes') ? '## Root causes and contributing factors\n\nTODO: the trigger.\n' : x,
        ),
      ),
    ),
  },
  {
    code: 'INC103',
    name: 'breach-without-reason',
    content: inReview(edit('at: "2026-11-20T10:02:00+09:00"', 'at: "2026-11-20T09:00:00+09:00"')),
    documents: docs(postmortemDoc()),
  },
);

// Notification breaches (the ledger decides when customers were notified). The base incident is detected at
// 10:02, so the notification deadline is 10:32; sev3 so that severity alone does not require a postmortem.
const ID = '2026-11-20-kcps-block-storage-latency';
const sev3 = (text: string) => text.replace('severity: sev2', 'severity: sev3');
const pageLive = (at: string): LedgerEntry => ({
  key: keys.pageLive(ID, 1),
  kind: 'page-live',
  incident: ID,
  at,
  detail: { updates: 1 },
});
const notifyBreach: LedgerEntry = {
  key: keys.breach(ID, 'notify'),
  kind: 'breach',
  incident: ID,
  at: '2026-11-20T10:32:00+09:00',
  detail: { target: 'notify' },
};
export const LIVE_IN_TIME = ledgerOf([pageLive('2026-11-20T10:16:00+09:00')]);
FILE_CASES.push(
  {
    code: 'INC064',
    name: 'notification-missed-postmortem-missing',
    content: sev3(edit('postmortem:\n  status: draft\n', '')),
    ledger: ledgerOf([pageLive('2026-11-20T10:40:00+09:00')]),
  },
  {
    code: 'INC064',
    name: 'notification-not-evidenced-postmortem-missing',
    content: sev3(edit('postmortem:\n  status: draft\n', '')),
    ledger: ledgerOf([]),
  },
  {
    code: 'INC060',
    name: 'closed-after-notification-breach',
    content: sev3(
      appendField(
        'closed_at: "2026-11-21T10:00:00+09:00"',
        edit('postmortem:\n  status: draft\n', '').replace('status: open', 'status: done'),
      ),
    ),
    ledger: ledgerOf([pageLive('2026-11-20T10:40:00+09:00')]),
  },
  {
    code: 'INC103',
    name: 'notification-breach-without-reason',
    content: sev3(inReview(baseText)),
    documents: docs(postmortemDoc()),
    ledger: ledgerOf([pageLive('2026-11-20T10:16:00+09:00'), notifyBreach]),
  },
);

/** Variants that must pass: each exercises a rule's allowed path. */
export const GOOD_CASES: { name: string; content: string }[] = [
  { name: 'base fixture', content: baseText },
  {
    name: 'reopen with a reason, recovered after the reopen',
    content: edit('recovered_at: "2026-11-20T11:04:00+09:00"', 'recovered_at: "2026-11-20T12:10:00+09:00"').replace(
      'recovered_at:',
      '  - at: "2026-11-20T11:50:00+09:00"\n    status: investigating\n    reopen_reason: Latency returned\n    message:\n      ja: 再発しました。\n      en: It is back.\n  - at: "2026-11-20T12:15:00+09:00"\n    status: resolved\n    message:\n      ja: 復旧しました。\n      en: Resolved.\nrecovered_at:',
    ),
  },
  {
    name: 'a correction that matches the field',
    content: appendField(
      'corrections:\n  - at: "2026-11-21T09:00:00+09:00"\n    field: detection.at\n    old: "2026-11-20T10:12:00+09:00"\n    new: "2026-11-20T10:02:00+09:00"\n    reason: Alarm log shows an earlier alert\n    by: t-sato',
    ),
  },
  {
    name: 'risk accepted by a manager',
    content: edit('status: open', 'status: risk_accepted\n    accepted_by: t-sato'),
  },
  {
    name: 'a deliberate trailing comment (two spaces) and "#" inside quotes',
    content: edit('ref: ALM-88123', 'ref: ALM-88123  # from the pager').replace(
      EN_MESSAGE,
      'en: "Some volumes are slow, see ticket #4410."',
    ),
  },
  {
    name: 'image names, git remotes, dates and ticket ids are not personal data',
    content: `${baseText}See graph queue@2x.png; fix in git@github.com:ops/storage.git (ssh://git@git.example.com/ops) on 2026-11-20, OPS-4410, ALM-88123.\n`,
  },
];

/** Postmortem variants that must pass with their documents. */
export const GOOD_DOCUMENT_CASES: { name: string; content: string; documents: ReadonlyMap<string, string> }[] = [
  { name: 'a complete postmortem document in review', content: inReview(baseText), documents: docs(postmortemDoc()) },
  {
    name: 'a draft may still have TODOs',
    content: baseText.replace('postmortem:\n  status: draft', `postmortem:\n  status: draft\n  document: ${DOC}`),
    documents: docs('## Summary\n\nTODO\n'),
  },
];

const withCorrection = (text: string, field: string, oldValue: string, newValue: string) =>
  appendField(
    `corrections:\n  - at: "2026-11-21T09:00:00+09:00"\n    field: ${field}\n    old: ${oldValue}\n    new: ${newValue}\n    reason: Fixing the record\n    by: t-sato`,
    text,
  );

const closedText = appendField(
  'closed_at: "2026-11-26T10:00:00+09:00"',
  edit(
    'status: draft',
    'status: approved\n  approvers: [t-sato, h-kimura]\n  approved_at: "2026-11-25T10:00:00+09:00"\n  summary:\n    ja: 要約\n    en: Summary',
  ).replace('status: open', 'status: done'),
);

/** closedText, reopened (and resolved again) on 2026-11-25, approved at `approvedAt`. */
const reopenedAfterApproval = (approvedAt: string) =>
  closedText
    .replace('approved_at: "2026-11-25T10:00:00+09:00"', `approved_at: "${approvedAt}"`)
    .replace(
      'recovered_at: "2026-11-20T11:04:00+09:00"',
      '  - at: "2026-11-25T12:00:00+09:00"\n    status: investigating\n    reopen_reason: Latency returned\n    message:\n      ja: 再発しました。\n      en: It is back.\n  - at: "2026-11-25T13:00:00+09:00"\n    status: resolved\n    message:\n      ja: 復旧しました。\n      en: Resolved.\nrecovered_at: "2026-11-25T12:50:00+09:00"',
    );
FILE_CASES.push({
  code: 'INC113',
  name: 'closed-on-an-approval-before-a-reopen',
  content: reopenedAfterApproval('2026-11-25T10:00:00+09:00'),
});
GOOD_CASES.push({
  name: 'closed on an approval given after the reopen was resolved',
  content: reopenedAfterApproval('2026-11-25T15:00:00+09:00'),
});

export const BASE_CASES: BaseCase[] = [
  {
    code: 'INC092',
    name: 'detection-time-changed',
    base: baseText,
    head: edit('at: "2026-11-20T10:02:00+09:00"', 'at: "2026-11-20T09:58:00+09:00"'),
  },
  {
    code: 'INC092',
    name: 'published-message-edited',
    base: baseText,
    head: edit('We are investigating.', 'We are looking into it.'),
  },
  {
    code: 'INC092',
    name: 'scope-changed',
    base: baseText,
    head: edit('scope: public', 'scope: customer\ncustomers: [cust-4f2a91]'),
  },
  {
    code: 'INC093',
    name: 'update-removed',
    base: baseText,
    head: baseText
      .replace(/  - at: "2026-11-20T11:35:00\+09:00"[\s\S]*?(?=recovered_at)/, '')
      .replace('recovered_at:', 'recovered_at:'),
  },
  {
    code: 'INC094',
    name: 'correction-edited',
    base: withCorrection(
      edit('at: "2026-11-20T10:02:00+09:00"', 'at: "2026-11-20T09:58:00+09:00"'),
      'detection.at',
      '"2026-11-20T10:02:00+09:00"',
      '"2026-11-20T09:58:00+09:00"',
    ),
    head: withCorrection(
      edit('at: "2026-11-20T10:02:00+09:00"', 'at: "2026-11-20T09:58:00+09:00"'),
      'detection.at',
      '"2026-11-20T10:02:00+09:00"',
      '"2026-11-20T09:58:00+09:00"',
    ).replace('Fixing the record', 'Changed my mind'),
  },
  {
    code: 'INC095',
    name: 'closed-incident-changed',
    base: closedText,
    head: closedText.replace('title:\n  ja: 東日本', 'title:\n  ja: 東日本（更新）'),
  },
  {
    code: 'INC126',
    name: 'recovered-at-moved-earlier',
    base: baseText,
    head: edit('recovered_at: "2026-11-20T11:04:00+09:00"', 'recovered_at: "2026-11-20T10:20:00+09:00"'),
  },
  {
    code: 'INC126',
    name: 'severity-lowered-after-resolution',
    base: baseText,
    head: edit('severity: sev2', 'severity: sev3'),
  },
];

function reopenedText(): string {
  return GOOD_CASES.find((c) => c.name === 'reopen with a reason, recovered after the reopen')!.content;
}

/** Base → head changes that must pass. */
export const GOOD_BASE_CASES: { name: string; base: string; head: string }[] = [
  {
    name: 'an update appended',
    base: baseText.replace(/  - at: "2026-11-20T11:35:00\+09:00"[\s\S]*?(?=recovered_at)/, ''),
    head: baseText,
  },
  {
    name: 'detection time changed with a correction',
    base: baseText,
    head: withCorrection(
      edit('at: "2026-11-20T10:02:00+09:00"', 'at: "2026-11-20T09:58:00+09:00"'),
      'detection.at',
      '"2026-11-20T10:02:00+09:00"',
      '"2026-11-20T09:58:00+09:00"',
    ),
  },
  {
    name: 'recovered_at moved with a correction',
    base: baseText,
    head: withCorrection(
      edit('recovered_at: "2026-11-20T11:04:00+09:00"', 'recovered_at: "2026-11-20T10:58:00+09:00"'),
      'recovered_at',
      '"2026-11-20T11:04:00+09:00"',
      '"2026-11-20T10:58:00+09:00"',
    ),
  },
  {
    name: 'severity raised together with an update while open',
    base: baseText
      .replace(/  - at: "2026-11-20T11:05:00\+09:00"[\s\S]*?(?=recovered_at)/, '')
      .replace(/recovered_at: .*\n/, ''),
    head: baseText
      .replace(/  - at: "2026-11-20T11:35:00\+09:00"[\s\S]*?(?=recovered_at)/, '')
      .replace(/recovered_at: .*\n/, '')
      .replace('severity: sev2', 'severity: sev1'),
  },
  {
    name: 'a reopen removes the recovery time, a new resolution sets a later one',
    base: baseText,
    head: reopenedText(),
  },
  {
    name: 'a closed incident gets a correction',
    base: closedText,
    head: withCorrection(
      closedText.replace(
        'Some block storage volumes show elevated write latency.',
        'Some block-storage volumes show elevated write latency.',
      ),
      'updates[0].message.en',
      '"Some block storage volumes show elevated write latency. We are investigating."',
      '"Some block-storage volumes show elevated write latency. We are investigating."',
    ),
  },
];

export { BASE_FILE };

// — approvals are facts (INC110–INC113)
const approvedBy = (approvers: string, at = '2026-11-25T10:00:00+09:00', text = baseText) =>
  replaceNth(
    text,
    'status: draft',
    `status: approved\n  approvers: [${approvers}]\n  approved_at: "${at}"\n  summary:\n    ja: 要約\n    en: Summary`,
  );
const securityOffice = (text: string) =>
  text
    .replace('type: failure', 'type: security')
    .replace('department: cloud-infra-ops', 'department: security-office')
    .replace('manager: t-sato', 'manager: s-fujita');

FILE_CASES.push(
  {
    code: 'INC110',
    name: 'approvers-corrected',
    content: withCorrection(
      approvedBy('t-sato, y-watanabe'),
      'postmortem.approvers',
      '[t-sato, h-kimura]',
      '[t-sato, y-watanabe]',
    ),
  },
  { code: 'INC112', name: 'fabricated-approvers', content: approvedBy('nobody-1, nobody-2') },
  {
    code: 'INC110',
    name: 'approved-summary-corrected',
    content: withCorrection(approvedBy('t-sato, h-kimura'), 'postmortem.summary.en', '"Summry"', '"Summary"'),
  },
  { code: 'INC112', name: 'approver-listed-twice', content: approvedBy('t-sato, h-kimura, T-Sato') },
  { code: 'INC112', name: 'one-person-two-roles', content: securityOffice(approvedBy('s-fujita, h-kimura')) },
  {
    code: 'INC113',
    name: 'approved-before-resolution',
    content: approvedBy('t-sato, h-kimura', '2026-11-20T11:00:00+09:00'),
  },
);
GOOD_CASES.push(
  {
    name: 'a security postmortem approved by three distinct people',
    content: securityOffice(approvedBy('s-fujita, h-kimura, e-mori')),
  },
  { name: 'an approval with a second manager of the department', content: approvedBy('t-sato, y-watanabe, h-kimura') },
);
BASE_CASES.push({
  code: 'INC111',
  name: 'approval-rewritten',
  base: approvedBy('t-sato, h-kimura'),
  head: approvedBy('y-watanabe, h-kimura'),
});
BASE_CASES.push({
  code: 'INC111',
  name: 'approved-summary-rewritten',
  base: approvedBy('t-sato, h-kimura'),
  head: approvedBy('t-sato, h-kimura').replace('en: Summary', 'en: Nothing to see'),
});
GOOD_BASE_CASES.push(
  {
    name: 'a closed incident approved again (a later approved_at)',
    base: closedText,
    head: closedText.replace(
      'approvers: [t-sato, h-kimura]\n  approved_at: "2026-11-25T10:00:00+09:00"',
      'approvers: [y-watanabe, h-kimura]\n  approved_at: "2026-11-26T09:00:00+09:00"',
    ),
  },
  {
    name: 'an approval withdrawn for another review',
    base: approvedBy('t-sato, h-kimura'),
    head: baseText.replace('status: draft', 'status: in_review'),
  },
);
