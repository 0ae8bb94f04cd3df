/**
 * npm run audit -- --from DATE --to DATE --out DIR [--format csv|json] [--repository NAME]
 * npm run audit -- verify DIR [--rerun] [--branch NAME]
 * The evidence package of a period, as of the current commit (byte-identical
 * when run twice on one commit), and its re-performance; --rerun exports the
 * named commit again with that commit's own code and compares byte for byte.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import holidayJp from '@holiday-jp/holiday_jp';
import { load } from 'js-yaml';
import { CATALOG_PATH, parseCatalogText } from '../src/adapters/catalog-store.ts';
import {
  assertReplaceable,
  PackageFolderError,
  readPackage,
  rerunExport,
  writePackage,
} from '../src/adapters/evidence-package.ts';
import {
  assertClean,
  commitTime,
  defaultBranch,
  EXPORT_INPUTS,
  fileHistory,
  filesAtHead,
  gitDirs,
  headCommit,
  isReachableFrom,
  originName,
  showAt,
  showAtHead,
  topLevel,
} from '../src/adapters/git-history.ts';
import { hasCommit } from '../src/adapters/git-run.ts';
import type { MergedPullRequest } from '../src/adapters/github-pulls.ts';
import { isLedgerPath, LEDGER_DIR, parseLedgerFiles, strictLedger } from '../src/adapters/ledger-store.ts';
import { portsFromEnv } from '../src/adapters/ports-from-env.ts';
import type { Switches } from '../src/adapters/switches.ts';
import { auditManifest } from '../src/core/audit/manifest.ts';
import { buildPackage, selectPopulation, type FileVersion } from '../src/core/audit/package.ts';
import { invalidInPeriod, readRecord, readRecords } from '../src/core/audit/records.ts';
import {
  compareWithCommit,
  tableRows,
  verifyPackage,
  type ExpectedManifest,
  type Manifest,
} from '../src/core/audit/verify.ts';
import { indexCatalog, parseCatalog } from '../src/core/catalog/index.ts';
import { ledgerOf } from '../src/core/ledger/ledger.ts';
import { UserError } from '../src/core/errors.ts';
import { INCIDENTS_DIR, isIncidentPath } from '../src/core/incident/paths.ts';
import { HOLIDAY_COVERAGE } from '../src/core/sla/desk-calendar.ts';
import { isDateOnly } from '../src/core/time.ts';
import { readArgs } from './lib/args.ts';
import { runMain } from './lib/run-main.ts';

const sha256 = (content: string | Uint8Array) => createHash('sha256').update(content).digest('hex');
const USAGE =
  'usage: npm run audit -- --from YYYY-MM-DD --to YYYY-MM-DD --out DIR [--format csv|json] [--repository NAME] | npm run audit -- verify DIR [--rerun] [--branch NAME]';
const CALENDAR = {
  source: '@holiday-jp/holiday_jp',
  version: holidayJp.VERSION,
  covers: `${HOLIDAY_COVERAGE.from}–${HOLIDAY_COVERAGE.to}`,
};

export async function main(switches: Switches): Promise<number> {
  const { values, positionals } = readArgs(
    {
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      rerun: { type: 'boolean' },
      branch: { type: 'string' },
      repository: { type: 'string' },
    },
    USAGE,
  );
  const given = (names: readonly (keyof typeof values)[]) =>
    names.filter((n) => values[n] !== undefined).map((n) => `--${n}`);
  if (positionals[0] === 'verify') {
    const wrong = given(['from', 'to', 'out', 'format', 'repository']);
    if (positionals.length !== 2 || wrong.length)
      throw new UserError(
        `${wrong.length ? `${wrong.join(', ')} does not belong to verify` : 'verify takes one package folder'}; ${USAGE}`,
        2,
      );
    return verify(positionals[1]!, values.rerun ?? false, values.branch);
  }
  const wrong = given(['rerun', 'branch']);
  if (!values.from || !values.to || !values.out || positionals.length || wrong.length)
    throw new UserError(
      `${wrong.length ? `${wrong.join(', ')} belongs to verify; ` : positionals.length ? `unexpected ${positionals[0]}; ` : ''}${USAGE}`,
      2,
    );
  for (const [flag, value] of [
    ['--from', values.from],
    ['--to', values.to],
  ] as const) {
    if (!isDateOnly(value))
      throw new UserError(`${flag} ${value}: not a calendar date; expected YYYY-MM-DD, e.g. 2025-12-01`, 2);
  }
  if (values.from > values.to)
    throw new UserError(`--from ${values.from} is after --to ${values.to}: the period is inverted; swap them`, 2);
  const format = values.format ?? 'json';
  if (format !== 'json' && format !== 'csv') throw new UserError(`--format ${format}: expected csv or json`, 2);
  return exportPackage(values.from, values.to, values.out, format, values.repository, switches);
}

if (import.meta.main) await runMain(main);

/**
 * Code loaded before the exporter (node --import/--require/--loader, directly
 * or through NODE_OPTIONS, which npm sets from an .npmrc's node-options) can
 * change any figure while the commit stays clean: refused.
 */
