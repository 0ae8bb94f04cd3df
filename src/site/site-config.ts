/**
 * The site's inputs from the outside world, read once: the repository root,
 * the catalog, the instant the site is built for (STATUS_NOW fixes it for
 * tests and reproducible builds) and the public URL.
 */
import { readCatalog } from '../adapters/catalog-store.ts';
import { UserError } from '../core/errors.ts';

export const repoRoot = (): string => process.env.STATUS_ROOT ?? process.cwd();

export function siteUrl(): string {
  return process.env.SITE_URL ?? readCatalog(repoRoot()).catalog.site.url;
}

let now: number | undefined;

/** The build's single instant: read once, so the loader, every page and the JSON agree on "last updated". */
export function buildNow(): number {
  now ??= readNow();
  return now;
}

function readNow(): number {
  const fixed = process.env.STATUS_NOW;
  if (!fixed) return Date.now();
  const ms = Date.parse(fixed);
  if (Number.isNaN(ms)) throw new UserError(`STATUS_NOW=${fixed}: expected an RFC 3339 time`);
  return ms;
}
