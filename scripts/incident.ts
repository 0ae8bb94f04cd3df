/**
 * npm run incident -- <new|update|resolve|maintenance|correct|close> [id] [flags]
 * Writes an incident file in the standard layout after checking it with the
 * same rules as CI (against the file as it was); refuses what CI would refuse.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadGuardedYaml } from '../src/core/frontmatter/yaml-guard.ts';
import { listIncidentFiles, POSTMORTEMS_DIR, readPostmortemDocuments } from '../src/adapters/incident-store.ts';
import { postmortemPath, renderPostmortem } from '../src/core/review/postmortem-template.ts';
import * as ops from '../src/core/authoring/operations.ts';
import type { CatalogIndex } from '../src/core/catalog/index.ts';
import { checkFile } from '../src/core/check/check-incidents.ts';
import { UserError } from '../src/core/errors.ts';
import { parseIncident } from '../src/core/check/parse-incident.ts';
import { refusal, type Command } from '../src/core/authoring/refusals.ts';
import { AuthoringError } from '../src/core/authoring/problems.ts';
import { problemText, refusalText } from './incident/messages.ts';
import { findIncidentFile, incidentPath } from '../src/core/incident/paths.ts';
import { COMPONENT_IMPACTS, DETECTION_SOURCES, INCIDENT_STATUSES, MAINTENANCE_STATUSES, SEVERITIES, type Incident, type UpdateStatus } from '../src/core/incident/schema.ts';
import { toJstIso } from '../src/core/time.ts';
import { serializeIncident } from '../src/core/incident/serialize.ts';
import { formatText } from '../src/core/report/format-text.ts';
import { createPrompter, type Prompter } from './lib/prompter.ts';
import { readLedgerEntries } from '../src/adapters/ledger-store.ts';
import { ledgerOf, type Ledger } from '../src/core/engine/ledger.ts';
import { pushOneFile, syncLocal } from '../src/adapters/fast-lane.ts';
import { CATALOG_PATH, parseCatalogText, readCatalog } from '../src/adapters/catalog-store.ts';
import { planLiveUpdate, remoteIncident } from '../src/core/authoring/fast-lane.ts';
import { readArgs, timeFlag, usageError } from './lib/args.ts';
import { resolveNow, runMain } from './lib/run-main.ts';

const USAGE = `usage: npm run incident -- <command> [id] [flags]
(npm run incident -- <command> --help lists a command's required flags and the choices for each)

commands:
  new           declare an incident
  update <id>   post a status update
  resolve <id>  service recovered
  maintenance   schedule maintenance
  correct <id>  fix a published fact
  close <id>    close a complete incident
  postmortem <id>  write postmortems/<id>.md from the blameless template (facts filled in) and link it

common: [--at ISO] [--now ISO] [--interactive] [--dry-run]
fast lane (update, resolve): --push builds the update on the remote default branch and pushes a commit changing only
                            that file [--remote origin] [--branch main]; nothing is written locally unless it was pushed`;

const STRING_FLAGS = [
  'service', 'type', 'severity', 'scope', 'customers', 'components', 'title-ja', 'title-en', 'impact-ja', 'impact-en', 'source',
  'detected-at', 'ref', 'department', 'manager', 'responder', 'slug', 'status', 'message-ja', 'message-en', 'reopen-reason',
  'recovered-at', 'next-update', 'customer-actions-ja', 'customer-actions-en', 'start', 'end', 'field', 'value', 'reason', 'by', 'closed-at', 'at', 'now',
] as const;

/** Each command's flags: required ones first; anything else given to it is a usage error. */
const COMMANDS: Record<Command, { summary: string; required: string[]; optional: string[] }> = {
  new: {
    summary: 'new: declare an incident',
    required: ['service', 'severity', 'components', 'title-ja', 'title-en', 'department', 'responder'],
    optional: ['type', 'scope', 'customers', 'source', 'detected-at', 'ref', 'manager', 'impact-ja', 'impact-en', 'message-ja', 'message-en', 'slug', 'next-update', 'at'],
  },
  maintenance: {
    summary: 'maintenance: schedule a maintenance window',
    required: ['service', 'components', 'title-ja', 'title-en', 'start', 'end', 'department', 'responder'],
    optional: ['manager', 'impact-ja', 'impact-en', 'message-ja', 'message-en', 'slug', 'at'],
  },
  update: { summary: 'update <id>: post a status update', required: ['status', 'message-ja', 'message-en'], optional: ['reopen-reason', 'severity', 'no-notify', 'next-update', 'at', 'push', 'remote', 'branch'] },
  resolve: { summary: 'resolve <id>: the service recovered (incidents only; a maintenance ends with update --status completed)', required: [], optional: ['recovered-at', 'message-ja', 'message-en', 'customer-actions-ja', 'customer-actions-en', 'at', 'push', 'remote', 'branch'] },
  correct: { summary: 'correct <id>: fix a published fact on the audit trail', required: ['field', 'value', 'reason', 'by'], optional: [] },
  close: { summary: 'close <id>: close a resolved incident whose postmortem and prevention are done', required: [], optional: ['closed-at', 'at'] },
  postmortem: { summary: 'postmortem <id>: write postmortems/<id>.md and link it', required: [], optional: [] },
};
const COMMON_FLAGS = ['now', 'interactive', 'dry-run', 'help'];
const TIME_FLAGS = ['detected-at', 'recovered-at', 'next-update', 'start', 'end', 'closed-at', 'at'];

