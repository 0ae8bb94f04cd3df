/**
 * Global setup of the site tests: builds the real site with the real
 * `astro build`, at a fixed instant, from the privacy fixture repository and
 * from the same repository with 60 active incidents (the compact home page).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { REPO_ROOT } from '../builders.ts';
import { writeManyActiveRepo } from './many-fixture.ts';
import { writeFixtureRepo } from './privacy-fixture.ts';

export const SITE_NOW = '2026-11-28T09:00:00+09:00';

declare module 'vitest' {
  export interface ProvidedContext {
    distDir: string;
    buildLog: string;
    manyDistDir: string;
  }
}

function build(dir: string): Promise<{ outDir: string; log: string }> {
  const outDir = join(dir, 'dist');
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(REPO_ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', REPO_ROOT, '--outDir', outDir],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, STATUS_ROOT: dir, STATUS_NOW: SITE_NOW, ASTRO_TELEMETRY_DISABLED: '1' },
      },
    );
    let log = '';
    child.stdout.on('data', (c) => (log += c));
    child.stderr.on('data', (c) => (log += c));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve({ outDir, log }) : reject(new Error(`astro build failed:\n${log.slice(-20_000)}`)),
    );
  });
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'site-test-'));
  const many = mkdtempSync(join(tmpdir(), 'site-test-many-'));
  writeFixtureRepo(dir);
  writeManyActiveRepo(many);
  // One after the other: builds of one project share its .astro/ working files and must not overlap.
  const site = await build(dir);
  const manySite = await build(many);
  project.provide('distDir', site.outDir);
  project.provide('buildLog', site.log);
  project.provide('manyDistDir', manySite.outDir);
  return () => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(many, { recursive: true, force: true });
  };
}
