/**
 * Plain text inside a Slack mrkdwn message that shows as exactly that text.
 * Slack's "Escaping text" rule (https://api.slack.com/reference/surfaces/formatting#escaping):
 * `&`, `<` and `>` are its control characters and are replaced with `&amp;`, `&lt;`
 * and `&gt;`; nothing else is entity-encoded, because Slack decodes only those three
 * (an `&quot;` would show literally). So this is not `escapeHtml`: a different format.
 * Escaping `<` and `>` is what keeps a title such as `<!channel>` or `<https://x|y>`
 * from becoming a mention or a link. `&` first, so the entities it writes are not escaped twice.
 */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
