/**
 * The site's inputs from the outside world, read once per build: the
 * repository root (STATUS_ROOT, else the working directory), the catalog,
 * the instant the site is built for (STATUS_NOW fixes it for tests and
 * reproducible builds) and the public URL (SITE_URL, else the catalog's).
 *
 * Astro evaluates this module more than once in one build (the config, the
 * content loader and the page bundle each load their own copy), so the
 * inputs are kept on the process, not in a module variable: every copy gets
 * the same catalog object and the same instant. They are keyed by those
 * environment variables because a different root or clock is a different build.
 */
import { readCatalog } from '../adapters/catalog-store.ts';
import type { CatalogIndex } from '../core/catalog/index.ts';
import { UserError } from '../core/errors.ts';
import { parseInstant } from '../core/time.ts';

export interface BuildInputs {
  root: string;
  catalog: CatalogIndex;
  /** The build's single instant: the loader's checks, every page, the feeds and the JSON agree on "last updated". */
  now: number;
  /** The public URL, without a trailing slash. */
  siteUrl: string;
}

const STORE = Symbol.for('status-portal.build-inputs');

export function buildInputs(): BuildInputs {
  const env = {
    root: process.env.STATUS_ROOT ?? process.cwd(),
    now: process.env.STATUS_NOW ?? '',
    url: process.env.SITE_URL ?? '',
  };
  const key = JSON.stringify(env);
  const shared = globalThis as typeof globalThis & { [STORE]?: Map<string, BuildInputs> };
  const store = (shared[STORE] ??= new Map());
  let inputs = store.get(key);
  if (!inputs) {
    const catalog = readCatalog(env.root);
    inputs = { root: env.root, catalog, now: readNow(env.now), siteUrl: env.url || catalog.catalog.site.url };
    store.set(key, inputs);
  }
  return inputs;
}

function readNow(fixed: string): number {
  if (!fixed) return Date.now();
  // The same strict parse as the scripts' --now: "2026" or a naive time would be read in the machine's zone.
  const ms = parseInstant(fixed);
  if (ms === undefined)
    throw new UserError(`STATUS_NOW=${fixed}: expected an RFC 3339 time with offset, e.g. 2026-11-27T10:00:00+09:00`);
  return ms;
}
