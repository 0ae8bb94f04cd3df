import { describe, expect, it } from 'vitest';
import { escapeSlackText } from './escape-slack.ts';
import { escapeHtml } from './escape-html.ts';

/** Slack's own decoding of the three entities it documents, nothing else: what a reader of the message sees. */
const slackShows = (s: string) => s.replace(/&(amp|lt|gt);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>' })[e]!);

describe('escapeSlackText', () => {
  it('a message cannot ping everyone or a user, nor forge a link', () => {
    const out = escapeSlackText('<!channel> <!here> <@U123> <https://evil.example|click> & &amp;');
    expect(out).not.toMatch(/[<>]/);
    expect(out).toBe('&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; &lt;https://evil.example|click&gt; &amp; &amp;amp;');
  });

  it('escapes only &, < and >: quotes stay as typed, unlike HTML (Slack would show "&quot;" literally)', () => {
    expect(escapeSlackText(`"it's" <b>`)).toBe(`"it's" &lt;b&gt;`);
    expect(escapeHtml(`"it's"`)).not.toBe(escapeSlackText(`"it's"`));
  });

  it('already-escaped text is escaped again, so what the author typed is what Slack shows', () => {
    const typed = '&lt;!channel&gt; &amp;amp; &#60;';
    expect(escapeSlackText(typed)).toBe('&amp;lt;!channel&amp;gt; &amp;amp;amp; &amp;#60;');
    expect(slackShows(escapeSlackText(typed))).toBe(typed);
  });

  it('leaves mrkdwn emphasis, Japanese, emoji, fullwidth look-alikes and line breaks alone', () => {
    const s = '*障害* _復旧_ ~x~ `code` 🍣 👨‍👩‍👧 ＆＜＞ \u2028\n\t';
    expect(escapeSlackText(s)).toBe(s);
  });

  it('a huge hostile input is escaped whole and reads back as itself', () => {
    const big = '<!everyone>&'.repeat(100_000);
    const out = escapeSlackText(big);
    expect(out).not.toMatch(/[<>]/);
    expect(out.length).toBe(100_000 * '&lt;!everyone&gt;&amp;'.length);
    expect(slackShows(out)).toBe(big);
  });
});