function assertNoPreload(): void {
  const harmless =
    /^--(max-old-space-size|max-semi-space-size|stack-size|enable-source-maps|no-warnings|no-deprecation|trace-warnings|trace-uncaught|disable-warning)(=\S+)?$/;
  for (const [where, value] of [
    ['NODE_OPTIONS', process.env.NODE_OPTIONS],
    ['npm_config_node_options', process.env.npm_config_node_options],
    ['the node command line', process.execArgv.join(' ')],
  ] as const) {
    const bad = (value ?? '').split(/\s+/).filter((w) => w && !harmless.test(w));
    if (bad.length)
      throw new UserError(
        `${where} has ${bad[0]}: the audit exports a commit with that commit's own code only, and options like this load or change code before it (check NODE_OPTIONS and any .npmrc node-options); unset it, then export again`,
        2,
      );
  }
}

/**
 * The name the manifest records: --repository (the re-run passes the
 * original's), else GITHUB_REPOSITORY, else origin's, else "local". verify
 * accepts it only in a clone that bears that name.
 */
function repositoryOf(root: string, explicit: string | undefined): string {
  return explicit || process.env.GITHUB_REPOSITORY || originName(root) || 'local';
}

/** The folder the package is written to: never the repository, what the export reads, or git's own folder. */
function assertOutside(root: string, out: string): void {
  const abs = resolve(out);
  // The real path of the nearest existing ancestor, so a linked parent cannot lead into the repository.
  let existing = abs;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  const real = join(realpathSync(existing), relative(existing, abs));
  const within = (dir: string) => real === dir || real.startsWith(`${dir}${sep}`);
  if (gitDirs(root).some((d) => within(realpathSync(d))))
    throw new UserError(
      `--out ${out} is inside git's own folder; choose a folder outside it (e.g. ../evidence or evidence)`,
      2,
    );
  const outInRepo = relative(realpathSync(root), real).split(sep).join('/');
  const inside = EXPORT_INPUTS.find((p) => outInRepo === p || outInRepo.startsWith(`${p}/`));
  if (inside || outInRepo === '' || outInRepo === '.git' || outInRepo.startsWith('.git/'))
    throw new UserError(
      `--out ${out} is ${inside ? `inside ${inside}, which the export reads` : outInRepo === '' ? 'the repository itself' : 'inside .git'}; choose a folder outside it (e.g. ../evidence or evidence)`,
      2,
    );
  replaceableOut(out);
}

/** The adapter names the folder; the flag that gave it (--out) is this script's to name. */
function replaceableOut(out: string): void {
  try {
    assertReplaceable(out);
  } catch (err) {
    if (err instanceof PackageFolderError) throw new UserError(`--out ${err.folder} ${err.problem}`, 2);
    throw err;
  }
}

/** The repository exported: the current directory's, and it must be the one this exporter's code belongs to. */
function exportRoot(): string {
  const root = topLevel(process.cwd());
  if (!root) throw new UserError('the audit exports a commit: run it inside a clone of the incident repository', 2);
  const own = topLevel(dirname(fileURLToPath(import.meta.url)));
  if (!own || realpathSync(own) !== realpathSync(root)) {
    throw new UserError(
      "the audit exports a commit with that commit's own code: run npm run audit from the checkout being exported, not with an exporter from another checkout",
      2,
    );
  }
  return root;
}

