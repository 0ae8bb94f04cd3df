// Hostile tests from a follower's point of view: feed readers, webhook receivers, chat apps.
import { describe, expect, it } from 'vitest';
import Parser from 'rss-parser';
import { renderRss, type RssItem } from './rss.ts';
import { planWebhooks, slackMessage, teamsMessage } from '../engine/webhooks.ts';
import { embedJson, embedView } from './embed.ts';
import { makeIncident, catalog } from '../../../test/builders.ts';
import { WebhookEndpointSchema } from '../engine/directory.ts';
import { sign, verifySignature } from '../../adapters/webhook.ts';
import type { Incident } from '../incident/schema.ts';
import { publicIncidents } from '../incident/public-incident.ts';

const channel = {
  title: 'T',
  description: 'D',
  link: 'https://status.example.com/en/',
  self: 'https://status.example.com/en/feed.xml',
  language: 'en',
  lastBuildDate: Date.UTC(2026, 10, 28),
};
const item = (description: string, title = 'title'): RssItem => ({
  title,
  link: 'https://status.example.com/en/incidents/x/',
  pubDate: new Date(Date.UTC(2026, 10, 28)),
  description,
  categories: ['c&<>'],
});

async function roundTrip(description: string, title?: string) {
  // Through UTF-8 bytes, as a reader fetching the file gets it.
  const xml = Buffer.from(renderRss(channel, [item(description, title)]), 'utf8').toString('utf8');
  const feed = await new Parser().parseString(xml);
  return { xml, it: feed.items[0]! };
}

describe('RSS under hostile message text', () => {
  it.each([
    ['CDATA terminator', 'a ]]> b ]]]]><![CDATA[ c'],
    ['markup and entities', '<b>bold</b> &amp; & &lt; "q" \'a\' </description></item><item>'],
    ['emoji and astral', '障害 🚨👩‍💻 𠮷野家'],
    ['very long', 'x&<'.repeat(40_000)],
  ])('%s comes back exact in a real parser', async (_n, text) => {
    const { it: got } = await roundTrip(text, text);
    expect(got.contentSnippet).toBe(text);
    expect(got.title).toBe(text);
  });

  it('control characters XML 1.0 forbids never reach the document; tab and line breaks survive', async () => {
    const text = 'a\u0000b\u0001c\u0008d\u000be\u000cf\u001fg\ttab\nline';
    const { xml, it: got } = await roundTrip(text, text);
    // eslint-disable-next-line no-control-regex
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(got.contentSnippet).toBe('abcdefg\ttab\nline');
  });

  it('U+FFFE / U+FFFF (not XML characters) are dropped', async () => {
    const { xml } = await roundTrip('a\ufffeb\uffffc');
    expect(xml).not.toMatch(/[\ufffe\uffff]/);
  });

  it('a lone surrogate does not leave an unpaired surrogate in the document (it is not an XML Char)', () => {
    const xml = renderRss(channel, [item('a\ud800b\udc00c', 'x\udfffy')]);
    // A string with unpaired surrogates is not encodable as UTF-8: writers silently turn it into U+FFFD.
    expect(xml).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });
});

describe('signed webhooks as a receiver verifies them', () => {
  const secret = 'a-very-secret-secret';
  const body = JSON.stringify({ m: '障害 🚨 "q" \u2028 </script>' });
  it('non-ASCII body verifies from the bytes on the wire, and one changed byte fails', () => {
    const ts = '1795000000';
    const header = sign(secret, ts, body);
    const wire = Buffer.from(body, 'utf8').toString('utf8');
    expect(verifySignature(secret, ts, wire, header, 1795000010)).toBe(true);
    expect(verifySignature(secret, ts, wire.replace('障', '章'), header, 1795000010)).toBe(false);
    expect(verifySignature('another-secret-xx', ts, wire, header, 1795000010)).toBe(false);
  });
  it('replays outside five minutes and malformed timestamps are refused', () => {
    const ts = '1795000000';
    const header = sign(secret, ts, body);
    expect(verifySignature(secret, ts, body, header, 1795000301)).toBe(false);
    for (const bad of ['', '1795000000.0', ' 1795000000', '-1', '1e9'])
      expect(verifySignature(secret, bad, body, sign(secret, bad, body), 1795000000)).toBe(false);
    expect(verifySignature(secret, ts, body, header.toUpperCase(), 1795000000)).toBe(false);
  });
});

describe('webhook plan', () => {
  const inc = (id: string, scope: 'public' | 'customer') =>
    ({
      id,
      scope,
      service: 'kcps',
      updates: [
        { at: '2026-11-28T08:00:00+09:00', status: 'investigating' },
        { at: '2026-11-28T08:30:00+09:00', status: 'resolved' },
      ],
    }) as unknown as Incident;
  const now = Date.parse('2026-11-28T09:00:00+09:00');
  const empty = { has: () => false } as unknown as Parameters<typeof planWebhooks>[2];
  it('customer-scope incidents are never planned; event ids are the same on every run and for every endpoint', () => {
    const eps = [{ id: 'a' }, { id: 'b' }];
    const one = planWebhooks([inc('2026-11-28-pub', 'public'), inc('2026-11-28-cust', 'customer')], eps, empty, now);
    const two = planWebhooks([inc('2026-11-28-cust', 'customer'), inc('2026-11-28-pub', 'public')], eps, empty, now);
    expect(one.every((a) => a.incident === '2026-11-28-pub')).toBe(true);
    expect(one).toHaveLength(4);
    expect(two.map((a) => a.eventId)).toEqual(one.map((a) => a.eventId));
    expect(new Set(one.map((a) => a.eventId)).size).toBe(2);
  });
});

