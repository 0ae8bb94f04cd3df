/**
 * The Astro side of the wiring: incidents from the content collection (the
 * checker's loader and schema), the catalog and the build instant, once per
 * build. Pages call this and hand the result to core view functions.
 */
import { getCollection } from 'astro:content';
import { readCatalog } from '../adapters/catalog-store.ts';
import { readLedgerEntries } from '../adapters/ledger-store.ts';
import { ledgerOf } from '../core/engine/ledger.ts';
import type { Lang } from '../core/i18n/labels.ts';
import type { SiteData } from '../core/views/site-data.ts';
import { buildNow, repoRoot, siteUrl } from './site-config.ts';

let cached: Promise<SiteData> | undefined;

export function siteData(): Promise<SiteData> {
  cached ??= (async () => {
    const entries = await getCollection('incidents');
    const root = repoRoot();
    return { incidents: entries.map((e) => e.data).filter((i) => i.scope === 'public'), catalog: readCatalog(root), now: buildNow(), ledger: ledgerOf(readLedgerEntries(root)) };
  })();
  return cached;
}

/** getStaticPaths for pages that exist in both languages: Japanese at /, English at /en/. */
export function langPaths(): { params: { lang: string | undefined }; props: { lang: Lang } }[] {
  return [
    { params: { lang: undefined }, props: { lang: 'ja' } },
    { params: { lang: 'en' }, props: { lang: 'en' } },
  ];
}

export function langOf(param: string | undefined): Lang {
  return param === 'en' ? 'en' : 'ja';
}

export { siteUrl };
