/**
 * The checker's work behind `npm run check` (scripts/check.ts is its entry).
 * Exit 0: no errors; 1: errors found; 2: bad usage or an internal failure.
 */
import pc from 'picocolors';
import { readCatalog } from '../../src/adapters/catalog-store.ts';
import { readBaseSnapshot } from '../../src/adapters/git.ts';
import {
  postmortemDocumentsOnDemand,
  readPostmortemDocuments,
  resolveIncidentArgs,
  surveyIncidentTree,
} from '../../src/adapters/incident-store.ts';
import { checkRepository } from '../../src/adapters/parallel-check.ts';
import { readLedgerEntries, surveyLedgerTree } from '../../src/adapters/ledger-store.ts';
import { ledgerOf } from '../../src/core/ledger/ledger.ts';
import type { BaseSnapshot } from '../../src/core/check/check-incidents.ts';
import { prScope } from '../../src/core/check/pr-scope.ts';
import { incidentIdOf } from '../../src/core/incident/paths.ts';
import { formatText, noPaint } from '../../src/core/report/format-text.ts';
import { namingRefs, oneOf, readArgs, resolveNow, usageError } from './args.ts';
import { PRODUCTION, type Switches } from '../../src/adapters/switches.ts';

const USAGE = `usage: npm run check -- [--base REF [--full]] [--format text|json|github] [--now ISO] [PATH...]

  --base REF     check what changed since the merge-base of REF and HEAD (what a pull request changes),
                 including the lifecycle against it; files unchanged since then are not re-parsed
                 (unless the catalog or the checker itself changed: then every file is checked, and it says so)
  --full         with --base: check every file as well (the default without --base)
  --format       text (default), json, or github (annotations and a job summary)
  --now ISO      the instant to check as of (RFC 3339 with offset); default the clock
  PATH...        only these files or folders; default every file under incidents/

Exit 0: no errors; 1: errors found; 2: bad usage.`;

export async function main(switches: Switches = PRODUCTION): Promise<number> {
  const args = parseInputs();
  return namingRefs({ base: args.base }, () => checkWith(args, switches));
}

async function checkWith(args: ReturnType<typeof parseInputs>, switches: Switches): Promise<number> {
  const root = process.cwd();
  const catalog = readCatalog(root);
  const tree = surveyIncidentTree(root);
  const all = args.paths.length ? resolveIncidentArgs(root, args.paths) : tree.files;
  const base = args.base
    ? scopeBase(readBaseSnapshot(root, args.base), args.paths.length ? all : undefined)
    : undefined;
  // With --base over the whole tree, only what changed since the merge-base is parsed (--full: everything).
  const pr = base && !args.paths.length && !args.full ? prScope(all, base) : undefined;
  if (pr?.full) (args.format === 'json' ? process.stderr : process.stdout).write(`Full check: ${pr.reason}.\n`);
  const scope = pr && !pr.full ? pr.scope : undefined;
  const paths = scope ? scope.check : all;
  // A PR check reads only what its files need: the documents they name, the ledger lines about them (and every line of a ledger file the PR adds).
  const documents = scope ? postmortemDocumentsOnDemand(root) : readPostmortemDocuments(root);
  const ledger = ledgerOf(
    readLedgerEntries(
      root,
      scope && {
        incidents: scope.check.map(incidentIdOf),
        whole: new Set((base?.ledgerAdded ?? []).map((a) => a.file)),
      },
    ),
  );
  const strays = args.paths.length ? undefined : [...tree.strays, ...surveyLedgerTree(root)];
  const { findings } = await checkRepository(root, paths, {
    catalog,
    now: args.now,
    base,
    documents,
    scanDocuments: scope?.documents,
    ledger,
    knownIds: new Set(tree.files.map(incidentIdOf)),
    strays,
    unchecked: scope?.unchecked,
    perThread: switches.perThread,
  });

  if (args.format === 'json') process.stdout.write(`${JSON.stringify(findings, null, 2)}\n`);
  // Loaded only when needed: @actions/core and its HTTP client add to every start-up otherwise.
  else if (args.format === 'github')
    await (await import('../../src/adapters/actions-report.ts')).reportToActions(findings, paths.length);
  else
    process.stdout.write(
      formatText(findings, paths.length, process.stdout.isTTY && pc.isColorSupported ? pc : noPaint),
    );
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

function parseInputs() {
  const { values, positionals } = readArgs(
    {
      base: { type: 'string' },
      full: { type: 'boolean' },
      format: { type: 'string', default: 'text' },
      now: { type: 'string' },
    },
    USAGE,
  );
  const format = oneOf('format', values.format, ['text', 'json', 'github'] as const, USAGE) ?? 'text';
  // Without --base every file is checked already; a lone --full means the author expected a base.
  if (values.full && values.base === undefined)
    throw usageError('--full needs --base REF (without --base every file is checked already)', USAGE);
  return {
    base: values.base,
    full: values.full === true,
    format,
    now: resolveNow(values.now),
    paths: positionals,
  } as const;
}

/** With explicit paths, judge only those files against the base (deletions elsewhere are out of scope). */
function scopeBase(base: BaseSnapshot, paths: string[] | undefined): BaseSnapshot {
  if (!paths) return base;
  const wanted = new Set(paths);
  return {
    files: new Map([...base.files].filter(([p]) => wanted.has(p))),
    deleted: base.deleted.filter((p) => wanted.has(p)),
    renamed: base.renamed.filter((r) => wanted.has(r.to)),
    ledgerChanged: [],
    documents: base.documents,
  };
}
