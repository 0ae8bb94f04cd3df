/**
 * The Astro side of the wiring, once per build: the build inputs (root,
 * catalog, instant, URL), the public incidents from the content collection
 * (the checker's loader and schema) through the one public-scope filter, and
 * the ledger. Pages call this and hand the result to core view functions.
 */
import { getCollection } from 'astro:content';
import { readLedgerEntries } from '../adapters/ledger-store.ts';
import { ledgerOf } from '../core/ledger/ledger.ts';
import type { Lang } from '../core/i18n/labels.ts';
import { publicIncidents } from '../core/incident/public-incident.ts';
import type { SiteData } from '../core/views/site-data.ts';
import { buildInputs } from './build-inputs.ts';

/** What every page, feed and API file is rendered from. */
export interface SiteInputs extends SiteData {
  /** The public URL, without a trailing slash. */
  siteUrl: string;
}

let cached: Promise<SiteInputs> | undefined;

export function siteData(): Promise<SiteInputs> {
  cached ??= (async () => {
    const { root, catalog, now, siteUrl } = buildInputs();
    // A second pass on purpose: the collection store hands entries back typed by the zod schema (Incident, brand lost), and only publicIncidents may make a PublicIncident.
    const incidents = publicIncidents((await getCollection('incidents')).map((e) => e.data));
    return { incidents, catalog, now, siteUrl, ledger: ledgerOf(readLedgerEntries(root)) };
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