const FLAG_TEXT: Record<string, string> = {
  'title-ja': 'TEXT', 'title-en': 'TEXT', 'message-ja': 'TEXT', 'message-en': 'TEXT', 'impact-ja': 'TEXT', 'impact-en': 'TEXT',
  'customer-actions-ja': 'TEXT', 'customer-actions-en': 'TEXT', 'detected-at': 'ISO', 'recovered-at': 'ISO', start: 'ISO', end: 'ISO',
  'closed-at': 'ISO', at: 'ISO', 'next-update': 'ISO', responder: 'LOGIN', manager: 'LOGIN', by: 'LOGIN', customers: 'IDS', ref: 'REF', slug: 'WORDS',
  field: 'PATH', value: 'YAML', reason: 'TEXT', 'reopen-reason': 'TEXT', remote: 'NAME', branch: 'NAME', components: 'LIST',
};

/** One command's help: its required and optional flags and, from the catalog, the choices for each. */
function commandHelp(command: Command, catalog: CatalogIndex | undefined): string {
  const spec = COMMANDS[command];
  const flag = (f: string) => (FLAG_TEXT[f] ? `--${f} ${FLAG_TEXT[f]}` : ['push', 'no-notify'].includes(f) ? `--${f}` : `--${f} VALUE`);
  const c = catalog?.catalog;
  const choices: [string, string][] = [
    ['service', c ? c.services.map((x) => x.id).join(', ') : 'see config/catalog.yaml'],
    ['department', c ? c.departments.map((d) => `${d.id} (${d.services.join(', ')})`).join(', ') : 'see config/catalog.yaml'],
    ['components', `${c ? c.services.map((x) => `${x.id}: ${catalog!.componentIds(x.id).join(', ')}`).join('; ') : 'see config/catalog.yaml'}`],
    ['severity', SEVERITIES.join(', ')],
    ['type', 'failure (default), vulnerability, security'],
    ['scope', 'public (default), customer (then --customers is required)'],
    ['source', `${DETECTION_SOURCES.join(', ')} (default monitoring)`],
    ['status', `incidents: ${INCIDENT_STATUSES.join(', ')}; maintenance: ${MAINTENANCE_STATUSES.join(', ')}`],
  ];
  const used = new Set([...spec.required, ...spec.optional]);
  const lines = [
    `usage: npm run incident -- ${spec.summary}`,
    '',
    `required: ${spec.required.length ? spec.required.map(flag).join(' ') : '(none)'}`,
    `optional: ${[...spec.optional.map(flag), '--now ISO', '--interactive', '--dry-run'].join(' ')}`,
    '',
    'choices:',
    ...choices.filter(([f]) => used.has(f)).map(([f, text]) => `  --${f}: ${text}`),
  ];
  if (used.has('components')) {
    lines.push(`  component impact: id[:status], comma-separated; status is one of ${COMPONENT_IMPACTS.filter((x) => x !== 'under_maintenance').join(', ')} (default ${command === 'maintenance' ? 'under_maintenance' : 'degraded_performance'}), e.g. --components block-storage:partial_outage,virtual-servers`);
  }
  lines.push('  times (ISO): RFC 3339 with an offset, e.g. 2026-11-27T10:00:00+09:00');
  return lines.join('\n');
}

