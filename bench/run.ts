/**
 * npm run bench [-- --runs N --sizes 1000,10000 --only check]: generates synthetic
 * incident repositories and measures the real commands on them (wall time
 * and peak memory of the child process). Prints a table and keeps it in
 * bench/results.md. Targets are reported, not asserted: this machine is noisy.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readCatalog } from '../src/adapters/catalog-store.ts';
import { generateIncidents } from './generate.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'site-runs': { type: 'string', default: '3' },
    sizes: { type: 'string', default: '1000,10000' },
    only: { type: 'string' },
  },
});
/** --only check: the checker rows alone (full, PR-sized, floor), for a quick run. */
const checkOnly = values.only === 'check';
const runs = Number(values.runs);
const siteRuns = Number(values['site-runs']);
const sizes = values.sizes!.split(',').map(Number);
const NOW = '2026-11-27T12:00:00+09:00';

interface Row {
  what: string;
  n: number;
  medianMs: number;
  bestMs: number;
  peakMb: number;
  cpuMs: number;
  target: string;
  verdict: string;
}

function measure(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): { ms: number; rssKb: number; cpuMs: number; code: number } {
  const start = performance.now();
  const r = spawnSync(process.execPath, ['--import', join(ROOT, 'bench/rusage.ts'), ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, ...env },
  });
  const ms = performance.now() - start;
  const rss = /BENCH_MAX_RSS_KB=(\d+)/.exec(r.stderr);
  const cpu = /BENCH_CPU_MS=(\d+)/.exec(r.stderr);
  return { ms, rssKb: rss ? Number(rss[1]) : NaN, cpuMs: cpu ? Number(cpu[1]) : NaN, code: r.status ?? -1 };
}

function repeat(
  what: string,
  n: number,
  args: string[],
  cwd: string,
  targetMs?: number,
  expectCode = 0,
  env: Record<string, string> = {},
  count = runs,
): Row {
  const samples = Array.from({ length: count }, () => measure(args, cwd, env));
  const bad = samples.find((s) => s.code !== expectCode);
  if (bad) throw new Error(`${what} exited ${bad.code}`);
  const times = samples.map((s) => s.ms).sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  return {
    what,
    n,
    medianMs: Math.round(median),
    bestMs: Math.round(times[0]!),
    peakMb: Math.round(Math.max(...samples.map((s) => s.rssKb)) / 1024),
    cpuMs: samples.map((s) => s.cpuMs).sort((a, b) => a - b)[Math.floor(samples.length / 2)]!,
    target: targetMs ? `< ${targetMs / 1000} s` : '',
    verdict: targetMs
      ? median < targetMs
        ? 'met'
        : times[0]! < targetMs
          ? 'met at best, not at median'
          : 'missed'
      : '',
  };
}

const catalog = readCatalog(ROOT);
const rows: Row[] = [];
const weights: { n: number | string; bytes: { html: number; css: number; js: number } }[] = [];
const engine: string[] = [];

// Customer notification throughput: the real adapter and executor against the fake Resend at its documented limits.
if (!checkOnly) {
  process.stderr.write(
    'notifying 10,000 recipients through the fake Resend (2 requests/s, 100 e-mails per batch, one contact per message)…\n',
  );
  const t = JSON.parse(
    spawnSync(process.execPath, [join(ROOT, 'bench/notify-throughput.ts'), '10000'], { cwd: ROOT, encoding: 'utf8' })
      .stdout,
  ) as {
    ms: number;
    customers: number;
    accepted: number;
    duplicates: number;
    requests: number;
    rateLimited: number;
    maxTo: number;
  };
  engine.push(
    `| e-mail 10,000 recipients (${t.customers.toLocaleString('en')} customers), one message per contact, batches of 100 at 2 requests/s: ${t.accepted.toLocaleString('en')} accepted, ${t.duplicates} duplicates, largest \`to\` ${t.maxTo}, ${t.requests} requests (${t.rateLimited} answered 429 and retried) | ${(t.ms / 1000).toFixed(1)} s | < 60 s, 0 duplicates, ≤ 50 per message | ${t.ms < 60_000 && t.duplicates === 0 && t.accepted === 10_000 && t.maxTo <= 50 ? 'met' : 'missed'} |`,
  );
}

/** Home page weight as shipped: its HTML plus any CSS and JS files it references (styles are inlined). */
function pageWeight(outDir: string): { html: number; css: number; js: number } {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const assets = [...html.matchAll(/(?:href|src)="(\/[^"]+\.(css|js))"/g)];
  const size = (ext: string) =>
    assets.filter((m) => m[2] === ext).reduce((sum, m) => sum + statSync(join(outDir, m[1]!)).size, 0);
  return { html: Buffer.byteLength(html), css: size('css'), js: size('js') };
}

