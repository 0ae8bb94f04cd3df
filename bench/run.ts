/**
 * npm run bench [-- --runs N --sizes 1000,10000]: generates synthetic
 * incident repositories and measures the real commands on them (wall time
 * and peak memory of the child process). Prints a table and keeps it in
 * bench/results.md. Targets are reported, not asserted: this machine is noisy.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readCatalog } from '../src/adapters/catalog-store.ts';
import { generateIncidents } from './generate.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, sizes: { type: 'string', default: '1000,10000' } } });
const runs = Number(values.runs);
const sizes = values.sizes!.split(',').map(Number);
const NOW = '2026-11-27T12:00:00+09:00';

interface Row {
  what: string;
  n: number;
  medianMs: number;
  bestMs: number;
  peakMb: number;
  target: string;
  verdict: string;
}

function measure(args: string[], cwd: string): { ms: number; rssKb: number; code: number } {
  const start = performance.now();
  const r = spawnSync(process.execPath, ['--import', join(ROOT, 'bench/rusage.ts'), ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - start;
  const rss = /BENCH_MAX_RSS_KB=(\d+)/.exec(r.stderr);
  return { ms, rssKb: rss ? Number(rss[1]) : NaN, code: r.status ?? -1 };
}

function repeat(what: string, n: number, args: string[], cwd: string, targetMs?: number, expectCode = 0): Row {
  const samples = Array.from({ length: runs }, () => measure(args, cwd));
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
    target: targetMs ? `< ${targetMs / 1000} s` : '',
    verdict: targetMs ? (median < targetMs ? 'met' : times[0]! < targetMs ? 'met at best, not at median' : 'missed') : '',
  };
}

const catalog = readCatalog(ROOT);
const rows: Row[] = [];
for (const n of sizes) {
  const dir = mkdtempSync(join(tmpdir(), `bench-${n}-`));
  mkdirSync(join(dir, 'config'));
  cpSync(join(ROOT, 'config/catalog.yaml'), join(dir, 'config/catalog.yaml'));
  process.stderr.write(`generating ${n} incidents…\n`);
  generateIncidents(dir, n, catalog, Date.parse(NOW));
  process.stderr.write(`checking ${n} incidents, ${runs} runs…\n`);
  rows.push(repeat('check (all rules)', n, [join(ROOT, 'scripts/check.ts'), '--now', NOW], dir, n === 10_000 ? 2000 : undefined));
  rows.push(repeat('floor: gray-matter + zod only', n, [join(ROOT, 'bench/floor.ts')], dir));
  rmSync(dir, { recursive: true, force: true });
}

const header = '| what | incidents | median | best | peak memory | target | verdict |\n|---|---:|---:|---:|---:|---|---|';
const lines = rows.map((r) => `| ${r.what} | ${r.n.toLocaleString('en')} | ${(r.medianMs / 1000).toFixed(2)} s | ${(r.bestMs / 1000).toFixed(2)} s | ${r.peakMb} MB | ${r.target} | ${r.verdict} |`);
const machine = `${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, ${runs} runs each`;
const table = `${header}\n${lines.join('\n')}`;
process.stdout.write(`\n${table}\n\n${machine}\n`);
writeFileSync(
  join(ROOT, 'bench/results.md'),
  `# Benchmark results\n\nWritten by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machine}.\nWall time and peak RSS of the real command as a child process, on synthetic repositories from bench/generate.ts.\n\n${table}\n`,
);
