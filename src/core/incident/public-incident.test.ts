/**
 * The public-scope filter is the one producer of `PublicIncident`: at run
 * time it drops customer-scope incidents and strips what is never published;
 * at compile time (`npm run typecheck` reads the `@ts-expect-error` lines) an
 * `Incident` cannot stand where a `PublicIncident` is required; and no other
 * file asserts the type by a cast.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog, makeIncident, REPO_ROOT } from '../../../test/builders.ts';
import { incidentPageView } from '../views/incident-page.ts';
import type { SiteData } from '../views/site-data.ts';
import { publicIncidents, type PublicIncident } from './public-incident.ts';
import type { Incident } from './schema.ts';

const pub = makeIncident({ id: '2026-11-20-kcps-public-one', internal: { notes: 'NOTE-MARKER' } });
const customer = makeIncident({ id: '2026-11-20-kcps-customer-one', scope: 'customer', customers: ['cust-4f2a91'] });
const now = Date.parse('2026-11-28T09:00:00+09:00');

describe('publicIncidents, the one public-scope filter', () => {
  it('keeps public incidents in order, drops customer-scope ones, strips internal notes and customer ids, and leaves its input alone', () => {
    const stray = { ...pub, id: '2026-11-20-kcps-public-two', customers: ['cust-zz9marker'] } satisfies Incident;
    const input = [customer, pub, stray];
    const out = publicIncidents(input);
    expect(out.map((i) => i.id)).toEqual([pub.id, stray.id]);
    expect(out.every((i) => !('internal' in i) && !('customers' in i))).toBe(true);
    expect(JSON.stringify(out)).not.toMatch(/NOTE-MARKER|cust-/);
    expect(input[1]).toBe(pub);
    expect(pub.internal?.notes).toBe('NOTE-MARKER');
    expect(publicIncidents([])).toEqual([]);
    expect(publicIncidents([customer, customer])).toEqual([]);
  });

  it('an Incident is refused where a PublicIncident is required (checked by npm run typecheck)', () => {
    const data: SiteData = { incidents: publicIncidents([pub]), catalog, now };
    // @ts-expect-error an unfiltered Incident (it might be customer-scope) is not a PublicIncident
    const page = () => incidentPageView(customer, data, 'en');
    // @ts-expect-error site data holds filtered incidents only
    const unfiltered: SiteData = { incidents: [pub, customer], catalog, now };
    // @ts-expect-error a look-alike with scope "public" lacks the filter's brand
    const lookAlike: PublicIncident = { ...pub, scope: 'public' };
    const [published] = publicIncidents([pub]);
    // @ts-expect-error re-scoping a published incident makes it something else
    const rescoped: PublicIncident = { ...published!, scope: 'customer' };
    // A filtered incident goes wherever an Incident goes (cards, clocks, status).
    const widened: Incident = published!;
    expect([typeof page, unfiltered.incidents.length, lookAlike.id, rescoped.id, widened.id]).toEqual([
      'function',
      2,
      pub.id,
      pub.id,
      pub.id,
    ]);
  });

  it('no file but the filter asserts the type by a cast', () => {
    // `as T`, `as unknown as T`, `as readonly T[]`, `as [T, T]`, `<T>x` (the name is assembled so this file does not match itself).
    const name = ['Public', 'Incident'].join('');
    const cast = new RegExp(String.raw`\bas\s+(?:unknown\s+as\s+)?(?:readonly\s+)?\[?${name}\b|<${name}>`);
    const roots = ['src', 'scripts', 'test', 'bench'];
    const files = roots.flatMap((r) =>
      readdirSync(join(REPO_ROOT, r), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && /\.(ts|astro|mjs)$/.test(e.name))
        .map((e) => relative(REPO_ROOT, join(e.parentPath, e.name)).split('\\').join('/')),
    );
    expect(files).toContain('src/core/incident/public-incident.ts');
    const casting = files.filter((f) => cast.test(readFileSync(join(REPO_ROOT, f), 'utf8')));
    expect(casting).toEqual(['src/core/incident/public-incident.ts']);
  });
});
