import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv-parse.ts';
import { csv, CSV_BOM } from './package.ts';

const columns = ['a', 'b', 'c'];

describe('the package CSV', () => {
  it('round-trips any text: commas, quotes, CR/LF, BOMs, formula starts and leading apostrophes', () => {
    const cell = fc.oneof(
      fc.string(),
      fc.constantFrom('=1+1', '+1', '-1', '@SUM(A1)', '\t=x', '\r=x', "'", "'=x", '""', '\r\n', '\uFEFFx', ''),
    );
    fc.assert(
      fc.property(fc.array(fc.record({ a: cell, b: cell, c: cell }), { maxLength: 5 }), (rows) => {
        expect(parseCsv(csv(rows, columns))).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });

  it('starts with a BOM and leaves no cell a spreadsheet would run as a formula', () => {
    const text = csv(
      [
        { a: '=HYPERLINK("http://x.invalid")', b: '@cmd', c: '-2+3' },
        { a: '\t=1', b: 'plain', c: "'quoted" },
      ],
      columns,
    );
    expect(text.startsWith(CSV_BOM)).toBe(true);
    const cells = text
      .slice(1)
      .split('\r\n')
      .slice(1, -1)
      .flatMap((line) => line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/));
    for (const c of cells) expect(c.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/);
    expect(text).toContain(`"'=HYPERLINK(""http://x.invalid"")","'@cmd","'-2+3"`);
    expect(text).toContain(`"''quoted"`);
  });
});