describe('webhook endpoint URLs (SSRF)', () => {
  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'https://169.254.169.254/',
    'http://10.0.0.5/hook',
    'https://192.168.1.10/',
    'https://[fd00::1]/',
    'https://[::ffff:10.0.0.1]/',
    'https://0.0.0.0/',
    'https://user:pw@recv.example.net/',
  ])(
    'an endpoint pointing at a link-local / private / unspecified address or carrying credentials %s is refused',
    (url) => {
      expect(WebhookEndpointSchema.safeParse({ id: 'x', kind: 'slack', url }).success).toBe(false);
    },
  );
  // Decision: loopback stays allowed (a relay beside the runner, and the tests' fake receivers); nothing of a customer's lives there.
  it.each(['http://127.0.0.1:8080/', 'http://localhost/', 'http://[::1]/'])(
    'loopback %s is allowed (a local relay)',
    (url) => {
      expect(WebhookEndpointSchema.safeParse({ id: 'x', kind: 'slack', url }).success).toBe(true);
    },
  );
  it('a signed statuspage endpoint over plain http (secret-bearing payload in clear) is refused', () => {
    expect(
      WebhookEndpointSchema.safeParse({
        id: 'x',
        kind: 'statuspage',
        url: 'http://recv.example.net/hook',
        secret: 'a-very-secret-secret',
      }).success,
    ).toBe(false);
  });
});

const NOW = Date.parse('2026-11-28T09:00:00+09:00');
const noLedger = { has: () => false } as unknown as Parameters<typeof planWebhooks>[2];
const active = (n: number, message = 'x') =>
  makeIncident({
    id: `2026-11-28-kcps-inc-${n}`,
    detection: { source: 'monitoring', at: `2026-11-28T08:0${n}:00+09:00`, ref: 'A' },
    updates: [{ at: `2026-11-28T08:1${n}:00+09:00`, status: 'investigating', message: { ja: message, en: message } }],
  } as unknown as Partial<Incident>);
const maintenance = makeIncident({
  id: '2026-11-28-kcps-maint',
  type: 'maintenance',
  severity: undefined,
  detection: undefined,
  window: { start: '2026-11-28T07:00:00+09:00', end: '2026-11-28T12:00:00+09:00' },
  components: [{ id: 'object-storage', status: 'under_maintenance' }],
  updates: [{ at: '2026-11-28T07:00:00+09:00', status: 'in_progress', message: { ja: 'm', en: 'm' } }],
} as unknown as Partial<Incident>);

describe('embed: maintenance words', () => {
  it('maintenance only: the embed says maintenance, not operational', () => {
    const data = { incidents: publicIncidents([maintenance]), catalog, now: NOW };
    expect(embedView(data, 'en', 'https://s.example').indicator).toBe('maintenance');
    expect(embedJson(data, 'https://s.example').status.indicator).toBe('maintenance');
  });
  it('incidents outranking an active maintenance: the embed still shows the maintenance in progress', () => {
    const data = {
      incidents: publicIncidents([active(1), active(2), active(3), active(4), maintenance]),
      catalog,
      now: NOW,
    };
    const v = embedView(data, 'en', 'https://s.example');
    expect(v.indicator).toBe('minor');
    // Today the list keeps the 3 newest items; the older maintenance falls into "+2 more" and nothing says maintenance.
    const shown = v.label + v.current.map((c) => `${c.href} ${c.statusLabel}`).join(' ');
    expect(shown).toMatch(/maint/i);
  });
});

describe('chat payloads end to end', () => {
  const hostile = '<!channel> <@U123> & <https://evil.example|x>\nsecond line';
  const inc = active(1, hostile);
  const ctx = { incidents: [inc], catalog, siteUrl: 'https://s.example' };
  const action = planWebhooks([inc], [{ id: 'e' }], noLedger, NOW)[0]!;
  it('Slack: no mention or forged link survives in text or blocks', () => {
    const body = JSON.parse(slackMessage(action, ctx, 'both').body) as {
      text: string;
      blocks: { text?: { text: string } }[];
    };
    const all = [body.text, ...body.blocks.map((b) => b.text?.text ?? '')].join('\n');
    expect(all).not.toMatch(/<[!@]/);
    expect(all).not.toContain('<https://evil.example');
    expect(all).toContain('&lt;!channel&gt;');
  });
  it('Teams: a line break in the message survives (Adaptive Card TextBlocks need a blank line, "\\n\\n", outside lists)', () => {
    // Source: learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format ("Newlines for Adaptive Cards").
    const body = JSON.parse(teamsMessage(action, ctx, 'en').body) as {
      attachments: { content: { body: { text: string }[] } }[];
    };
    const block = body.attachments[0]!.content.body.find((b) => b.text.includes('second line'))!;
    expect(block.text).toMatch(/\n\nsecond line/);
  });
});