function helpText(argv: string[]): string {
  const command = argv.find((a) => !a.startsWith('-'));
  if (!command || !(command in COMMANDS)) return USAGE;
  let catalog: CatalogIndex | undefined;
  try {
    catalog = readCatalog(process.cwd());
  } catch {
    catalog = undefined;
  }
  return commandHelp(command as Command, catalog);
}

/** Refusals that need no file: a flag the command does not take, --push off the fast lane, a time that is not one, customers on a public incident. */
function refuseUpFront(command: Command, flags: Flags): void {
  const spec = COMMANDS[command];
  if (flags.push && command !== 'update' && command !== 'resolve') {
    throw new UserError(`--push is for live updates (update, resolve); ${command} goes through a reviewed pull request`, 2);
  }
  for (const [name, value] of Object.entries(flags)) {
    if (value === undefined || (['remote', 'branch'].includes(name) && !flags.push)) continue;
    if (!spec.required.includes(name) && !spec.optional.includes(name) && !COMMON_FLAGS.includes(name)) {
      throw usageError(`--${name} does not apply to ${command}`, commandHelp(command, undefined));
    }
  }
  for (const f of TIME_FLAGS) timeFlag(f, flags[f] as string | undefined);
  if (command === 'new' && flags.customers !== undefined && flags.scope !== 'customer') {
    throw new UserError(`--customers names customers, but the scope is ${flags.scope ?? 'public (the default)'}: a public incident is published and never names customers; add --scope customer`, 2);
  }
}

await runMain(async () => {
  const { command, id, flags } = parseInputs();
  const root = process.cwd();
  const now = resolveNow(flags.now as string | undefined);
  refuseUpFront(command, flags);
  const ask = createPrompter(Boolean(flags.interactive) || (process.stdin.isTTY ?? false));
  try {
    if (flags.push) return await pushLiveUpdate(root, command, required(id), flags, remembering(ask), now);
    const catalog = readCatalog(root);
    const existing = id ? readIncident(root, id) : undefined;
    const refuse = (status: UpdateStatus | undefined, at: string) => {
      const why = existing && refusal(command, existing.incident, { status, at });
      if (why) throw new UserError(`Not written: ${refusalText(why)}`, 2);
    };
    refuse(flags.status as UpdateStatus | undefined, (flags.at as string | undefined) ?? toJstIso(now));
    const next = await build(command, existing?.incident, flags, ask, catalog, now);
    const last = next.updates.at(-1)!;
    if (existing && next.updates.length > existing.incident.updates.length) refuse(last.status, last.at);
    return write(root, next, existing, catalog, now, Boolean(flags['dry-run']), command);
  } catch (err) {
    if (err instanceof AuthoringError) throw new UserError(problemText(err.problem), err.exitCode);
    throw err;
  } finally {
    ask.close();
  }
});

