/**
 * Global setup of the site tests: builds the real site once, with the real
 * `astro build`, from the privacy fixture repository at a fixed instant.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { REPO_ROOT } from '../builders.ts';
import { writeFixtureRepo } from './privacy-fixture.ts';

export const SITE_NOW = '2026-11-28T09:00:00+09:00';

declare module 'vitest' {
  export interface ProvidedContext {
    distDir: string;
    buildLog: string;
  }
}

export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'site-test-'));
  writeFixtureRepo(dir);
  const outDir = join(dir, 'dist');
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', REPO_ROOT, '--outDir', outDir], {
    cwd: REPO_ROOT,
    env: { ...process.env, STATUS_ROOT: dir, STATUS_NOW: SITE_NOW, ASTRO_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`astro build failed:\n${r.stdout}\n${r.stderr}`);
  project.provide('distDir', outDir);
  project.provide('buildLog', r.stdout + r.stderr);
  return () => rmSync(dir, { recursive: true, force: true });
}
