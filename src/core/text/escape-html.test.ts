import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape-html.ts';

describe('escapeHtml', () => {
  it('escapes all five characters HTML gives meaning to', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });

  it('escapes already-escaped text again: an entity someone typed shows as typed', () => {
    expect(escapeHtml('&amp; &lt;b&gt; &#39; &quot;')).toBe('&amp;amp; &amp;lt;b&amp;gt; &amp;#39; &amp;quot;');
  });

  it('a markup injection stays text, in content and in a quoted attribute', () => {
    const hostile = `"><script>alert('x')</script><img src=x onerror=alert(1)>`;
    const out = escapeHtml(hostile);
    expect(out).not.toMatch(/[<>"']/);
    expect(out).toBe('&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
  });

  it('leaves everything else alone: astral characters, surrogate pairs, Japanese, control characters, line breaks', () => {
    const s = '𠮷野家 🍣 👨‍👩‍👧 障害\u0000\t\r\n ＆＜＞';
    expect(escapeHtml(s)).toBe(s);
    expect(escapeHtml('🍣&🍣')).toBe('🍣&amp;🍣');
  });

  it('a huge input is escaped whole and decodes back to itself', () => {
    const big = `<&>"'`.repeat(200_000);
    const out = escapeHtml(big);
    expect(out.length).toBe(200_000 * '&lt;&amp;&gt;&quot;&#39;'.length);
    const decode = (s: string) =>
      s.replace(
        /&(amp|lt|gt|quot|#39);/g,
        (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!,
      );
    expect(decode(out)).toBe(big);
  });

  it('empty in, empty out', () => {
    expect(escapeHtml('')).toBe('');
  });
});