async function exportPackage(
  from: string,
  to: string,
  out: string,
  format: 'json' | 'csv',
  explicitRepository: string | undefined,
  switches: Switches,
): Promise<number> {
  assertNoPreload();
  const root = exportRoot();
  assertOutside(root, out);
  const repository = repositoryOf(root, explicitRepository);
  assertClean(root, EXPORT_INPUTS);
  const commit = headCommit(root);
  const asOf = Date.parse(commit.committedAt);
  // Every input from the commit, never the disk: a clean `git status` can still hide a filtered or replaced file.
  if (!filesAtHead(root, CATALOG_PATH).length)
    throw new UserError(
      `${CATALOG_PATH}: not in commit ${commit.sha.slice(0, 12)}; the export needs the commit's catalog`,
    );
  const catalogText = showAtHead(root, CATALOG_PATH).toString('utf8');
  const catalog = parseCatalogText(catalogText);
  const sources = filesAtHead(root, INCIDENTS_DIR)
    .filter(isIncidentPath)
    .map((file) => ({ file, bytes: showAtHead(root, file) }));
  const { incidents, invalid, records, paths } = readRecords(sources, catalog, asOf);
  const ids = [
    ...selectPopulation(incidents, from, to).map((i) => i.id),
    ...invalid.filter((r) => invalidInPeriod(r, from, to)).map((r) => r.id),
  ];
  const histories = new Map<string, FileVersion[]>();
  for (const id of ids) {
    const file = paths.get(id)!;
    histories.set(
      id,
      fileHistory(root, file).map(({ content, ...v }) => {
        const reading = content === undefined ? undefined : readRecord(file, content, catalog, asOf);
        return { ...v, incident: reading?.ok ? reading.incident : undefined };
      }),
    );
  }
  // With a token, each change is tied to the pull request that merged it (GitHub's facts, not the client's clock).
  const github = portsFromEnv(process.env, switches).github();
  if (github) {
    const pulls = github.pulls();
    const cache = new Map<string, MergedPullRequest | undefined>();
    for (const versions of histories.values()) {
      for (const v of versions) {
        if (!cache.has(v.commit)) cache.set(v.commit, await pulls.pullRequestOf(v.commit));
        const pr = cache.get(v.commit);
        if (pr) v.pullRequest = pr;
      }
    }
  }
  const ledger = ledgerOf(
    strictLedger(
      parseLedgerFiles(
        filesAtHead(root, LEDGER_DIR)
          .filter(isLedgerPath)
          .map((path) => ({ path, text: showAtHead(root, path).toString('utf8') })),
      ),
    ),
  );
  const files = buildPackage({
    from,
    to,
    format,
    incidents,
    invalid,
    paths,
    records,
    histories,
    ledger,
    catalog,
    asOf,
    commit: { sha: commit.sha, committedAt: commit.committedAt },
  });
  files.set('catalog.yaml', catalogText);

  const population = tableRows(String(files.get(`population.${format}`)), format);
  const manifest = auditManifest({
    from,
    to,
    format,
    commit,
    repository,
    population,
    files,
    sha256,
    generatorVersion: JSON.parse(showAtHead(root, 'package.json').toString('utf8')).version,
    catalog: { path: CATALOG_PATH, text: catalogText },
    calendar: CALENDAR,
  });
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  // Checked again just before writing: the folder may have changed during the export.
  replaceableOut(out);
  writePackage(out, new Map(files).set('manifest.json', manifestText));
  const invalidCount = (manifest.counts as { invalid_records: number }).invalid_records;
  const bad = invalidCount ? `, ${invalidCount} of them invalid records (see exceptions)` : '';
  process.stdout.write(
    `Wrote ${files.size + 1} files for ${population.length} incidents${bad} to ${out} (commit ${commit.sha.slice(0, 12)}); package SHA-256 (of manifest.json) ${sha256(manifestText)}.\n`,
  );
  return 0;
}