// The sample data's home page, as `npm start` builds it.
if (!checkOnly) {
  const outDir = mkdtempSync(join(tmpdir(), 'bench-sample-'));
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', outDir], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (r.status !== 0) throw new Error(`sample build failed: ${r.stderr}`);
  weights.push({ n: 'sample data', bytes: pageWeight(outDir) });
  rmSync(outDir, { recursive: true, force: true });
}
for (const n of sizes) {
  const dir = mkdtempSync(join(tmpdir(), `bench-${n}-`));
  mkdirSync(join(dir, 'config'));
  cpSync(join(ROOT, 'config/catalog.yaml'), join(dir, 'config/catalog.yaml'));
  process.stderr.write(`generating ${n} incidents…\n`);
  generateIncidents(dir, n, catalog, Date.parse(NOW));
  process.stderr.write(`checking ${n} incidents, ${runs} runs…\n`);
  rows.push(
    repeat(
      'check (all rules)',
      n,
      [join(ROOT, 'scripts/check.ts'), '--now', NOW],
      dir,
      n === 10_000 ? 2000 : undefined,
    ),
  );
  rows.push(repeat('floor: gray-matter + zod only', n, [join(ROOT, 'bench/floor.ts')], dir));
  // A pull request that changes one file: the check parses what changed since the merge-base, not the repository.
  prBranch(dir);
  rows.push(
    repeat(
      'check --base main (PR changing 1 file)',
      n,
      [join(ROOT, 'scripts/check.ts'), '--now', NOW, '--base', 'main'],
      dir,
      n === 10_000 ? 500 : undefined,
    ),
  );
  // The same without Node's compile cache: what a first run after a code change (or a CI runner without a restored cache) pays.
  rows.push(
    repeat(
      'check --base main, compile cache off',
      n,
      [join(ROOT, 'scripts/check.ts'), '--now', NOW, '--base', 'main'],
      dir,
      undefined,
      0,
      { NODE_DISABLE_COMPILE_CACHE: '1' },
    ),
  );
  if (checkOnly) {
    rmSync(dir, { recursive: true, force: true });
    continue;
  }
  if (n === 10_000) {
    const plan = JSON.parse(
      spawnSync(process.execPath, [join(ROOT, 'bench/plan-time.ts'), NOW], { cwd: dir, encoding: 'utf8' }).stdout,
    ) as { ms: number; actions: number };
    engine.push(
      `| plan the SLA actions for ${n.toLocaleString('en')} incidents (empty ledger: ${plan.actions.toLocaleString('en')} actions) | ${plan.ms} ms | < 1 s | ${plan.ms < 1000 ? 'met' : 'missed'} |`,
    );
  }
  process.stderr.write(`building the site from ${n} incidents, ${siteRuns} runs…\n`);
  const outDir = join(dir, 'dist');
  const build = repeat(
    'site build (ja + en)',
    n,
    [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', ROOT, '--outDir', outDir],
    ROOT,
    n === 10_000 ? 60_000 : undefined,
    0,
    { STATUS_ROOT: dir, STATUS_NOW: NOW, ASTRO_TELEMETRY_DISABLED: '1' },
    siteRuns,
  );
  rows.push(build);
  weights.push({ n, bytes: pageWeight(outDir) });
  rmSync(dir, { recursive: true, force: true });
}

/** Commits the generated repository on main, then changes one incident on a branch (an appended note in its body). */
function prBranch(dir: string): void {
  const git = (...args: string[]) =>
    spawnSync(
      'git',
      ['-c', 'user.name=bench', '-c', 'user.email=bench@invalid', '-c', 'commit.gpgsign=false', ...args],
      { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
    );
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'generated');
  git('checkout', '-q', '-b', 'pr');
  const file = git('ls-files', 'incidents')
    .stdout.split('\n')
    .find((p) => p.endsWith('.md'))!;
  writeFileSync(join(dir, file), `${readFileSync(join(dir, file), 'utf8')}\nA follow-up note from the review.\n`);
}

const header =
  '| what | incidents | median | best | CPU (median) | peak memory | target | verdict |\n|---|---:|---:|---:|---:|---:|---|---|';
const lines = rows.map(
  (r) =>
    `| ${r.what} | ${r.n.toLocaleString('en')} | ${(r.medianMs / 1000).toFixed(2)} s | ${(r.bestMs / 1000).toFixed(2)} s | ${(r.cpuMs / 1000).toFixed(2)} s | ${r.peakMb} MB | ${r.target} | ${r.verdict} |`,
);
const load = `load average at the end: ${loadavg()
  .map((x) => x.toFixed(1))
  .join(', ')}`;
const weightTable = `| home page (ja) | HTML | CSS | JS | total | target |\n|---|---:|---:|---:|---:|---|\n${weights
  .map(
    (w) =>
      `| ${typeof w.n === 'number' ? `${w.n.toLocaleString('en')} incidents` : w.n} | ${kb(w.bytes.html)} | ${kb(w.bytes.css)} | ${kb(w.bytes.js)} | ${kb(w.bytes.html + w.bytes.css + w.bytes.js)} | ≤ 40 KB, no JS |`,
  )
  .join('\n')}`;
function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
const machine = `${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, ${runs} runs each, ${load}`;
const engineTable = `| SLA engine | time | target | verdict |\n|---|---:|---|---|\n${engine.join('\n')}`;
const table = `${header}\n${lines.join('\n')}\n\n${weightTable}\n\n${engineTable}`;
process.stdout.write(`\n${table}\n\n${machine}\n`);
// A partial run (--only) prints its rows and leaves the full table in results.md alone.
if (!checkOnly)
  writeFileSync(
    join(ROOT, 'bench/results.md'),
    `# Benchmark results\n\nWritten by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machine}.\nWall time and peak RSS of the real command as a child process, on synthetic repositories from bench/generate.ts.\n\n${table}\n`,
  );
