/**
 * npm run audit -- --from DATE --to DATE --out DIR [--format csv|json]
 * npm run audit -- verify DIR
 * The evidence package of a period, as of the current commit (byte-identical
 * when run twice on one commit), and its re-performance.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import holidayJp from '@holiday-jp/holiday_jp';
import { CATALOG_PATH, readCatalog } from '../src/adapters/catalog-store.ts';
import { assertClean, fileHistory, headCommit, repositoryName, showAtHead } from '../src/adapters/git-history.ts';
import { githubPullRequestPort } from '../src/adapters/github-pulls.ts';
import { listIncidentFiles } from '../src/adapters/incident-store.ts';
import { readLedgerEntries } from '../src/adapters/ledger-store.ts';
import { parseCsv } from '../src/core/audit/csv-parse.ts';
import { buildPackage, selectPopulation, type FileVersion } from '../src/core/audit/package.ts';
import { slaRecord } from '../src/core/audit/figures.ts';
import { auditManifest } from '../src/core/audit/manifest.ts';
import { managementReport } from '../src/core/audit/report.ts';
import { compareHashes, reperform, type Manifest } from '../src/core/audit/verify.ts';
import { indexCatalog, parseCatalog } from '../src/core/catalog/index.ts';
import { ledgerOf } from '../src/core/engine/ledger.ts';
import { UserError } from '../src/core/errors.ts';
import { parseSource } from '../src/core/frontmatter/parse-source.ts';
import { IncidentSchema, type Incident } from '../src/core/incident/schema.ts';
import { HOLIDAY_COVERAGE } from '../src/core/sla/desk-calendar.ts';
import { load } from 'js-yaml';
import { runMain } from './lib/run-main.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const DATE = /^\d{4}-\d{2}-\d{2}$/;

await runMain(async () => {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, format: { type: 'string', default: 'json' } } });
  if (positionals[0] === 'verify') return verify(positionals[1]);
  if (!values.from || !values.to || !values.out || !DATE.test(values.from) || !DATE.test(values.to)) throw new UserError('usage: npm run audit -- --from YYYY-MM-DD --to YYYY-MM-DD --out DIR [--format csv|json]\n       npm run audit -- verify DIR', 2);
  if (values.format !== 'json' && values.format !== 'csv') throw new UserError(`--format ${values.format}: expected csv or json`, 2);
  return exportPackage(values.from, values.to, values.out, values.format);
});

function parseIncident(file: string, text: string | undefined): Incident | undefined {
  if (text === undefined) return undefined;
  const parsed = parseSource(file, text);
  const result = parsed.ok ? IncidentSchema.safeParse(parsed.source.data) : undefined;
  return result?.success ? result.data : undefined;
}

async function exportPackage(from: string, to: string, out: string, format: 'json' | 'csv'): Promise<number> {
  const root = process.cwd();
  assertClean(root, ['incidents', 'ledger', 'config', 'postmortems']);
  const commit = headCommit(root);
  const asOf = Date.parse(commit.committedAt);
  const catalog = readCatalog(root);
  const records = new Map<string, string>();
  const incidents: Incident[] = [];
  for (const file of listIncidentFiles(root)) {
    const text = showAtHead(root, file);
    const incident = parseIncident(file, text);
    if (incident) {
      incidents.push(incident);
      records.set(incident.id, text);
    }
  }
  const population = selectPopulation(incidents, from, to);
  const histories = new Map<string, FileVersion[]>();
  for (const i of population) {
    const file = listIncidentFiles(root).find((f) => f.endsWith(`/${i.id}.md`))!;
    histories.set(i.id, fileHistory(root, file).map(({ content, ...v }) => ({ ...v, incident: parseIncident(file, content) })));
  }
  // With a token, each change is tied to the pull request that merged it (GitHub's facts, not the client's clock).
  if (process.env.GITHUB_TOKEN && process.env.GITHUB_REPOSITORY) {
    const pulls = githubPullRequestPort({ token: process.env.GITHUB_TOKEN, repository: process.env.GITHUB_REPOSITORY, baseUrl: process.env.GITHUB_API_URL, patient: process.env.STATUS_TEST_FAST_GITHUB !== '1' });
    const cache = new Map<string, Awaited<ReturnType<typeof pulls.pullRequestOf>>>();
    for (const versions of histories.values()) {
      for (const v of versions) {
        if (!cache.has(v.commit)) cache.set(v.commit, await pulls.pullRequestOf(v.commit));
        const pr = cache.get(v.commit);
        if (pr) v.pullRequest = pr;
      }
    }
  }
  const ledger = ledgerOf(readLedgerEntries(root));
  const files = buildPackage({ from, to, format, incidents, records, histories, ledger, catalog, asOf });
  const catalogText = readFileSync(join(root, CATALOG_PATH), 'utf8');
  files.set('catalog.yaml', catalogText);
  const sla = population.flatMap((i) => slaRecord(i, catalog, ledger, asOf) ?? []);
  files.set('report.html', managementReport({ title: `Incident management review ${from} to ${to}`, period: { from, to }, generatedAt: commit.committedAt, commit: commit.sha, population, sla, asOf }));

  const manifest = auditManifest({
    from, to, format, commit, repository: repositoryName(root), population, files, sha256,
    generatorVersion: JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version,
    catalog: { path: CATALOG_PATH, text: catalogText },
    calendar: { source: '@holiday-jp/holiday_jp', version: holidayJp.VERSION, covers: `${HOLIDAY_COVERAGE.from}–${HOLIDAY_COVERAGE.to}` },
  });
  if (existsSync(out) && readdirSync(out).length && !existsSync(join(out, 'manifest.json'))) throw new UserError(`${out} is not empty and holds no earlier package; choose an empty folder`);
  rmSync(out, { recursive: true, force: true });
  for (const [path, text] of files) {
    mkdirSync(dirname(join(out, path)), { recursive: true });
    writeFileSync(join(out, path), text);
  }
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  process.stdout.write(`Wrote ${files.size + 1} files for ${population.length} incidents to ${out} (commit ${commit.sha.slice(0, 12)}).\n`);
  return 0;
}

function verify(dir: string | undefined): number {
  if (!dir) throw new UserError('usage: npm run audit -- verify DIR', 2);
  let manifest: Manifest & { query: { format: 'json' | 'csv' } };
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  } catch {
    throw new UserError(`${dir}/manifest.json: missing or not JSON; is this an evidence package?`);
  }
  const texts = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else texts.set(relative(dir, p).split(sep).join('/'), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  const hashes = new Map([...texts].map(([p, t]) => [p, sha256(t)]));
  const problems = compareHashes(manifest, hashes);
  const table = (name: string) => {
    const text = texts.get(`${name}.${manifest.query.format}`) ?? '';
    return manifest.query.format === 'json' ? (JSON.parse(text || '[]') as Record<string, unknown>[]) : parseCsv(text);
  };
  const catalog = parseCatalog(load(texts.get('catalog.yaml') ?? ''));
  if (!catalog.ok) problems.push('catalog.yaml: not a valid catalog');
  else {
    const records = new Map([...texts].filter(([p]) => /^incidents\/[^/]+\/record\.md$/.test(p)).map(([p, t]) => [p.split('/')[1]!, t]));
    problems.push(...reperform({ population: table('population'), notifications: table('notifications'), records, catalog: indexCatalog(catalog.catalog), asOf: Date.parse(manifest.generated_at) }));
  }
  if (problems.length) {
    process.stdout.write(`✖ ${problems.length} problem(s) in ${dir}:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
    return 1;
  }
  process.stdout.write(`✔ ${dir}: ${Object.keys(manifest.files).length} files match their hashes; every SLA figure re-performs.\n`);
  return 0;
}
