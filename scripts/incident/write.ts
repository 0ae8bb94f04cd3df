/**
 * Writes the next incident (and any companion files) after checking it with
 * the same rules as CI, against the file as it was; refuses what CI would
 * refuse. `--dry-run` prints the file instead.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { listIncidentFiles, readPostmortemDocuments } from '../../src/adapters/incident-store.ts';
import { readLedgerEntries } from '../../src/adapters/ledger-store.ts';
import type { CatalogIndex } from '../../src/core/catalog/index.ts';
import { checkFile } from '../../src/core/check/check-incidents.ts';
import { ledgerOf, type Ledger } from '../../src/core/ledger/ledger.ts';
import { UserError } from '../../src/core/errors.ts';
import { findIncidentFile, incidentPath } from '../../src/core/incident/paths.ts';
import type { Incident } from '../../src/core/incident/schema.ts';
import { serializeIncident } from '../../src/core/incident/serialize.ts';
import { formatText } from '../../src/core/report/format-text.ts';
import type { IncidentCommand } from './command.ts';
import type { Loaded } from './load.ts';

export function writeIncident(
  root: string,
  next: Incident,
  existing: Loaded | undefined,
  command: IncidentCommand,
  options: { catalog: CatalogIndex; now: number; dryRun: boolean },
): number {
  const { catalog, now } = options;
  const file = existing?.file ?? incidentPath(next.id);
  if (!existing && (existsSync(join(root, file)) || findIncidentFile(listIncidentFiles(root), next.id) !== undefined)) {
    throw new UserError(`${file} already exists; choose another --slug or use "update ${next.id}"`);
  }
  const text = serializeIncident(next, existing?.body ?? '');
  const documents = readPostmortemDocuments(root);
  const ledger = readLedgerForAuthoring(root);
  const companions =
    command.kind === 'change' ? (command.companions?.(next, { catalog, now, ledger, documents }) ?? []) : [];
  for (const c of companions) documents.set(c.path, c.text);
  const { findings } = checkFile({ file, content: text }, { catalog, now, documents, ledger }, existing?.text);
  if (findings.some((f) => f.severity === 'error')) {
    process.stderr.write(`Not written: CI would reject this ${command.name}.\n\n${formatText(findings, 1)}`);
    return 1;
  }
  if (findings.length) process.stderr.write(formatText(findings, 1));
  if (options.dryRun) {
    process.stdout.write(text);
    return 0;
  }
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
  process.stdout.write(`${existing ? 'Updated' : 'Wrote'} ${file}\n`);
  for (const c of companions) {
    mkdirSync(dirname(join(root, c.path)), { recursive: true });
    writeFileSync(join(root, c.path), c.text);
    process.stdout.write(`Wrote ${c.path}: ${c.note}\n`);
  }
  process.stdout.write(
    `Next: git add ${file} && git commit -m "${next.id}: ${command.name}" and open a pull request (npm run check -- --base origin/main runs the same rules as CI).\n`,
  );
  return 0;
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
    process.stderr.write(
      `warning: the ledger could not be read (${err instanceof Error ? err.message : String(err)}); notification facts are left out\n`,
    );
    return undefined;
  }
}
