/**
 * npm run audit -- --from DATE --to DATE --out DIR [--format csv|json]
 * npm run audit -- verify DIR [--rerun]
 * The evidence package of a period, as of the current commit (byte-identical
 * when run twice on one commit), and its re-performance; --rerun exports the
 * named commit again with that commit's own code and compares byte for byte.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import holidayJp from '@holiday-jp/holiday_jp';
import { load } from 'js-yaml';
import { CATALOG_PATH, parseCatalogText } from '../src/adapters/catalog-store.ts';
import { readPackage, rerunExport } from '../src/adapters/evidence-package.ts';
import { assertClean, commitTime, EXPORT_INPUTS, fileHistory, filesAtHead, headCommit, repositoryName, showAt, showAtHead, topLevel } from '../src/adapters/git-history.ts';
import { githubPullRequestPort, type MergedPullRequest } from '../src/adapters/github-pulls.ts';
import { isLedgerPath, LEDGER_DIR, parseLedgerFiles } from '../src/adapters/ledger-store.ts';
import { auditManifest } from '../src/core/audit/manifest.ts';
import { buildPackage, selectPopulation, type FileVersion } from '../src/core/audit/package.ts';
import { invalidInPeriod, readRecord, readRecords } from '../src/core/audit/records.ts';
import { compareWithCommit, tableRows, verifyPackage, type Manifest } from '../src/core/audit/verify.ts';
import { indexCatalog, parseCatalog } from '../src/core/catalog/index.ts';
import { ledgerOf } from '../src/core/engine/ledger.ts';
import { UserError } from '../src/core/errors.ts';
import { INCIDENTS_DIR, isIncidentPath } from '../src/core/incident/paths.ts';
import { HOLIDAY_COVERAGE } from '../src/core/sla/desk-calendar.ts';
import { isDateOnly } from '../src/core/time.ts';
import { runMain } from './lib/run-main.ts';

const sha256 = (content: string | Uint8Array) => createHash('sha256').update(content).digest('hex');
const USAGE = 'usage: npm run audit -- --from YYYY-MM-DD --to YYYY-MM-DD --out DIR [--format csv|json] | npm run audit -- verify DIR [--rerun]';

await runMain(async () => {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, format: { type: 'string', default: 'json' }, rerun: { type: 'boolean', default: false } } });
  } catch (err) {
    throw new UserError(`${(err as Error).message.split('\n')[0]}; ${USAGE}`, 2);
  }
  const { values, positionals } = parsed;
  if (positionals[0] === 'verify') return verify(positionals[1], values.rerun);
  if (!values.from || !values.to || !values.out || positionals.length) throw new UserError(USAGE, 2);
  for (const [flag, value] of [['--from', values.from], ['--to', values.to]] as const) {
    if (!isDateOnly(value)) throw new UserError(`${flag} ${value}: not a calendar date; expected YYYY-MM-DD, e.g. 2025-12-01`, 2);
  }
  if (values.from > values.to) throw new UserError(`--from ${values.from} is after --to ${values.to}: the period is inverted; swap them`, 2);
  if (values.format !== 'json' && values.format !== 'csv') throw new UserError(`--format ${values.format}: expected csv or json`, 2);
  return exportPackage(values.from, values.to, values.out, values.format);
});

/** The repository exported: the current directory's, and it must be the one this exporter's code belongs to. */
function exportRoot(): string {
  const root = topLevel(process.cwd());
  if (!root) throw new UserError('the audit exports a commit: run it inside a clone of the incident repository', 2);
  const own = topLevel(dirname(fileURLToPath(import.meta.url)));
  if (!own || realpathSync(own) !== realpathSync(root)) {
    throw new UserError('the audit exports a commit with that commit\'s own code: run npm run audit from the checkout being exported, not with an exporter from another checkout', 2);
  }
  return root;
}

