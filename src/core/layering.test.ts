/**
 * The layering of src/core, read from its import statements: no cycles
 * between files, the root files (findings, data paths, time) at the bottom,
 * and the rules apart from the renderers. Type-only imports count where a
 * test says so: they tie modules together for a reader as much as values do.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = import.meta.dirname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const FILES = sources(CORE).map((f) => relative(CORE, f).split(sep).join('/'));

/** Relative imports (and re-exports) of one file inside src/core; "import type" and all-"type" braces are type-only. */
function importsOf(file: string): { to: string; typeOnly: boolean }[] {
  const text = readFileSync(join(CORE, file), 'utf8');
  return [...text.matchAll(/^(?:import|export)\s+(type\s+)?([^'"]*?)\s*from\s+'(\.[^']+)'/gms)].flatMap((m) => {
    const to = normalize(join(dirname(file), m[3]!))
      .split(sep)
      .join('/');
    if (to.startsWith('..')) return [];
    const names = /^\{([^}]*)\}$/
      .exec(m[2]!.trim())?.[1]
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return [{ to, typeOnly: Boolean(m[1]) || Boolean(names?.length && names.every((n) => n.startsWith('type '))) }];
  });
}

const IMPORTS = new Map(FILES.map((f) => [f, importsOf(f)]));
const folderOf = (file: string) => (file.includes('/') ? file.slice(0, file.indexOf('/')) : file.replace(/\.ts$/, ''));

/** Every cycle found by a depth-first walk (each reported once, from where the walk entered it). */
function cycles(edges: (file: string) => string[]): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const found: string[][] = [];
  const walk = (f: string, path: string[]) => {
    state.set(f, 'open');
    path.push(f);
    for (const to of edges(f)) {
      if (state.get(to) === 'open') found.push([...path.slice(path.indexOf(to)), to]);
      else if (!state.has(to)) walk(to, path);
    }
    path.pop();
    state.set(f, 'done');
  };
  for (const f of FILES) if (!state.has(f)) walk(f, []);
  return found;
}

describe('layering of src/core', () => {
  it('reads the imports it judges (the checker imports the rule catalog; a type-only import is told apart)', () => {
    expect(FILES.length).toBeGreaterThan(100);
    expect(IMPORTS.get('check/check-incidents.ts')).toContainEqual({ to: 'rules/registry.ts', typeOnly: false });
    expect(IMPORTS.get('check/check-incidents.ts')).toContainEqual({ to: 'ledger/ledger.ts', typeOnly: true });
  });

  it('no import cycles between files at run time', () => {
    expect(
      cycles((f) => (IMPORTS.get(f) ?? []).filter((i) => !i.typeOnly).map((i) => i.to)).map((c) => c.join(' → ')),
    ).toEqual([]);
  });

  it('no cycle of files, type imports included, passes through the rules, the checker or the findings contract', () => {
    const ours = (f: string) => f.startsWith('rules/') || f.startsWith('check/') || f === 'findings.ts';
    const found = cycles((f) => (IMPORTS.get(f) ?? []).map((i) => i.to)).filter((c) => c.some(ours));
    expect(found.map((c) => c.join(' → '))).toEqual([]);
  });

  it('the root files (findings, data paths, time, schema parts) are the bottom layer: they import no folder of src/core', () => {
    const up = FILES.filter((f) => !f.includes('/')).flatMap((f) =>
      (IMPORTS.get(f) ?? []).filter((i) => i.to.includes('/')).map((i) => `${f} → ${i.to}`),
    );
    expect(up).toEqual([]);
  });

  it('the rules read the postmortem document shape, not the template renderer, and format no dates', () => {
    const bad = FILES.filter((f) => f.startsWith('rules/')).flatMap((f) =>
      (IMPORTS.get(f) ?? [])
        .filter(
          (i) => i.to === 'review/postmortem-template.ts' || i.to.startsWith('i18n/') || i.to.startsWith('check/'),
        )
        .map((i) => `${f} → ${i.to}`),
    );
    expect(bad).toEqual([]);
  });

  it('the ledger is a leaf: its data model imports only the root files, so the engine, the SLA clock and the lifecycle can all read it', () => {
    const up = FILES.filter((f) => f.startsWith('ledger/')).flatMap((f) =>
      (IMPORTS.get(f) ?? [])
        .filter((i) => i.to.includes('/') && !i.to.startsWith('ledger/'))
        .map((i) => `${f} → ${i.to}`),
    );
    expect(FILES.filter((f) => f.startsWith('ledger/')).length).toBeGreaterThan(0);
    expect(up).toEqual([]);
  });

  it('no two folders import each other, except the pairs known to be tangled (remove a pair once it is untangled)', () => {
    const KNOWN = ['incident ↔ sla'];
    const edges = new Set(FILES.flatMap((f) => (IMPORTS.get(f) ?? []).map((i) => `${folderOf(f)}→${folderOf(i.to)}`)));
    const mutual = [...edges].flatMap((e) => {
      const [a, b] = e.split('→') as [string, string];
      return a < b && edges.has(`${b}→${a}`) ? [`${a} ↔ ${b}`] : [];
    });
    expect(mutual.filter((p) => !KNOWN.includes(p))).toEqual([]);
  });
});
