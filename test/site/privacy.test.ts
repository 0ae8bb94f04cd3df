import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { distFiles, readDist } from './dist-files.ts';
import { CUSTOMER_SCOPE_IDS, MARKERS, STAFF_LOGINS } from './privacy-fixture.ts';

const dist = inject('distDir');
const files = distFiles(dist);

describe('nothing private reaches any file of the built site', () => {
  it('the build has the public pages (the scan is not of an empty folder)', () => {
    expect(files).toContain('index.html');
    expect(files).toContain('incidents/2026-11-24-kcps-privacy-public-notes/index.html');
    expect(files.length).toBeGreaterThan(100);
    // The outputs other sites and tools read are scanned too.
    expect(files).toEqual(
      expect.arrayContaining([
        'embed/index.html',
        'en/embed/index.html',
        'api/embed.json',
        'api/related.json',
        'api/v2/summary.json',
        'feed.xml',
      ]),
    );
  });

  it.each(Object.entries(MARKERS))('%s marker appears in no file', (_name, marker) => {
    const hits = files.filter((f) => readFileSync(join(dist, f)).includes(marker));
    expect(hits).toEqual([]);
  });

  it('no customer id at all, and no page for a customer-scope incident', () => {
    expect(files.filter((f) => /cust-[a-z0-9]{4,}/.test(readFileSync(join(dist, f), 'latin1')))).toEqual([]);
    expect(
      files.filter((f) => f.includes('privacy-customer') || f.includes('instance-stop') || f.includes('key-exposure')),
    ).toEqual([]);
  });

  it('a related link to a customer-scope incident is published nowhere (not its id, not its title); the public link is', () => {
    const related = JSON.parse(readDist(dist, 'api/related.json')) as {
      incidents: { id: string; related: string[] }[];
    };
    const links = Object.fromEntries(related.incidents.map((i) => [i.id, i.related]));
    expect(links['2026-11-24-kcps-privacy-public-notes']).toEqual(['2026-11-23-kcps-hostile-message-text']);
    expect(links['2026-11-23-kcps-hostile-message-text']).toEqual(['2026-11-24-kcps-privacy-public-notes']);
    expect(readDist(dist, 'en/incidents/2026-11-24-kcps-privacy-public-notes/index.html')).toContain(
      'href="/en/incidents/2026-11-23-kcps-hostile-message-text/"',
    );
    const hits = files.flatMap((f) => {
      const text = readFileSync(join(dist, f), 'utf8');
      return CUSTOMER_SCOPE_IDS.filter((id) => text.includes(id)).map((id) => `${id} in ${f}`);
    });
    expect(hits).toEqual([]);
  });

  it('the related public incident is listed with its own status and targets, in both languages; the customer-scope one is not', () => {
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const [page, status, notify, recover] of [
      [
        'en/incidents/2026-11-24-kcps-privacy-public-notes/index.html',
        'Resolved',
        'Customer notification (within 30 minutes)',
        'Recovery (within 2 hours)',
      ],
      [
        'incidents/2026-11-24-kcps-privacy-public-notes/index.html',
        '復旧',
        'お客さまへの通知（30 分以内）',
        '復旧（2 時間以内）',
      ],
    ] as const) {
      const list = /<ul class="related"[^>]*>([\s\S]*?)<\/ul>/.exec(readDist(dist, page))?.[1] ?? '';
      expect(list.match(/<li[ >]/g), page).toHaveLength(1);
      expect(list).toContain('/incidents/2026-11-23-kcps-hostile-message-text/"');
      expect(list).toMatch(new RegExp(`class="st operational"[^>]*>${escape(status)}</strong>`));
      for (const target of [notify, recover])
        expect(list).toMatch(new RegExp(`${escape(target)}: <span class="(met|missed|running)"[^>]*>`));
      expect(list).not.toContain(CUSTOMER_SCOPE_IDS[0]!);
    }
  });

  it('no staff login and no e-mail address', () => {
    for (const f of files) {
      const text = readFileSync(join(dist, f), 'utf8');
      for (const login of STAFF_LOGINS) expect(text.includes(login), `${login} in ${f}`).toBe(false);
      // iCalendar UIDs are "<id>@<host>" by RFC 5545's recommendation, not addresses.
      const scanned = f.endsWith('.ics') ? text.replace(/^UID:.*$/gm, '') : text;
      expect(scanned.match(/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z]{2,}/g) ?? [], f).toEqual([]);
    }
  });
});