async function build(command: string, current: Incident | undefined, flags: Flags, ask: Prompter, catalog: CatalogIndex, now: number): Promise<Incident> {
  const v = (flag: string, question: string, options?: Parameters<Prompter['value']>[3]) => ask.value(flag, flags, question, options);
  const need = async (flag: string, question: string, options?: Parameters<Prompter['value']>[3]) => (await v(flag, question, options))!;
  const bilingual = async (name: string, what: string, optional = false) => {
    const ja = await v(`${name}-ja`, `${what} (Japanese)`, { optional });
    const en = await v(`${name}-en`, `${what} (English)`, { optional });
    if (!ja && !en) return undefined;
    if (!ja || !en) throw new UserError(`give both --${name}-ja and --${name}-en: the site and e-mails are bilingual`, 2);
    return { ja, en };
  };
  switch (command) {
    case 'new': {
      const service = await need('service', 'Service', { choices: catalog.catalog.services.map((s) => s.id) });
      const components = parseComponents(await need('components', `Affected components (${catalog.componentIds(service).join(', ')}; id[:status], comma-separated)`), 'degraded_performance');
      const scope = (await need('scope', 'Scope', { choices: ['public', 'customer'], default: 'public' })) as 'public' | 'customer';
      return ops.newIncident(
        {
          service,
          type: (await need('type', 'Type', { choices: ['failure', 'vulnerability', 'security'], default: 'failure' })) as 'failure',
          severity: (await need('severity', 'Severity', { choices: SEVERITIES })) as 'sev1',
          scope,
          customers: scope === 'customer' ? list(await need('customers', 'Affected customer ids (comma-separated)')) : undefined,
          components,
          title: (await bilingual('title', 'Title'))!,
          impact: await bilingual('impact', 'Impact on customers', true),
          detection: {
            source: (await need('source', 'Detected by', { choices: DETECTION_SOURCES, default: 'monitoring' })) as 'monitoring',
            at: timeFlag('detected-at', await v('detected-at', 'Detected at (RFC 3339; empty for now)', { optional: true })),
            ref: await v('ref', 'Alarm, case or ticket reference', { optional: true }),
          },
          department: await need('department', 'Responsible department', { choices: catalog.catalog.departments.filter((d) => d.services.includes(service)).map((d) => d.id) }),
          manager: await v('manager', 'Manager (empty for the department default)', { optional: true }),
          responder: await need('responder', 'Responder (GitHub login)'),
          message: await bilingual('message', 'First public message', true),
          slug: await v('slug', 'Short slug for the id', { optional: true }),
          at: flags.at as string | undefined,
          nextUpdateAt: flags['next-update'] as string | undefined,
        },
        catalog,
        now,
      );
    }
    case 'maintenance': {
      const service = await need('service', 'Service', { choices: catalog.catalog.services.map((s) => s.id) });
      return ops.newMaintenance(
        {
          service,
          components: parseComponents(await need('components', `Components under maintenance (${catalog.componentIds(service).join(', ')})`), 'under_maintenance'),
          title: (await bilingual('title', 'Title'))!,
          impact: await bilingual('impact', 'Impact on customers', true),
          window: { start: timeFlag('start', await need('start', 'Window start (RFC 3339)'))!, end: timeFlag('end', await need('end', 'Window end (RFC 3339)'))! },
          department: await need('department', 'Responsible department', { choices: catalog.catalog.departments.filter((d) => d.services.includes(service)).map((d) => d.id) }),
          manager: await v('manager', 'Manager (empty for the department default)', { optional: true }),
          responder: await need('responder', 'Responder (GitHub login)'),
          message: await bilingual('message', 'Announcement', true),
          slug: await v('slug', 'Short slug for the id', { optional: true }),
          at: flags.at as string | undefined,
        },
        catalog,
        now,
      );
    }
    case 'update': {
      const incident = requiredIncident(current);
      const statuses = incident.type === 'maintenance' ? MAINTENANCE_STATUSES : INCIDENT_STATUSES;
      const status = await need('status', 'New status', { choices: statuses, default: incident.updates.at(-1)!.status });
      return ops.appendUpdate(
        incident,
        {
          status: status as 'investigating',
          message: (await bilingual('message', 'Public message'))!,
          at: flags.at as string | undefined,
          reopenReason: await v('reopen-reason', 'Reason for reopening', { optional: incident.updates.at(-1)!.status !== 'resolved' || status !== 'investigating' }),
          notifyCustomers: flags['no-notify'] ? false : undefined,
          nextUpdateAt: flags['next-update'] as string | undefined,
          severity: (await v('severity', 'Severity', { optional: true, choices: SEVERITIES })) as 'sev1' | undefined,
        },
        now,
      );
    }
    case 'resolve':
      return ops.resolveIncident(
        requiredIncident(current),
        {
          recoveredAt: timeFlag('recovered-at', await v('recovered-at', 'Service recovered at (RFC 3339; empty for now)', { optional: true })),
          message: await bilingual('message', 'Public message', true),
          customerActions: await bilingual('customer-actions', 'What customers must do on their side', true),
          at: flags.at as string | undefined,
        },
        now,
      );
    case 'correct': {
      const raw = await need('value', 'Corrected value (YAML)');
      // User input: the same guarded reader as incident files (no anchors, aliases, tags; depth limited).
      const parsed = loadGuardedYaml(raw);
      if (!parsed.ok) throw new UserError(`--value: ${parsed.message}`, 2);
      return ops.correctField(
        requiredIncident(current),
        { field: await need('field', 'Field path'), value: parsed.value, reason: await need('reason', 'Reason'), by: await need('by', 'Your GitHub login') },
        now,
      );
    }
    case 'close':
      return ops.closeIncident(requiredIncident(current), (flags['closed-at'] as string | undefined) ?? (flags.at as string | undefined), now);
    case 'postmortem':
      return ops.startPostmortem(requiredIncident(current), postmortemPath(requiredIncident(current).id));
    default:
      throw new UserError(`unknown command "${command}"\n${USAGE}`, 2);
  }
}

