import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASE_FILE, baseText, catalog, makeIncident, NOW } from '../../../test/builders.ts';
import { serializeIncident } from '../incident/serialize.ts';
import { checkFile } from './check-incidents.ts';
import { RULES } from '../rules/registry.ts';

const options = { catalog, now: NOW };
const codes = new Set(RULES.map((r) => r.code));

describe('the checker never crashes', () => {
  it('on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const { findings } = checkFile({ file: BASE_FILE, content: bytes }, options);
        for (const f of findings) expect(codes.has(f.code)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('on arbitrary text after a front-matter delimiter', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const { findings } = checkFile({ file: BASE_FILE, content: `---\n${s}\n---\n` }, options);
        expect(findings.every((f) => f.line >= 1 && f.column >= 1)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('on the valid file with any single line deleted, and always locates findings inside the file', () => {
    const lines = baseText.split('\n');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: lines.length - 1 }), (n) => {
        const text = lines.filter((_, i) => i !== n).join('\n');
        const { findings } = checkFile({ file: BASE_FILE, content: text }, options);
        for (const f of findings) expect(f.line).toBeLessThanOrEqual(lines.length);
      }),
    );
  });
});

describe('timestamp rules on whole files', () => {
  const base = makeIncident();
  it('INC030 fires iff some update is earlier than the one before it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 80 }), { minLength: 4, maxLength: 4 }), (minutes) => {
        const start = Date.parse('2026-11-20T10:14:00+09:00');
        const updates = base.updates.map((u, i) => ({
          ...u,
          at: new Date(start + minutes[i]! * 60_000).toISOString(),
        }));
        const incident = { ...base, updates, recovered_at: updates.at(-1)!.at };
        const found = checkFile({ file: BASE_FILE, content: serializeIncident(incident, '') }, options).findings.filter(
          (f) => f.code === 'INC030',
        );
        const unsorted = minutes.filter((m, i) => i > 0 && m < minutes[i - 1]!).length;
        expect(found).toHaveLength(unsorted);
      }),
    );
  });

  it('INC034 fires iff a recorded time is more than 5 minutes past now', () => {
    fc.assert(
      fc.property(fc.integer({ min: -600, max: 600 }), (offsetMinutes) => {
        const closed = new Date(NOW + offsetMinutes * 60_000).toISOString();
        const incident = {
          ...base,
          prevention: [],
          postmortem: {
            status: 'approved' as const,
            approvers: ['t-sato'],
            approved_at: '2026-11-21T10:00:00+09:00',
            summary: { ja: '要約', en: 'Summary' },
          },
          closed_at: closed,
        };
        const found = checkFile({ file: BASE_FILE, content: serializeIncident(incident, '') }, options).findings.some(
          (f) => f.code === 'INC034',
        );
        expect(found).toBe(offsetMinutes > 5);
      }),
    );
  });
});

describe('serializer', () => {
  it('reading back what the CLI writes gives the same incident', () => {
    const incident = makeIncident();
    const text = serializeIncident(incident, 'Body.');
    const { findings } = checkFile({ file: BASE_FILE, content: text }, options);
    expect(findings).toEqual([]);
    expect(serializeIncident(makeIncident(), 'Body.')).toBe(text);
    expect(text).toContain('at: "2026-11-20T10:02:00+09:00"');
  });
});
