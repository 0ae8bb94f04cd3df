/**
 * npm run check -- [--base REF] [--format text|json|github] [--now ISO] [PATH...]
 * Exit 0: no errors; 1: errors found; 2: bad usage or an internal failure.
 */
import { parseArgs } from 'node:util';
import pc from 'picocolors';
import { readCatalog } from '../src/adapters/catalog-store.ts';
import { readBaseSnapshot } from '../src/adapters/git.ts';
import { knownIncidentIds, listIncidentFiles, readPostmortemDocuments, resolveIncidentArgs } from '../src/adapters/incident-store.ts';
import { checkRepository } from '../src/adapters/parallel-check.ts';
import { readLedgerEntries } from '../src/adapters/ledger-store.ts';
import { ledgerOf } from '../src/core/engine/ledger.ts';
import type { BaseSnapshot } from '../src/core/check/check-incidents.ts';
import { UserError } from '../src/core/errors.ts';
import { formatText, noPaint } from '../src/core/report/format-text.ts';
import { resolveNow, runMain } from './lib/run-main.ts';

const USAGE = 'usage: npm run check -- [--base REF] [--format text|json|github] [--now ISO] [PATH...]';

await runMain(async () => {
  const args = parseInputs();
  const root = process.cwd();
  const catalog = readCatalog(root);
  const paths = args.paths.length ? resolveIncidentArgs(root, args.paths) : listIncidentFiles(root);
  const base = args.base ? scopeBase(readBaseSnapshot(root, args.base), args.paths.length ? paths : undefined) : undefined;
  const { findings } = await checkRepository(root, paths, { catalog, now: args.now, base, documents: readPostmortemDocuments(root), ledger: ledgerOf(readLedgerEntries(root)), knownIds: knownIncidentIds(root) });

  if (args.format === 'json') process.stdout.write(`${JSON.stringify(findings, null, 2)}\n`);
  // Loaded only when needed: @actions/core and its HTTP client add to every start-up otherwise.
  else if (args.format === 'github') await (await import('../src/adapters/actions-report.ts')).reportToActions(findings, paths.length);
  else process.stdout.write(formatText(findings, paths.length, process.stdout.isTTY && pc.isColorSupported ? pc : noPaint));
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
});

function parseInputs() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { base: { type: 'string' }, format: { type: 'string', default: 'text' }, now: { type: 'string' }, help: { type: 'boolean' } },
    });
  } catch (err) {
    throw new UserError(`${(err as Error).message}\n${USAGE}`, 2);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'github') throw new UserError(`--format ${format}: expected text, json or github\n${USAGE}`, 2);
  return { base: values.base, format, now: resolveNow(values.now), paths: positionals } as const;
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