/**
 * The ledger, for the notification facts; a damaged ledger file must not stop
 * a responder from posting an update mid-incident, so it is reported, not fatal
 * (CI's check reads it strictly).
 */
function readLedgerForAuthoring(root: string): Ledger | undefined {
  try {
    return ledgerOf(readLedgerEntries(root));
  } catch (err) {
    process.stderr.write(`warning: the ledger could not be read (${(err as Error).message}); notification facts are left out\n`);
    return undefined;
  }
}

function write(root: string, next: Incident, existing: Loaded | undefined, catalog: CatalogIndex, now: number, dryRun: boolean, command: string): number {
  const file = existing?.file ?? incidentPath(next.id);
  if (!existing && (existsSync(join(root, file)) || findIncidentFile(listIncidentFiles(root), next.id) !== undefined)) {
    throw new UserError(`${file} already exists; choose another --slug or use "update ${next.id}"`);
  }
  const text = serializeIncident(next, existing?.body ?? '');
  const documents = readPostmortemDocuments(root);
  const ledger = readLedgerForAuthoring(root);
  const newDocument = command === 'postmortem' && !documents.has(postmortemPath(next.id)) ? renderPostmortem(next, catalog, now, ledger) : undefined;
  if (newDocument) documents.set(postmortemPath(next.id), newDocument);
  const { findings } = checkFile({ file, content: text }, { catalog, now, documents, ledger }, existing?.text);
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length) {
    process.stderr.write(`Not written: CI would reject this ${command}.\n\n${formatText(findings, 1)}`);
    return 1;
  }
  if (findings.length) process.stderr.write(formatText(findings, 1));
  if (dryRun) {
    process.stdout.write(text);
    return 0;
  }
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
  process.stdout.write(`${existing ? 'Updated' : 'Wrote'} ${file}\n`);
  if (newDocument) {
    mkdirSync(join(root, POSTMORTEMS_DIR), { recursive: true });
    writeFileSync(join(root, postmortemPath(next.id)), newDocument);
    process.stdout.write(`Wrote ${postmortemPath(next.id)}: replace every TODO, then set postmortem.status to in_review and open a pull request.\n`);
  }
  process.stdout.write(`Next: git add ${file} && git commit -m "${next.id}: ${command}" and open a pull request (npm run check -- --base origin/main runs the same rules as CI).\n`);
  return 0;
}

interface Loaded {
  file: string;
  text: string;
  body: string;
  incident: Incident;
}

function readIncident(root: string, id: string): Loaded {
  const file = findIncidentFile(listIncidentFiles(root), id);
  if (!file) throw new UserError(`no incident "${id}" under incidents/ (ids are file names without .md)`, 2);
  const text = readFileSync(join(root, file), 'utf8');
  const parsed = parseIncident(file, text);
  if (!parsed.ok) throw new UserError(`${file} is not valid; fix it first (npm run check -- ${file})`);
  return { file, text, body: parsed.source.body, incident: parsed.incident };
}

/**
 * The fast lane: the update is built on the remote default branch's version
 * of the file, judged with that branch's catalog and rules, and pushed as a
 * commit changing only this file. A local copy with changes the remote does
 * not have is refused rather than silently dropped or pushed.
 */