function verify(dir: string, rerun: boolean, branchFlag: string | undefined): number {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new UserError(`${dir}/manifest.json: missing or not a manifest; is this an evidence package?`);
  // Links are never followed: a package holds its own bytes (a record linked to the live file would "match" anything).
  const { files, strange } = readPackage(dir);
  if (strange.length) {
    process.stdout.write(
      `✖ ${dir}: ${strange.slice(0, 3).join(', ')}${strange.length > 3 ? ` and ${strange.length - 3} more` : ''} ${strange.length > 1 ? 'are' : 'is a'} symbolic link${strange.length > 1 ? 's' : ''} or other non-regular file${strange.length > 1 ? 's' : ''}; a package holds its own files, so it was not verified\n`,
    );
    return 1;
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(files.get('manifest.json')?.toString('utf8') ?? '');
    if (
      typeof manifest !== 'object' ||
      manifest === null ||
      typeof manifest.files !== 'object' ||
      manifest.files === null
    )
      throw new Error('not a manifest');
  } catch {
    throw new UserError(`${dir}/manifest.json: missing or not a manifest; is this an evidence package?`);
  }
  files.delete('manifest.json');
  const parsedCatalog = parseCatalog(load(files.get('catalog.yaml')?.toString('utf8') ?? ''));
  const catalog = parsedCatalog.ok ? indexCatalog(parsedCatalog.catalog) : undefined;
  const expected: ExpectedManifest = { calendar: CALENDAR, catalogPath: CATALOG_PATH };
  const problems = verifyPackage({ manifest, files, sha256, catalog, expected });

  // Anchor the package to the repository when run inside a clone: the commit must exist, be on the default branch, and its time is "as of".
  const root = topLevel(process.cwd());
  const commit = String(manifest.commit);
  const notes: string[] = [];
  if (root) {
    const branch = branchFlag ?? defaultBranch(root);
    if (branchFlag && !hasCommit(root, branchFlag))
      throw new UserError(
        `--branch ${branchFlag}: no such branch in this clone; name the default branch (e.g. main or origin/main)`,
        2,
      );
    const at = commitTime(root, commit);
    if (at === undefined)
      problems.push(
        `manifest.json: commit ${commit} is not in this repository; run verify in a clone of the repository the package came from`,
      );
    else {
      // A clone with no default branch at all (a detached CI checkout) cannot tell; the ✔ line says so rather than guessing.
      if (!branch)
        notes.push(
          'not checked whether the commit is on the default branch: this clone has none (origin/HEAD, main, master); pass --branch NAME',
        );
      else if (!isReachableFrom(root, commit, branch))
        problems.push(
          `manifest.json: commit ${commit.slice(0, 12)} is not reachable from ${branch} (the default branch verify checks; --branch NAME for another): history never merged there is not reviewed evidence`,
        );
      if (Date.parse(at) !== Date.parse(manifest.generated_at))
        problems.push(
          `manifest.json: generated_at ${manifest.generated_at} is not the time of commit ${commit.slice(0, 12)} (${at})`,
        );
      problems.push(...commitManifestProblems(root, manifest));
    }
    if (at !== undefined && !problems.length && catalog) {
      const atCommit = new Map(
        filesAtHead(root, INCIDENTS_DIR, commit)
          .filter(isIncidentPath)
          .map((f) => [f, showAt(root, commit, f)]),
      );
      let catalogAtCommit: Buffer | undefined;
      try {
        catalogAtCommit = showAt(root, commit, CATALOG_PATH);
      } catch {
        catalogAtCommit = undefined;
      }
      const ledgerAtCommit = ledgerOf(
        strictLedger(
          parseLedgerFiles(
            filesAtHead(root, LEDGER_DIR, commit)
              .filter(isLedgerPath)
              .map((path) => ({ path, text: showAt(root, commit, path).toString('utf8') })),
          ),
        ),
      );
      problems.push(...compareWithCommit({ manifest, files, atCommit, catalogAtCommit, ledgerAtCommit, catalog }));
      if (rerun && !problems.length) problems.push(...rerunExport(root, dir, manifest, files, process.env));
    }
    if (at !== undefined)
      notes.unshift(
        `records and notifications match commit ${commit.slice(0, 12)}${branch ? ` on ${branch}` : ''} in this repository`,
      );
  } else {
    if (rerun || branchFlag)
      throw new UserError(
        `verify ${rerun ? '--rerun' : '--branch'} needs a clone of the repository: run it inside one`,
        2,
      );
    notes.push('not inside a clone: the records were not compared with the commit');
  }
  if (problems.length) {
    process.stdout.write(`✖ ${problems.length} problem(s) in ${dir}:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
    return 1;
  }
  process.stdout.write(
    `✔ ${dir}: ${Object.keys(manifest.files).length} files match their hashes; the manifest, every row and every SLA figure re-perform; the report re-generates identically${rerun ? '; a re-run of the export from the commit is byte-identical' : ''} (${notes.join('; ')}).\n`,
  );
  return 0;
}

/** Manifest facts the commit decides: the generator's version is its package.json's, and the repository is this one. */
function commitManifestProblems(root: string, manifest: Manifest): string[] {
  const problems: string[] = [];
  const commit = String(manifest.commit);
  let version: unknown;
  try {
    version = JSON.parse(showAt(root, commit, 'package.json').toString('utf8')).version;
  } catch {
    version = undefined;
  }
  const generator = (manifest.generator ?? {}) as { version?: unknown };
  if (generator.version !== version)
    problems.push(
      `manifest.json: generator.version ${JSON.stringify(generator.version)} is not the version in package.json at commit ${commit.slice(0, 12)} (${JSON.stringify(version)})`,
    );
  // "local" claims no name; any other name must be this clone's (its origin, or the GITHUB_REPOSITORY verify runs for).
  const names = [originName(root), process.env.GITHUB_REPOSITORY]
    .filter((n): n is string => !!n)
    .map((n) => n.toLowerCase());
  const named = String(manifest.repository);
  if (named !== 'local' && !names.includes(named.toLowerCase()))
    problems.push(
      `manifest.json: repository ${named} is not this clone's (${names.join(' or ') || 'no origin'}); verify a package in a clone of the repository it names`,
    );
  return problems;
}
