/**
 * Plain text as HTML that renders as exactly that text. All five characters
 * HTML gives meaning to are escaped, so the result is safe both between tags
 * and inside a quoted attribute value (single or double quotes). `&#39;`
 * rather than `&apos;`: HTML 4 and some e-mail clients do not know `&apos;`.
 * Already-escaped text is escaped again on purpose: `&amp;` in a message is
 * what its author wrote and must show as `&amp;`.
 */
const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}