async function pushLiveUpdate(root: string, command: string, id: string, flags: Flags, ask: Prompter, now: number): Promise<number> {
  const file = findIncidentFile(listIncidentFiles(root), id) ?? incidentPath(id);
  const where = `${flags.remote}/${flags.branch}`;
  const localText = existsSync(join(root, file)) ? readFileSync(join(root, file), 'utf8') : undefined;
  const dryRun = Boolean(flags['dry-run']);
  let appended = 0;
  const result = await pushOneFile(root, { file, remote: flags.remote as string, branch: flags.branch as string, dryRun }, async (tip) => {
    const remoteText = tip.read(file);
    if (remoteText === undefined) throw new UserError(`--push: ${file} is not on ${where}; the fast lane only updates an incident already there (a new one goes through a pull request)`);
    const ctx = { file, where, command, remoteText, localText };
    const remote = remoteIncident(ctx);
    const catalogText = tip.read(CATALOG_PATH);
    if (catalogText === undefined) throw new UserError(`--push: ${where} has no ${CATALOG_PATH}`);
    const catalog = parseCatalogText(catalogText);
    const next = await build(command, remote.incident, flags, ask, catalog, now);
    const document = next.postmortem?.document;
    const documentText = document ? tip.read(document) : undefined;
    const plan = planLiveUpdate(ctx, remote, next, { catalog, now, documents: new Map(document && documentText !== undefined ? [[document, documentText]] : []) });
    if (plan.kind === 'push') {
      if (plan.warnings.length) process.stderr.write(formatText(plan.warnings, 1));
      appended = plan.appended;
    }
    return plan;
  });
  if (dryRun) {
    process.stdout.write(result.text);
    return 0;
  }
  const writeLocal = () => writeFileSync(join(root, file), result.text);
  if (!result.commit) {
    if (localText !== result.text) syncLocal(root, file, result.tip, undefined, writeLocal);
    process.stdout.write(`${where} already carries this update; nothing pushed, nothing appended twice.\n`);
    return 0;
  }
  const moved = result.attempts > 1 ? `; ${where} had moved, so it was rebuilt on the new tip` : '';
  process.stdout.write(`Pushed ${result.commit.slice(0, 12)} to ${where}: only ${file}, ${appended} update(s) appended${moved}. CI re-checks it; the SLA engine notifies from the push.\n`);
  const local = syncLocal(root, file, result.tip, result.commit, writeLocal);
  process.stdout.write(local === 'fast-forwarded' ? 'Your branch is fast-forwarded to it.\n' : `Wrote and staged ${file}; git pull --ff-only brings the commit into your branch.\n`);
  return 0;
}

/** Answers are asked once: the fast lane may build the same update on several tips. */
function remembering(ask: Prompter): Prompter {
  const answers = new Map<string, string | undefined>();
  return {
    async value(flag, flags, question, options) {
      if (!answers.has(flag)) answers.set(flag, await ask.value(flag, flags, question, options));
      return answers.get(flag);
    },
    close: () => ask.close(),
  };
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new UserError(`this command needs an incident id\n${USAGE}`, 2);
  return value;
}

function requiredIncident(incident: Incident | undefined): Incident {
  return required(incident);
}

function parseComponents(text: string, defaultStatus: (typeof COMPONENT_IMPACTS)[number]) {
  return list(text).map((entry) => {
    const [id = '', status = defaultStatus] = entry.split(':');
    if (!(COMPONENT_IMPACTS as readonly string[]).includes(status)) throw new UserError(`--components ${entry}: status must be one of ${COMPONENT_IMPACTS.join(', ')}`, 2);
    return { id, status: status as (typeof COMPONENT_IMPACTS)[number] };
  });
}

function list(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}

type Flags = Record<string, string | boolean | undefined>;

function parseInputs(): { command: Command; id?: string; flags: Flags } {
  const argv = process.argv.slice(2);
  const parsed = readArgs(
    {
      ...Object.fromEntries(STRING_FLAGS.map((f) => [f, { type: 'string' as const }])),
      interactive: { type: 'boolean' },
      push: { type: 'boolean' },
      remote: { type: 'string' },
      branch: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'no-notify': { type: 'boolean' },
    },
    () => helpText(argv),
    argv,
  );
  const [command, id, ...extra] = parsed.positionals;
  if (!command) throw usageError('missing command', USAGE);
  if (!(command in COMMANDS)) throw usageError(`unknown command "${command}"`, USAGE);
  if (extra.length) throw usageError(`unexpected argument "${extra[0]}"`, USAGE);
  return { command: command as Command, id, flags: { remote: 'origin', branch: 'main', ...(parsed.values as Flags) } };
}