async function exportPackage(from: string, to: string, out: string, format: 'json' | 'csv'): Promise<number> {
  const root = exportRoot();
  const outInRepo = relative(root, resolve(out)).split(sep).join('/');
  const inside = EXPORT_INPUTS.find((p) => outInRepo === p || outInRepo.startsWith(`${p}/`));
  if (inside || outInRepo === '') throw new UserError(`--out ${out} is ${inside ? `inside ${inside}, which the export reads` : 'the repository itself'}; choose a folder outside it (e.g. ../evidence or evidence)`, 2);
  assertClean(root, EXPORT_INPUTS);
  const commit = headCommit(root);
  const asOf = Date.parse(commit.committedAt);
  // Every input from the commit, never the disk: a clean `git status` can still hide a filtered or replaced file.
  if (!filesAtHead(root, CATALOG_PATH).length) throw new UserError(`${CATALOG_PATH}: not in commit ${commit.sha.slice(0, 12)}; the export needs the commit's catalog`);
  const catalogText = showAtHead(root, CATALOG_PATH).toString('utf8');
  const catalog = parseCatalogText(catalogText);
  const sources = filesAtHead(root, INCIDENTS_DIR).filter(isIncidentPath).map((file) => ({ file, bytes: showAtHead(root, file) }));
  const { incidents, invalid, records, paths } = readRecords(sources, catalog, asOf);
  const ids = [...selectPopulation(incidents, from, to).map((i) => i.id), ...invalid.filter((r) => invalidInPeriod(r, from, to)).map((r) => r.id)];
  const histories = new Map<string, FileVersion[]>();
  for (const id of ids) {
    const file = paths.get(id)!;
    histories.set(id, fileHistory(root, file).map(({ content, ...v }) => {
      const reading = content === undefined ? undefined : readRecord(file, content, catalog, asOf);
      return { ...v, incident: reading?.ok ? reading.incident : undefined };
    }));
  }
  // With a token, each change is tied to the pull request that merged it (GitHub's facts, not the client's clock).
  if (process.env.GITHUB_TOKEN && process.env.GITHUB_REPOSITORY) {
    const pulls = githubPullRequestPort({ token: process.env.GITHUB_TOKEN, repository: process.env.GITHUB_REPOSITORY, baseUrl: process.env.GITHUB_API_URL, patient: process.env.STATUS_TEST_FAST_GITHUB !== '1' });
    const cache = new Map<string, MergedPullRequest | undefined>();
    for (const versions of histories.values()) {
      for (const v of versions) {
        if (!cache.has(v.commit)) cache.set(v.commit, await pulls.pullRequestOf(v.commit));
        const pr = cache.get(v.commit);
        if (pr) v.pullRequest = pr;
      }
    }
  }
  const ledger = ledgerOf(parseLedgerFiles(filesAtHead(root, LEDGER_DIR).filter(isLedgerPath).map((path) => ({ path, text: showAtHead(root, path).toString('utf8') }))));
  const files = buildPackage({ from, to, format, incidents, invalid, paths, records, histories, ledger, catalog, asOf, commit: { sha: commit.sha, committedAt: commit.committedAt } });
  files.set('catalog.yaml', catalogText);

  const population = tableRows(String(files.get(`population.${format}`)), format);
  const manifest = auditManifest({
    from, to, format, commit, repository: repositoryName(root), population, files, sha256,
    generatorVersion: JSON.parse(showAtHead(root, 'package.json').toString('utf8')).version,
    catalog: { path: CATALOG_PATH, text: catalogText },
    calendar: { source: '@holiday-jp/holiday_jp', version: holidayJp.VERSION, covers: `${HOLIDAY_COVERAGE.from}–${HOLIDAY_COVERAGE.to}` },
  });
  if (existsSync(out) && readdirSync(out).length && !existsSync(join(out, 'manifest.json'))) throw new UserError(`${out} is not empty and holds no earlier package; choose an empty folder`);
  rmSync(out, { recursive: true, force: true });
  for (const [path, content] of files) {
    mkdirSync(dirname(join(out, path)), { recursive: true });
    writeFileSync(join(out, path), content);
  }
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  writeFileSync(join(out, 'manifest.json'), manifestText);
  const invalidCount = (manifest.counts as { invalid_records: number }).invalid_records;
  const bad = invalidCount ? `, ${invalidCount} of them invalid records (see exceptions)` : '';
  process.stdout.write(`Wrote ${files.size + 1} files for ${population.length} incidents${bad} to ${out} (commit ${commit.sha.slice(0, 12)}); package SHA-256 (of manifest.json) ${sha256(manifestText)}.\n`);
  return 0;
}

function verify(dir: string | undefined, rerun: boolean): number {
  if (!dir) throw new UserError('usage: npm run audit -- verify DIR [--rerun]', 2);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    if (typeof manifest !== 'object' || manifest === null || typeof manifest.files !== 'object') throw new Error('not a manifest');
  } catch {
    throw new UserError(`${dir}/manifest.json: missing or not a manifest; is this an evidence package?`);
  }
  const files = readPackage(dir);
  files.delete('manifest.json');
  const parsedCatalog = parseCatalog(load(files.get('catalog.yaml')?.toString('utf8') ?? ''));
  const catalog = parsedCatalog.ok ? indexCatalog(parsedCatalog.catalog) : undefined;
  const problems = verifyPackage({ manifest, files, sha256, catalog });

  // Anchor the package to the repository when run inside a clone: the commit must exist and its time is "as of".
  const root = topLevel(process.cwd());
  const commit = String(manifest.commit);
  const notes: string[] = [];
  if (root) {
    const at = commitTime(root, commit);
    if (at === undefined) problems.push(`manifest.json: commit ${commit} is not in this repository; run verify in a clone of the repository the package came from`);
    else if (Date.parse(at) !== Date.parse(manifest.generated_at)) problems.push(`manifest.json: generated_at ${manifest.generated_at} is not the time of commit ${commit.slice(0, 12)} (${at})`);
    else if (!problems.length && catalog) {
      const atCommit = new Map(filesAtHead(root, INCIDENTS_DIR, commit).filter(isIncidentPath).map((f) => [f, showAt(root, commit, f)]));
      let catalogAtCommit: Buffer | undefined;
      try {
        catalogAtCommit = showAt(root, commit, CATALOG_PATH);
      } catch {
        catalogAtCommit = undefined;
      }
      problems.push(...compareWithCommit({ manifest, files, atCommit, catalogAtCommit, catalog }));
      if (rerun && !problems.length) problems.push(...rerunExport(root, dir, manifest, files, process.env));
    }
    if (at !== undefined) notes.push(`records match commit ${commit.slice(0, 12)} in this repository`);
  } else {
    if (rerun) throw new UserError('verify --rerun needs a clone of the repository: run it inside one', 2);
    notes.push('not inside a clone: the records were not compared with the commit');
  }
  if (problems.length) {
    process.stdout.write(`✖ ${problems.length} problem(s) in ${dir}:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
    return 1;
  }
  process.stdout.write(`✔ ${dir}: ${Object.keys(manifest.files).length} files match their hashes; the manifest, every row and every SLA figure re-perform; the report re-generates identically${rerun ? '; a re-run of the export from the commit is byte-identical' : ''} (${notes.join('; ')}).\n`);
  return 0;
}
