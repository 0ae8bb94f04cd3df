/**
 * Catalog validation beyond shape (unique ids, references) and a lookup index
 * that rules use. Pure: takes parsed YAML data, returns the catalog or problems.
 */
import { z } from 'zod';
import { CatalogSchema, type Catalog, type Department, type Service } from './schema.ts';

export interface CatalogProblem {
  path: string;
  message: string;
}

export type CatalogResult = { ok: true; catalog: Catalog } | { ok: false; problems: CatalogProblem[] };

export function parseCatalog(data: unknown): CatalogResult {
  const parsed = CatalogSchema.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    };
  }
  const problems = referenceProblems(parsed.data);
  return problems.length ? { ok: false, problems } : { ok: true, catalog: parsed.data };
}

function referenceProblems(c: Catalog): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const dup = (ids: string[], path: string, what: string) => {
    const seen = new Set<string>();
    ids.forEach((id) => {
      if (seen.has(id)) problems.push({ path, message: `${what} "${id}" is defined twice` });
      seen.add(id);
    });
  };
  dup(
    c.services.map((s) => s.id),
    'services',
    'service',
  );
  dup(
    c.departments.map((d) => d.id),
    'departments',
    'department',
  );
  c.services.forEach((s, i) => {
    dup(
      s.component_groups.flatMap((g) => g.components.map((x) => x.id)),
      `services[${i}].component_groups`,
      `component`,
    );
    dup(
      s.component_groups.map((g) => g.id),
      `services[${i}].component_groups`,
      `component group`,
    );
  });
  const serviceIds = new Set(c.services.map((s) => s.id));
  c.departments.forEach((d, i) =>
    d.services.forEach((s, j) => {
      if (!serviceIds.has(s)) {
        problems.push({
          path: `departments[${i}].services[${j}]`,
          message: `unknown service "${s}"; known: ${[...serviceIds].join(', ')}`,
        });
      }
    }),
  );
  problems.push(...intakeProblems(c));
  return problems;
}

/** Intake routes name a real service, its components, and a department responsible for it. */
function intakeProblems(c: Catalog): CatalogProblem[] {
  return (c.intake?.routes ?? []).flatMap((r, i) => {
    const path = `intake.routes[${i}]`;
    const service = c.services.find((s) => s.id === r.service);
    if (!service) return [{ path: `${path}.service`, message: `unknown service "${r.service}"` }];
    const known = service.component_groups.flatMap((g) => g.components.map((x) => x.id));
    const out: CatalogProblem[] = (r.components ?? [])
      .filter((x) => !known.includes(x))
      .map((x) => ({
        path: `${path}.components`,
        message: `"${x}" is not a component of ${r.service}; known: ${known.join(', ')}`,
      }));
    const dept = c.departments.find((d) => d.id === r.department);
    if (!dept || !dept.services.includes(r.service))
      out.push({
        path: `${path}.department`,
        message: `department "${r.department}" is not responsible for ${r.service}`,
      });
    return out;
  });
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${String(seg)}` : String(seg)),
    '',
  );
}

/** Fast lookups over a validated catalog. */
export interface CatalogIndex {
  catalog: Catalog;
  service(id: string): Service | undefined;
  department(id: string): Department | undefined;
  componentIds(serviceId: string): string[];
  componentName(serviceId: string, componentId: string): z.output<typeof CatalogSchema>['site']['name'] | undefined;
}

export function indexCatalog(catalog: Catalog): CatalogIndex {
  const services = new Map(catalog.services.map((s) => [s.id, s]));
  const departments = new Map(catalog.departments.map((d) => [d.id, d]));
  const components = new Map(
    catalog.services.map((s) => [s.id, new Map(s.component_groups.flatMap((g) => g.components.map((c) => [c.id, c])))]),
  );
  return {
    catalog,
    service: (id) => services.get(id),
    department: (id) => departments.get(id),
    componentIds: (serviceId) => [...(components.get(serviceId)?.keys() ?? [])],
    componentName: (serviceId, componentId) => components.get(serviceId)?.get(componentId)?.name,
  };
}
